// librdkafka on three nodes with __consumer_offsets replicated three times: a consumer that
// commits asynchronously and at once asks committed() with a one-second timeout sees its own
// commit every time, never a time-out nor an older offset. The commit is answered as soon as the
// replicas have it, and OffsetFetch with require_stable answers UNSTABLE_OFFSET_COMMIT only while
// that commit is being written (librdkafka retries on it).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { pythonHas } from '../helpers/system.js';

const CLIENTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../helpers/clients');
const ROUNDS = 60;
let cluster: Cluster;

describe.skipIf(!pythonHas('confluent_kafka'))('librdkafka commit then committed() on a replicated __consumer_offsets', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 3, overrides: { 'offsets.topic.replication.factor': '3', 'group.initial.rebalance.delay.ms': '0' } });
    const kafka = kafkaClient(cluster);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'commit-rf3', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'commit-rf3', acks: -1, messages: Array.from({ length: ROUNDS }, (_, i) => ({ value: `v${i}` })) });
    await producer.disconnect();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('sees its own asynchronous commit through committed() with a one-second timeout, every time', async () => {
    const { stdout } = await promisify(execFile)('/usr/bin/python3',
      [path.join(CLIENTS, 'commit_then_committed.py'), cluster.bootstrapServers, 'commit-rf3', 'rdk-commit-rf3', String(ROUNDS)], { timeout: 120_000 });
    expect(JSON.parse(stdout)).toEqual({ rounds: ROUNDS, ok: ROUNDS, timeouts: 0, stale: [] });
    const offsets = await kafkaClient(cluster).admin();
    await offsets.connect();
    const [committed] = await offsets.fetchOffsets({ groupId: 'rdk-commit-rf3', topics: ['commit-rf3'] });
    // The commits went through a __consumer_offsets partition with three replicas.
    const { topics } = await offsets.fetchTopicMetadata({ topics: ['__consumer_offsets'] });
    await offsets.disconnect();
    expect(committed!.partitions[0]!.offset).toBe(String(ROUNDS));
    expect(topics[0]!.partitions.every((p) => p.replicas.length === 3)).toBe(true);
  });
});
