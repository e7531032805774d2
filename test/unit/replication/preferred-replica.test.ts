// KIP-392's RackAwareReplicaSelector as Kafka's ReplicaManager applies it: which follower a consumer
// in a given rack is sent to, and when the leader keeps serving it itself; and the config key that
// turns it on.
import { describe, expect, it } from 'vitest';
import { RACK_AWARE_SELECTOR } from '../../../src/config/broker-keys.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import type { BrokerState } from '../../../src/metadata/image.js';
import type { FollowerProgress, Partition } from '../../../src/replication/partition.js';
import { preferredReadReplica } from '../../../src/replication/preferred-replica.js';

const NOW_MS = 1_000_000;
const CLIENT = { rack: 'b', listener: 'PLAINTEXT' };

function broker(id: number, rack: string | null, extra: Partial<BrokerState> = {}): BrokerState {
  return {
    id, epoch: 1, incarnationId: 'x', rack, fenced: false, inControlledShutdown: false, features: [],
    endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 + id, securityProtocol: 0 }, { name: 'SSL', host: '127.0.0.1', port: 9192 + id, securityProtocol: 1 }],
    ...extra,
  };
}

function progress(logEndOffset: number, extra: Partial<FollowerProgress> = {}): FollowerProgress {
  return { logEndOffset, logStartOffset: 0, lastFetchMs: NOW_MS, lastFetchLeaderEndOffset: logEndOffset, lastCaughtUpMs: NOW_MS, brokerEpoch: 1, ...extra };
}

/** Leader 1 (rack a) of replicas 1-4 with `isr`, followers at `followers`. */
function partition(isr: number[], followers: Record<number, FollowerProgress>): Partition {
  return { state: { isr, replicas: [1, 2, 3, 4] }, followers: new Map(Object.entries(followers).map(([id, f]) => [Number(id), f])) } as unknown as Partition;
}

const brokers = (...list: BrokerState[]): Map<number, BrokerState> => new Map(list.map((b) => [b.id, b]));
const RACKS = brokers(broker(1, 'a'), broker(2, 'b'), broker(3, 'b'), broker(4, 'c'));

describe('preferred read replica (RackAwareReplicaSelector)', () => {
  it('sends a consumer to the in-sync follower of its rack that holds the fetch offset', () => {
    const p = partition([1, 2, 3, 4], { 2: progress(10), 3: progress(5), 4: progress(10) });
    expect(preferredReadReplica(p, CLIENT, 7, NOW_MS, RACKS, 1)).toBe(2);
    // Both hold it: the higher log end offset wins.
    expect(preferredReadReplica(p, CLIENT, 5, NOW_MS, RACKS, 1)).toBe(2);
    expect(preferredReadReplica(p, { rack: 'c', listener: 'PLAINTEXT' }, 7, NOW_MS, RACKS, 1)).toBe(4);
  });

  it('breaks ties by the follower caught up most recently, then the highest id', () => {
    const stale = partition([1, 2, 3], { 2: progress(10, { lastCaughtUpMs: NOW_MS - 500 }), 3: progress(10, { lastCaughtUpMs: NOW_MS - 100 }) });
    expect(preferredReadReplica(stale, CLIENT, 10, NOW_MS, RACKS, 1)).toBe(3);
    const even = partition([1, 2, 3], { 2: progress(10), 3: progress(10) });
    expect(preferredReadReplica(even, CLIENT, 10, NOW_MS, RACKS, 1)).toBe(3);
  });

  it('keeps the consumer on the leader when the leader is in its rack, it names no rack, or no follower qualifies', () => {
    const p = partition([1, 2, 3, 4], { 2: progress(10), 3: progress(10), 4: progress(10) });
    expect(preferredReadReplica(p, { rack: 'a', listener: 'PLAINTEXT' }, 0, NOW_MS, RACKS, 1)).toBe(-1);
    expect(preferredReadReplica(p, { rack: '', listener: 'PLAINTEXT' }, 0, NOW_MS, RACKS, 1)).toBe(-1);
    expect(preferredReadReplica(p, { rack: 'z', listener: 'PLAINTEXT' }, 0, NOW_MS, RACKS, 1)).toBe(-1);
    // Out of the ISR, behind the fetch offset, or past it at the start (its log was truncated).
    expect(preferredReadReplica(partition([1, 4], { 2: progress(10), 3: progress(10) }), CLIENT, 0, NOW_MS, RACKS, 1)).toBe(-1);
    expect(preferredReadReplica(partition([1, 2, 3], { 2: progress(4), 3: progress(3) }), CLIENT, 5, NOW_MS, RACKS, 1)).toBe(-1);
    expect(preferredReadReplica(partition([1, 2, 3], { 2: progress(10, { logStartOffset: 6 }), 3: progress(10, { logStartOffset: 8 }) }), CLIENT, 5, NOW_MS, RACKS, 1)).toBe(-1);
    // A follower that has not fetched under this leadership yet (its log end offset is unknown).
    expect(preferredReadReplica(partition([1, 2, 3], { 2: progress(-1), 3: progress(-1) }), CLIENT, 0, NOW_MS, RACKS, 1)).toBe(-1);
  });

  it('names only a follower the client can reach: registered, unfenced, on its listener', () => {
    const p = partition([1, 2, 3], { 2: progress(10), 3: progress(10) });
    expect(preferredReadReplica(p, CLIENT, 0, NOW_MS, brokers(broker(1, 'a'), broker(2, 'b', { fenced: true })), 1)).toBe(-1);
    expect(preferredReadReplica(p, { rack: 'b', listener: 'SASL_SSL' }, 0, NOW_MS, RACKS, 1)).toBe(-1);
    const oneListener = broker(3, 'b', { endpoints: [{ name: 'INTERNAL', host: '127.0.0.1', port: 9000, securityProtocol: 0 }] });
    // A broker with a single listener is listed to every client (see brokerEndpoints), so it qualifies.
    expect(preferredReadReplica(p, { rack: 'b', listener: 'SASL_SSL' }, 0, NOW_MS, brokers(broker(1, 'a'), broker(2, 'b'), oneListener), 1)).toBe(3);
  });
});

describe('replica.selector.class', () => {
  it('takes Kafka\'s rack-aware selector, and refuses any other class with a message naming it', () => {
    const resolve = (value: string) => ServerConfig.resolve({ profile: 'dev', overrides: new Map([['replica.selector.class', value]]) });
    expect(resolve(RACK_AWARE_SELECTOR).get('replica.selector.class')).toBe(RACK_AWARE_SELECTOR);
    expect(() => resolve('com.example.NearestReplicaSelector')).toThrow(
      `replica.selector.class: "com.example.NearestReplicaSelector" is not one of ${RACK_AWARE_SELECTOR}`);
    expect(ServerConfig.resolve({ profile: 'dev' }).get('replica.selector.class')).toBeNull();
  });
});
