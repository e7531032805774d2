// The partition tools against three nodes, with the automatic rebalance off. leader-election: the
// preferred replica is killed, leadership moves, it comes back and catches up, and the tool gives
// it its leadership back, as kafka-leader-election does; asked again it has nothing to do.
// reassign-partitions: a plan generated, executed while a producer writes, verified and rolled
// back; one onto a killed broker stays in progress until cancelled. Every acknowledged record is
// read back once. producer-perf-test: a run under acks=all goes on past a killed leader and
// reports every record, each of which the partitions hold (at least once); consumer-perf-test
// reads them all past another killed leader, and past one killed while it reads. cluster unregister takes a killed broker out of the
// ISRs and the broker list; started again, it registers afresh.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import type { Cluster } from '../../src/cluster/cluster.js';
import { runInProcess as cli } from '../helpers/cli-in-process.js';
import { THREE_NODE_OVERRIDES, kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';

let cluster: Cluster;
let admin: Admin;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, overrides: { ...THREE_NODE_OVERRIDES, 'auto.leader.rebalance.enable': 'false' } });
  admin = kafkaClient(cluster).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await cluster?.stop();
});

const partition = async (topic = 'elect') => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions[0]!;
const bootstrap = (): string[] => ['--bootstrap-server', cluster.bootstrapServers];

/** An idempotent acks=all producer and the values it has had acknowledged. */
async function writer(topic: string) {
  const producer = kafkaClient(cluster).producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 20, initialRetryTime: 100 } });
  await producer.connect();
  const sent: string[] = [];
  return {
    sent,
    send: async (n: number) => {
      for (let i = 0; i < n; i++) {
        const value = `r${sent.length}`;
        await producer.send({ topic, acks: -1, messages: [{ value }] });
        sent.push(value);
      }
    },
    close: () => producer.disconnect(),
  };
}

/** The partition's records as its leader serves them. */
async function stored(topic: string): Promise<(string | undefined)[]> {
  const id = (await partition(topic)).leader;
  const node = cluster.nodes.find((n) => n.nodeId === id)!;
  const raw = await RawClient.connect(`${node.brokerAddresses[0]!.host}:${node.brokerAddresses[0]!.port}`);
  try {
    return (await readPartition(raw, topic, 0)).map((r) => r.value?.toString());
  } finally {
    raw.close();
  }
}

describe('leader-election', () => {
  it('gives a killed and restarted preferred replica its leadership back; a second run has nothing to do', async () => {
    const controller = cluster.nodes.find((n) => n.quorumStatus?.role === 'leader')!.nodeId;
    const preferred = [1, 2, 3].find((id) => id !== controller)!;
    const replicas = [preferred, ...[1, 2, 3].filter((id) => id !== preferred)];
    await admin.createTopics({ topics: [{ topic: 'elect', replicaAssignment: [{ partition: 0, replicas }] }] });
    await retry(async () => expect((await partition()).isr).toHaveLength(3));
    const w = await writer('elect');
    await w.send(20);

    cluster.kill(preferred);
    await retry(async () => expect((await partition()).leader).not.toBe(preferred));
    await w.send(20);
    await cluster.restart(preferred);
    await retry(async () => expect((await partition()).isr).toContain(preferred));
    expect((await partition()).leader).not.toBe(preferred);

    const elected = await cli(['leader-election', ...bootstrap(), '--election-type', 'preferred', '--topic', 'elect', '--partition', '0']);
    expect(elected).toEqual({ code: 0, stdout: 'Successfully completed leader election (PREFERRED) for partitions elect-0\n', stderr: '' });
    await retry(async () => expect((await partition()).leader).toBe(preferred));
    const again = await cli(['leader-election', ...bootstrap(), '--election-type', 'preferred', '--all-topic-partitions']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('Successfully completed');
    await w.send(20);
    await w.close();

    const unknown = await cli(['leader-election', ...bootstrap(), '--election-type', 'preferred', '--topic', 'nope', '--partition', '0']);
    expect(unknown).toMatchObject({ code: 1, stdout: expect.stringMatching(/^Error completing leader election \(PREFERRED\) for partition: nope-0: UNKNOWN_TOPIC_OR_PARTITION/) });
    expect((await cli(['leader-election', ...bootstrap(), '--election-type', 'sometimes', '--all-topic-partitions'])).code).toBe(2);
    expect((await cli(['leader-election', ...bootstrap(), '--election-type', 'preferred'])).code).toBe(2);
    expect(await stored('elect')).toEqual(w.sent);
  });
});

describe('reassign-partitions', () => {
  const file = (name: string, content: unknown): string => {
    const f = path.join(cluster.dataDir, name);
    fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
    return f;
  };

  it('generates, executes and verifies a plan while a producer writes, then rolls it back', async () => {
    await admin.createTopics({ topics: [{ topic: 'moving', replicaAssignment: [{ partition: 0, replicas: [1, 2] }] }] });
    await retry(async () => expect((await partition('moving')).isr).toHaveLength(2));
    const generated = await cli(['reassign-partitions', ...bootstrap(), '--generate', '--topics-to-move-json-file', file('topics.json', { topics: [{ topic: 'moving' }], version: 1 }), '--broker-list', '3,2']);
    expect(generated).toEqual({ code: 0, stderr: '', stdout: 'Current partition replica assignment\n'
      + '{"version":1,"partitions":[{"topic":"moving","partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}\n\n'
      + 'Proposed partition reassignment configuration\n'
      + '{"version":1,"partitions":[{"topic":"moving","partition":0,"replicas":[3,2],"log_dirs":["any","any"]}]}\n' });
    const plan = file('plan.json', generated.stdout.trimEnd().split('\n').at(-1)!);
    const w = await writer('moving');
    await w.send(20);
    const executed = await cli(['reassign-partitions', ...bootstrap(), '--execute', '--reassignment-json-file', plan]);
    expect(executed.code).toBe(0);
    expect(executed.stdout).toMatch(/Save this to use as the --reassignment-json-file option during rollback\nSuccessfully started partition reassignment for moving-0\n$/);
    const rollback = file('rollback.json', executed.stdout.split('\n')[2]!);
    await w.send(20);
    await retry(async () => expect((await cli(['reassign-partitions', ...bootstrap(), '--verify', '--reassignment-json-file', plan])).stdout)
      .toBe('Status of partition reassignment:\nReassignment of partition moving-0 is completed.\n'
        + 'Clearing broker-level throttles on brokers 1,2,3\nClearing topic-level throttles on topic moving\n'));
    expect((await partition('moving')).replicas).toEqual([3, 2]);
    expect((await cli(['reassign-partitions', ...bootstrap(), '--list'])).stdout).toBe('No partition reassignments found.\n');
    expect((await cli(['reassign-partitions', ...bootstrap(), '--verify', '--reassignment-json-file', rollback])).stdout)
      .toBe('Status of partition reassignment:\nThere is no active reassignment of partition moving-0, but replica set is 3,2 rather than 1,2.\n'
        + 'Clearing broker-level throttles on brokers 1,2,3\nClearing topic-level throttles on topic moving\n');

    expect((await cli(['reassign-partitions', ...bootstrap(), '--execute', '--reassignment-json-file', rollback])).code).toBe(0);
    await w.send(20);
    await retry(async () => expect((await partition('moving')).replicas).toEqual([1, 2]));
    await w.close();
    expect(await stored('moving')).toEqual(w.sent);
  });

  it('a reassignment onto a killed broker stays in progress, listed, until cancelled; bad plans are refused', async () => {
    await admin.createTopics({ topics: [{ topic: 'stuck', replicaAssignment: [{ partition: 0, replicas: [1, 2] }] }] });
    await retry(async () => expect((await partition('stuck')).isr).toHaveLength(2));
    const target = 3;
    const w = await writer('stuck');
    await w.send(10);
    cluster.kill(target);
    try {
      const plan = file('stuck.json', { version: 1, partitions: [{ topic: 'stuck', partition: 0, replicas: [1, 2, target] }] });
      expect((await cli(['reassign-partitions', ...bootstrap(), '--execute', '--reassignment-json-file', plan])).code).toBe(0);
      expect((await cli(['reassign-partitions', ...bootstrap(), '--verify', '--reassignment-json-file', plan])).stdout)
        .toBe('Status of partition reassignment:\nReassignment of partition stuck-0 is still in progress.\n');
      expect((await cli(['reassign-partitions', ...bootstrap(), '--list'])).stdout)
        .toBe(`Current partition reassignments:\nstuck-0: replicas: 1,2,${target}. adding: ${target}.\n`);
      const another = await cli(['reassign-partitions', ...bootstrap(), '--execute', '--reassignment-json-file', plan]);
      expect(another).toMatchObject({ code: 1, stderr: expect.stringContaining('Cannot execute because there is an existing partition assignment') });
      await w.send(10);
      expect(await cli(['reassign-partitions', ...bootstrap(), '--cancel', '--reassignment-json-file', plan]))
        .toMatchObject({ code: 0, stdout: 'Successfully cancelled partition reassignment for: stuck-0\n' });
      await retry(async () => expect((await partition('stuck')).replicas).toEqual([1, 2]));
      expect((await cli(['reassign-partitions', ...bootstrap(), '--cancel', '--reassignment-json-file', plan])).stdout)
        .toBe('None of the specified partition reassignments are active.\n');
    } finally {
      await cluster.restart(target);
    }
    await w.send(10);
    await w.close();
    expect(await stored('stuck')).toEqual(w.sent);

    const twice = file('twice.json', { version: 1, partitions: [{ topic: 'stuck', partition: 0, replicas: [1, 1] }] });
    expect((await cli(['reassign-partitions', ...bootstrap(), '--execute', '--reassignment-json-file', twice])).code).toBe(2);
    const unknownBroker = file('unknown.json', { version: 1, partitions: [{ topic: 'stuck', partition: 0, replicas: [1, 9] }] });
    expect(await cli(['reassign-partitions', ...bootstrap(), '--execute', '--reassignment-json-file', unknownBroker]))
      .toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown broker id 9') });
    expect((await cli(['reassign-partitions', ...bootstrap(), '--execute', '--list'])).code).toBe(2);
  });
});

describe('producer-perf-test', () => {
  it('writes every record at the asked rate, going on when a leader is killed, and prints Kafka\'s summary', async () => {
    await admin.createTopics({ topics: [{ topic: 'perf', numPartitions: 2, replicationFactor: 3 }] });
    await retry(async () => expect((await partition('perf')).isr).toHaveLength(3));
    const run = cli(['producer-perf-test', ...bootstrap(), '--topic', 'perf', '--num-records', '12000', '--record-size', '100',
      '--throughput', '4000', '--producer-props', 'acks=all', 'batch.size=2048']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const leader = (await partition('perf')).leader;
    cluster.kill(leader);
    const out = await run;
    await cluster.restart(leader);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^12000 records sent, [\d.]+ records\/sec \([\d.]+ MB\/sec\), [\d.]+ ms avg latency, [\d.]+ ms max latency, \d+ ms 50th, \d+ ms 95th, \d+ ms 99th, \d+ ms 99\.9th\.$/m);
    const offsets = await cli(['get-offsets', ...bootstrap(), '--topic', 'perf']);
    const total = offsets.stdout.trim().split('\n').reduce((sum, line) => sum + Number(line.split(':')[2]), 0);
    expect(total).toBeGreaterThanOrEqual(12000);

    // consumer-perf-test reads them all, with another leader killed before it starts.
    const other = (await admin.fetchTopicMetadata({ topics: ['perf'] })).topics[0]!.partitions[1]!.leader;
    cluster.kill(other);
    const consumed = await cli(['consumer-perf-test', ...bootstrap(), '--topic', 'perf', '--messages', String(total), '--timeout', '30000']);
    await cluster.restart(other);
    expect(consumed).toMatchObject({ code: 0, stderr: '' });
    const [header, figures] = consumed.stdout.trimEnd().split('\n');
    expect(header).toBe('start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec');
    const fields = figures!.split(', ');
    expect(fields[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d:\d{3}$/);
    expect({ megabytes: Number(fields[2]), records: Number(fields[4]) }).toEqual({ megabytes: Number((total * 100 / 1024 / 1024).toFixed(4)), records: total });

    // And with a leader killed while it reads: it waits for 200 more records, which come after the
    // kill, half of them to the partition whose leader moved.
    const reading = cli(['consumer-perf-test', ...bootstrap(), '--topic', 'perf', '--messages', String(total + 200), '--timeout', '30000', '--hide-header']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const moved = (await partition('perf')).leader;
    cluster.kill(moved);
    const producer = kafkaClient(cluster).producer({ retry: { retries: 20, initialRetryTime: 100 } });
    await producer.connect();
    await producer.send({ topic: 'perf', acks: -1, messages: Array.from({ length: 200 }, (_, i) => ({ partition: i % 2, value: Buffer.alloc(100) })) });
    await producer.disconnect();
    const after = await reading;
    await cluster.restart(moved);
    expect(after).toMatchObject({ code: 0, stderr: '' });
    expect(Number(after.stdout.split(', ')[4])).toBe(total + 200);
    const bad = await cli(['producer-perf-test', ...bootstrap(), '--topic', 'perf', '--num-records', '10', '--record-size', '10', '--throughput', '-1', '--producer-props', 'acks=0']);
    expect(bad.code).toBe(2);
  });
});

describe('cluster', () => {
  it('prints the cluster id, and unregisters a killed broker: it leaves the ISRs and the broker list until it starts again', async () => {
    expect(await cli(['cluster', ...bootstrap(), 'cluster-id'])).toEqual({ code: 0, stdout: `Cluster ID: ${cluster.clusterId}\n`, stderr: '' });
    await admin.createTopics({ topics: [{ topic: 'gone', numPartitions: 1, replicationFactor: 3 }] });
    await retry(async () => expect((await partition('gone')).isr).toHaveLength(3));
    const w = await writer('gone');
    await w.send(10);
    cluster.kill(3);
    try {
      expect(await cli(['cluster', ...bootstrap(), 'unregister', '--id', '3'])).toEqual({ code: 0, stdout: 'Broker 3 is no longer registered.\n', stderr: '' });
      await retry(async () => expect((await admin.describeCluster()).brokers.map((b) => b.nodeId).sort()).toEqual([1, 2]));
      await retry(async () => expect((await partition('gone')).isr.sort()).toEqual([1, 2]));
      await w.send(10);
      expect(await cli(['cluster', ...bootstrap(), 'unregister', '--id', '3'])).toMatchObject({ code: 1, stderr: expect.stringContaining('BROKER_ID_NOT_REGISTERED') });
      expect((await cli(['cluster', ...bootstrap(), 'unregister'])).code).toBe(2);
    } finally {
      await cluster.restart(3);
    }
    await retry(async () => expect((await admin.describeCluster()).brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]));
    await retry(async () => expect((await partition('gone')).isr).toHaveLength(3));
    await w.send(10);
    await w.close();
    expect(await stored('gone')).toEqual(w.sent);
  });
});

describe('topics --describe filters', () => {
  it('list the under-replicated, unavailable, under- and at-min-ISR partitions while a broker is down', async () => {
    const controller = cluster.nodes.find((n) => n.quorumStatus?.role === 'leader')!.nodeId;
    const [stays, dies] = [1, 2, 3].filter((id) => id !== controller) as [number, number];
    await admin.createTopics({ topics: [
      { topic: 'health', replicaAssignment: [{ partition: 0, replicas: [stays, dies] }], configEntries: [{ name: 'min.insync.replicas', value: '2' }] },
      { topic: 'lonely', replicaAssignment: [{ partition: 0, replicas: [dies] }] },
    ] });
    await retry(async () => expect((await partition('health')).isr).toHaveLength(2));
    const filtered = async (...flags: string[]): Promise<string[]> => {
      const r = await cli(['topics', ...bootstrap(), '--describe', ...flags]);
      expect(r.code).toBe(0);
      return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t').slice(1, 3).join(' '));
    };
    // This test's topics only: the earlier tests' may still be catching up after their restarts.
    expect(await filtered('--under-replicated-partitions', '--topic', 'health,lonely')).toEqual([]);
    expect(await filtered('--at-min-isr-partitions', '--topic', 'health')).toEqual(['Topic: health Partition: 0']);

    cluster.kill(dies);
    // Once its session runs out the dead broker is fenced: its lone partition has no leader left.
    await retry(async () => {
      expect((await partition('health')).isr).toEqual([stays]);
      expect((await cli(['topics', ...bootstrap(), '--describe', '--topic', 'lonely'])).stdout).toContain('Leader: none');
    }, 30_000, 200);
    expect(await filtered('--under-replicated-partitions')).toContain('Topic: health Partition: 0');
    expect(await filtered('--under-min-isr-partitions', '--topic', 'health')).toEqual(['Topic: health Partition: 0']);
    const unavailable = await filtered('--unavailable-partitions');
    expect(unavailable).toContain('Topic: lonely Partition: 0');
    expect(unavailable).not.toContain('Topic: health Partition: 0');
    // --topic as a regular expression while the broker is down: both topics, filtered, the dead
    // broker's lone partition included.
    expect(await filtered('--under-min-isr-partitions', '--topic', 'health,lonely')).toEqual(['Topic: health Partition: 0', 'Topic: lonely Partition: 0']);
    await cluster.restart(dies);
    await retry(async () => expect((await partition('health')).isr).toHaveLength(2), 60_000, 200);
    expect(await filtered('--under-replicated-partitions', '--topic', 'health')).toEqual([]);
  });
});
