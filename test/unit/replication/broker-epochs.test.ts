// Broker epochs on the leader (KIP-903), on a real partition over the in-memory file system: a
// fetch from an earlier incarnation of a follower than the image knows records nothing, a restarted
// follower is not caught up on its previous incarnation's progress, and the leader asks the
// controller to add only followers the image says may join (Kafka's isReplicaIsrEligible).
import { describe, expect, it } from 'vitest';
import type { AlterPartitionRequest } from '../../../protocol/generated/api/56-alter-partition.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { fetch } from '../../../src/replication/fetch.js';
import type { Partition } from '../../../src/replication/partition.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicIdOf, topicRecords } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

interface Broker {
  id: number;
  epoch: number;
  fenced?: boolean;
  inControlledShutdown?: boolean;
}

/** A turn of the event loop: ISR changes go out batched, after the pass that asked for them. */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

function registration(b: Broker) {
  return record(MetadataRecordType.REGISTER_BROKER, {
    brokerId: b.id, isMigratingZkBroker: false, incarnationId: topicIdOf(`broker-${b.id}-${b.epoch}`), brokerEpoch: b.epoch,
    endPoints: [], features: [], rack: null, fenced: b.fenced ?? false, inControlledShutdown: b.inControlledShutdown ?? false, logDirs: [],
  });
}

function isrChange(isr: number[]) {
  return record(MetadataRecordType.PARTITION_CHANGE, {
    partitionId: 0, topicId: topicIdOf('t'), isr, leader: -2, replicas: null, removingReplicas: null, addingReplicas: null,
    leaderRecoveryState: -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
  });
}

interface Leader {
  replicas: ReplicaManager;
  p: Partition;
  sent: AlterPartitionRequest[];
  clock: { now: number };
}

/** Node 1 leads t-0 on replicas [1, 2, 3] with the given ISR, brokers registered as given. */
async function leader(isr: number[], brokers: Broker[]): Promise<Leader> {
  const clock = { now: 1_000_000 };
  const nowMs = (): number => clock.now;
  const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
  const sent: AlterPartitionRequest[] = [];
  const replicas = new ReplicaManager({
    nodeId: 1, logDir, config, nowMs, brokerEpoch: () => 7,
    alterPartition: (req) => {
      sent.push(req);
      return new Promise(() => undefined);
    },
  });
  const image: MetadataImage = applyRecords(EMPTY_IMAGE, [...brokers.map(registration), ...topicRecords('t', 1, () => [1, 2, 3]), isrChange(isr)]);
  await replicas.applyImage(image, EMPTY_IMAGE);
  const found = replicas.lookup('t', 0);
  if (!('partition' in found)) throw new Error('not hosted');
  const p = found.partition;
  for (let i = 0; i < 3; i++) await p.log.append(encodeTestBatch({ baseTimestampMs: clock.now }), { leaderEpoch: p.leaderEpoch });
  return { replicas, p, sent, clock };
}

function followerFetch(l: Leader, replicaId: number, replicaEpoch: number, fetchOffset: number) {
  return Promise.resolve(fetch(l.replicas, {
    replicaId, replicaEpoch, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20,
    partitions: [{ topic: 't', partition: 0, fetchOffset, partitionMaxBytes: 1 << 20, currentLeaderEpoch: l.p.leaderEpoch, lastFetchedEpoch: -1 }],
  }));
}

describe('a fetch from an earlier incarnation of a follower', () => {
  it('answers NOT_LEADER_OR_FOLLOWER and records nothing', async () => {
    const l = await leader([1, 2, 3], [{ id: 2, epoch: 43 }, { id: 3, epoch: 50 }]);
    await followerFetch(l, 3, 50, 3);
    const [stale] = await followerFetch(l, 2, 42, 3);
    expect(stale!.errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    expect(l.p.followers.get(2)!.logEndOffset).toBe(-1);
    expect(l.p.highWatermark).toBe(0);
    const [current] = await followerFetch(l, 2, 43, 3);
    expect(current!.errorCode).toBe(ErrorCode.NONE);
    expect(l.p.highWatermark).toBe(3);
  });
});

describe('a restarted follower in the ISR', () => {
  it('is not caught up until a fetch of its new incarnation reaches the leader end', async () => {
    const l = await leader([1, 2, 3], []);
    await followerFetch(l, 2, 41, 3);
    await followerFetch(l, 3, 42, 3);
    // Follower 3 restarts, having lost its last record; it is no longer caught up.
    l.clock.now += 1_000;
    await followerFetch(l, 3, 44, 2);
    expect(l.p.followers.get(3)!.lastCaughtUpMs).toBe(0);
    l.replicas.checkIsr([l.p]);
    await settle();
    expect(l.sent.map((r) => r.topics[0]!.partitions[0]!.newIsr)).toEqual([[1, 2]]);
  });

  it('is not caught up either when its new incarnation first fetches before it has registered (epoch -1)', async () => {
    const l = await leader([1, 2, 3], []);
    await followerFetch(l, 2, 41, 3);
    await followerFetch(l, 3, 42, 3);
    l.clock.now += 1_000;
    await followerFetch(l, 3, -1, 2);
    await followerFetch(l, 3, 44, 2);
    expect(l.p.followers.get(3)!.lastCaughtUpMs).toBe(0);
  });
});

describe('ISR expansion asks only for eligible followers', () => {
  const cases: [string, Broker, number][] = [
    ['fenced', { id: 3, epoch: 50, fenced: true }, 50],
    ['in controlled shutdown', { id: 3, epoch: 50, inControlledShutdown: true }, 50],
    ['registered at another broker epoch than it fetched with', { id: 3, epoch: 51 }, 50],
  ];
  for (const [name, broker, fetchedWith] of cases) {
    it(`not a follower ${name}`, async () => {
      const l = await leader([1, 2], [{ id: 2, epoch: 43 }, broker]);
      await followerFetch(l, 2, 43, 3);
      for (let i = 0; i < 5; i++) await followerFetch(l, 3, fetchedWith, 3);
      expect(l.sent).toEqual([]);
    });
  }

  it('a follower unfenced at the broker epoch it fetched with', async () => {
    const l = await leader([1, 2], [{ id: 2, epoch: 43 }, { id: 3, epoch: 50 }]);
    await followerFetch(l, 2, 43, 3);
    await followerFetch(l, 3, 50, 3);
    expect(l.sent.map((r) => r.topics[0]!.partitions[0]!.newIsrWithEpochs)).toEqual([
      [{ brokerId: 1, brokerEpoch: 7 }, { brokerId: 2, brokerEpoch: 43 }, { brokerId: 3, brokerEpoch: 50 }],
    ]);
  });
});
