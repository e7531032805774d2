// A group's offset committed both by a transaction (kafkajs sendOffsets) and by a plain OffsetCommit
// (as an admin's, without a member) while the transaction is open, against a real broker process: the
// offset whose record is later in __consumer_offsets wins when the transaction commits, as in
// Kafka's OffsetMetadataManager, and the same offsets come back after a SIGKILL and restart, which
// rebuilds them by replaying the partition. Offsets are read with require_stable, which answers
// UNSTABLE_OFFSET_COMMIT until the transaction's marker has been applied.
import { describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { ErrorCode } from '../../protocol/errors.js';
import { FindCoordinatorApi } from '../../protocol/generated/api/10-find-coordinator.js';
import { OffsetCommitApi } from '../../protocol/generated/api/08-offset-commit.js';
import { OffsetFetchApi } from '../../protocol/generated/api/09-offset-fetch.js';
import { brokerProcesses } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { retry } from '../helpers/retry.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const TOPIC = 'order-in';
const GROUP = 'order-group';
const start = brokerProcesses();
const newDataDir = tempDirs('kraftling-txn-offsets-');

/** A plain commit of one partition's offset, as an admin makes it (no member, no generation). */
async function commit(bootstrap: string, partitionIndex: number, committedOffset: number): Promise<void> {
  const client = await RawClient.connect(bootstrap);
  try {
    const res = await retry(async () => {
      // The first FindCoordinator creates __consumer_offsets; its coordinator then loads.
      const found = await client.request(FindCoordinatorApi, 4, { key: '', keyType: 0, coordinatorKeys: [GROUP] });
      if (found.coordinators[0]!.errorCode !== ErrorCode.NONE) throw new Error(`FindCoordinator: error ${found.coordinators[0]!.errorCode}`);
      const r = await client.request(OffsetCommitApi, 8, {
        groupId: GROUP, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
        topics: [{ name: TOPIC, partitions: [{ partitionIndex, committedOffset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null }] }],
      });
      const { errorCode } = r.topics[0]!.partitions[0]!;
      if (errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS || errorCode === ErrorCode.NOT_COORDINATOR) throw new Error(`OffsetCommit: error ${errorCode}`);
      return r;
    }, 30_000, 50);
    expect(res.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
  } finally {
    client.close();
  }
}

/** The group's stable committed offsets of partitions 0 and 1, once no transaction holds them. */
async function stableOffsets(bootstrap: string): Promise<number[]> {
  return retry(async () => {
    const client = await RawClient.connect(bootstrap);
    try {
      const res = await client.request(OffsetFetchApi, 7, {
        groupId: GROUP, topics: [{ name: TOPIC, partitionIndexes: [0, 1] }], groups: [], requireStable: true,
      });
      if (res.errorCode !== ErrorCode.NONE) throw new Error(`OffsetFetch: error ${res.errorCode}`);
      const partitions = res.topics[0]!.partitions;
      const unstable = partitions.find((p) => p.errorCode !== ErrorCode.NONE);
      if (unstable) throw new Error(`partition ${unstable.partitionIndex}: error ${unstable.errorCode}`);
      return partitions.map((p) => p.committedOffset);
    } finally {
      client.close();
    }
  }, 30_000, 50);
}

describe('transactional and plain offset commits of one partition', () => {
  it('keep the later record\'s offset when the transaction commits, and again after kill -9 and restart', async () => {
    const dataDir = newDataDir();
    let broker = await start(dataDir);
    const kafka = new Kafka({ clientId: 'txn-offsets', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2 }] });
    const producer = kafka.producer({ transactionalId: 'txn-offsets', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      // Partition 0: the transaction's offset (10) first, a plain commit (20) while it is open.
      // Partition 1: a plain commit (20) first, the transaction's offset (10) after it.
      await commit(broker.bootstrap, 1, 20);
      const txn = await producer.transaction();
      await txn.sendOffsets({ consumerGroupId: GROUP, topics: [{ topic: TOPIC, partitions: [{ partition: 0, offset: '10' }, { partition: 1, offset: '10' }] }] });
      await commit(broker.bootstrap, 0, 20);
      await txn.commit();
      expect(await stableOffsets(broker.bootstrap)).toEqual([20, 10]);
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
    broker.child.kill('SIGKILL');
    await broker.exited;
    broker = await start(dataDir);
    expect(await stableOffsets(broker.bootstrap)).toEqual([20, 10]);
  });
});
