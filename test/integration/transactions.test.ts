// Transactions end to end with kafkajs over real TCP against one broker: committed and aborted
// transactions across two topics and several partitions (each partition holds every record of a
// committed transaction followed by its COMMIT marker, every record of an aborted one followed by
// ABORT, nothing left open); a consume-transform-produce loop whose offsets (sendOffsets) become
// the group's committed offsets only when the transaction commits; fencing of a producer by a
// second one with the same transactional id; a read_committed consumer that commits past a
// trailing marker; DescribeTransactions/ListTransactions; and the same
// with librdkafka (python3 confluent-kafka, skipped when absent): init/commit/abort and
// send_offsets_to_transaction, and a read_committed consumer; kcat with isolation.level=read_committed.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { ErrorCode } from '../../protocol/errors.js';
import { FindCoordinatorApi } from '../../protocol/generated/api/10-find-coordinator.js';
import { InitProducerIdApi } from '../../protocol/generated/api/22-init-producer-id.js';
import { AddPartitionsToTxnApi } from '../../protocol/generated/api/24-add-partitions-to-txn.js';
import { EndTxnApi } from '../../protocol/generated/api/26-end-txn.js';
import { DescribeTransactionsApi } from '../../protocol/generated/api/65-describe-transactions.js';
import { ListTransactionsApi } from '../../protocol/generated/api/66-list-transactions.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readCommittedValues } from '../helpers/read-committed.js';
import { consumeValues } from '../helpers/consume-values.js';
import { retry } from '../helpers/retry.js';
import { fetchOnce, produceTo, txnRecords } from '../helpers/txn-requests.js';
import { pythonHas, which } from '../helpers/system.js';
import { txnOutcome } from '../helpers/txn-outcome.js';

const WRITE_TXN_MARKERS = 27;
const CLIENTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../helpers/clients');

let cluster: Cluster;
let kafka: Kafka;
let admin: Admin;
let raw: RawClient;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 1 });
  kafka = kafkaClient(cluster);
  admin = kafka.admin();
  await admin.connect();
  raw = await RawClient.connect(cluster.bootstrapServers.split(',')[0]!);
});

afterAll(async () => {
  raw?.close();
  await admin?.disconnect();
  await cluster?.stop();
});

function txnProducer(transactionalId: string): Producer {
  return kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
}

describe('kafkajs transactions', () => {
  it('commits some transactions and aborts others, all or nothing on every partition of two topics', async () => {
    await admin.createTopics({ topics: [{ topic: 'tx-a', numPartitions: 3 }, { topic: 'tx-b', numPartitions: 2 }] });
    const producer = txnProducer('commit-abort');
    await producer.connect();
    const expected = { committed: new Set<string>(), aborted: new Set<string>() };
    for (let t = 0; t < 6; t++) {
      const txn = await producer.transaction();
      const values: string[] = [];
      for (let i = 0; i < 5; i++) {
        const a = `t${t}-a${i}`;
        const b = `t${t}-b${i}`;
        values.push(a, b);
        await txn.send({ topic: 'tx-a', messages: [{ value: a, partition: i % 3 }] });
        await txn.send({ topic: 'tx-b', messages: [{ value: b, partition: i % 2 }] });
      }
      if (t % 2 === 0) await txn.commit();
      else await txn.abort();
      for (const v of values) (t % 2 === 0 ? expected.committed : expected.aborted).add(v);
    }
    await producer.disconnect();
    const seen = { committed: new Set<string>(), aborted: new Set<string>() };
    for (const [topic, partitions] of [['tx-a', 3], ['tx-b', 2]] as const) {
      for (let p = 0; p < partitions; p++) {
        const o = await txnOutcome(raw, topic, p);
        expect(o.open).toEqual([]);
        expect(o.plain).toEqual([]);
        expect(o.markers).toBe(6); // every transaction wrote to every partition
        for (const v of o.committed) seen.committed.add(v);
        for (const v of o.aborted) seen.aborted.add(v);
      }
    }
    expect(seen).toEqual(expected);
    // read_committed consumers see exactly the committed records; read_uncommitted ones all.
    const committedOnly = [...(await consumeValues(kafka, ['tx-a', 'tx-b'], false, expected.committed.size)).values()].flat();
    expect(committedOnly.sort()).toEqual([...expected.committed].sort());
    const all = [...(await consumeValues(kafka, ['tx-a', 'tx-b'], true, 60)).values()].flat();
    expect(all.sort()).toEqual([...expected.committed, ...expected.aborted].sort());
    if (which('kcat')) {
      const { stdout } = await promisify(execFile)('kcat', ['-b', cluster.bootstrapServers, '-C', '-X', 'isolation.level=read_committed',
        '-o', 'beginning', '-e', '-q', '-f', '%s\\n', '-t', 'tx-a'], { timeout: 60_000 });
      expect(stdout.trim().split('\n').sort()).toEqual([...expected.committed].filter((v) => v.includes('-a')).sort());
    }
  });

  it('a read_committed kafkajs consumer moves past a trailing commit marker: its group commits the offset after it', async () => {
    await admin.createTopics({ topics: [{ topic: 'tx-tail', numPartitions: 1 }] });
    const producer = txnProducer('tail');
    await producer.connect();
    const txn = await producer.transaction();
    await txn.send({ topic: 'tx-tail', messages: [{ value: 'x' }, { value: 'y' }] });
    await txn.commit(); // offsets 0-1 the records, 2 the COMMIT marker
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'tail-group', readUncommitted: false, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: ['tx-tail'], fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachBatch: async ({ batch }) => { for (const m of batch.messages) seen.push(m.value!.toString()); } });
    // kafkajs resolves and commits the offset past a fetched batch that holds only the marker.
    await retry(async () => {
      const offset = (await admin.fetchOffsets({ groupId: 'tail-group', topics: ['tx-tail'] }))[0]!.partitions[0]!.offset;
      if (offset !== '3') throw new Error(`committed offset ${offset}`);
    }, 30_000, 100);
    await consumer.disconnect();
    expect(seen).toEqual(['x', 'y']);
  });

  it('consume-transform-produce: sendOffsets commits the group offsets with the transaction, abort leaves them', async () => {
    await admin.createTopics({ topics: [{ topic: 'ctp-in', numPartitions: 1 }, { topic: 'ctp-out', numPartitions: 1 }] });
    const plain = kafka.producer();
    await plain.connect();
    await plain.send({ topic: 'ctp-in', messages: Array.from({ length: 6 }, (_, i) => ({ value: `in-${i}` })) });
    await plain.disconnect();
    const producer = txnProducer('ctp');
    await producer.connect();
    const group = 'ctp-group';
    const committedOffset = async (): Promise<string> => {
      const r = await admin.fetchOffsets({ groupId: group, topics: ['ctp-in'] });
      return r[0]!.partitions[0]!.offset;
    };
    // Transaction 1 processes records 0-2 and commits; transaction 2 processes 3-5 and aborts.
    for (const [from, commit] of [[0, true], [3, false]] as const) {
      const txn = await producer.transaction();
      for (let i = from; i < from + 3; i++) await txn.send({ topic: 'ctp-out', messages: [{ value: `out-${i}` }] });
      await txn.sendOffsets({ consumerGroupId: group, topics: [{ topic: 'ctp-in', partitions: [{ partition: 0, offset: String(from + 3) }] }] });
      if (commit) await txn.commit();
      else await txn.abort();
      expect(await committedOffset()).toBe('3');
    }
    await producer.disconnect();
    const o = await txnOutcome(raw, 'ctp-out', 0);
    expect(o.committed).toEqual(['out-0', 'out-1', 'out-2']);
    expect(o.aborted).toEqual(['out-3', 'out-4', 'out-5']);
  });

  it('a second producer with the same transactional id fences the first and aborts its open transaction', async () => {
    await admin.createTopics({ topics: [{ topic: 'tx-fence', numPartitions: 1 }] });
    const first = txnProducer('fenced-id');
    await first.connect();
    const open = await first.transaction();
    await open.send({ topic: 'tx-fence', messages: [{ value: 'zombie' }] });
    const second = txnProducer('fenced-id');
    await second.connect(); // InitProducerId: aborts the open transaction, bumps the epoch
    const txn = await second.transaction();
    await txn.send({ topic: 'tx-fence', messages: [{ value: 'winner' }] });
    await txn.commit();
    await expect(open.commit()).rejects.toThrow(/fenced|epoch/i);
    await first.disconnect();
    await second.disconnect();
    const o = await txnOutcome(raw, 'tx-fence', 0);
    expect(o).toMatchObject({ committed: ['winner'], aborted: ['zombie'], open: [] });
  });

  it('back-to-back transactions with slow markers: the next one waits for the last one to complete, kafkajs never sees CONCURRENT_TRANSACTIONS', async () => {
    await admin.createTopics({ topics: [{ topic: 'tx-loop', numPartitions: 3 }] });
    // Markers answered 30 ms late (a slow partition leader): each commit completes well after
    // kafkajs sends the next transaction's AddPartitionsToTxn, which Kafka would refuse with
    // CONCURRENT_TRANSACTIONS (kafkajs then logs it and backs off about 300 ms).
    const node = cluster.leaderOf('tx-loop', 0)!;
    cluster.faults.intercept(node, WRITE_TXN_MARKERS, () => ({ delayMs: 30 }));
    const errors: string[] = [];
    const logged = new Kafka({
      clientId: 'tx-loop', brokers: cluster.bootstrapServers.split(','), logLevel: logLevel.ERROR,
      logCreator: () => ({ log }) => errors.push(String(log.message)),
    });
    const producer = logged.producer({ transactionalId: 'tx-loop', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent: string[] = [];
    for (let t = 0; t < 30; t++) {
      const txn = await producer.transaction();
      const values = [0, 1, 2].map((p) => `loop-${t}-${p}`);
      await txn.send({ topic: 'tx-loop', messages: values.map((value, partition) => ({ value, partition })) });
      await txn.commit();
      sent.push(...values);
    }
    await producer.disconnect();
    cluster.faults.intercept(node, WRITE_TXN_MARKERS, null);
    expect(errors.filter((m) => /concurrent/i.test(m))).toEqual([]);
    const committed = (await Promise.all([0, 1, 2].map((p) => txnOutcome(raw, 'tx-loop', p)))).flatMap((o) => o.committed);
    expect(committed.sort()).toEqual(sent.sort());
  });

  it('DescribeTransactions and ListTransactions report the coordinator\'s state', async () => {
    await admin.createTopics({ topics: [{ topic: 'tx-describe', numPartitions: 2 }] });
    const producer = txnProducer('described');
    await producer.connect();
    const txn = await producer.transaction();
    await txn.send({ topic: 'tx-describe', messages: [{ value: 'x', partition: 1 }] });
    const described = await raw.request(DescribeTransactionsApi, 0, { transactionalIds: ['described', 'unknown-id'] });
    expect(described.transactionStates[0]).toMatchObject({ errorCode: 0, transactionState: 'Ongoing', topics: [{ topic: 'tx-describe', partitions: [1] }] });
    expect(described.transactionStates[1]!.errorCode).toBe(105); // TRANSACTIONAL_ID_NOT_FOUND
    const listed = await raw.request(ListTransactionsApi, 1, { stateFilters: ['Ongoing'], producerIdFilters: [], durationFilter: -1 });
    expect(listed.transactionStates.map((t) => t.transactionalId)).toContain('described');
    await txn.commit();
    await producer.disconnect();
  });
});

describe('transaction requests on the wire', () => {
  it('version-dependent fencing errors, unknown partitions, timeouts, and v4 verify-only batches', async () => {
    await admin.createTopics({ topics: [{ topic: 'tx-raw', numPartitions: 2 }] });
    const found = await raw.request(FindCoordinatorApi, 4, { key: '', keyType: 1, coordinatorKeys: ['raw-id'] });
    expect(found.coordinators[0]!.errorCode).toBe(ErrorCode.NONE);
    const tooLong = await raw.request(InitProducerIdApi, 3, { transactionalId: 'raw-id', transactionTimeoutMs: 900_001, producerId: -1, producerEpoch: -1 });
    expect(tooLong.errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    const init = await raw.request(InitProducerIdApi, 3, { transactionalId: 'raw-id', transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
    expect(init).toMatchObject({ errorCode: ErrorCode.NONE, producerEpoch: 0 });
    const add = (version: number, producerEpoch: number, topics: { name: string; partitions: number[] }[]) => raw.request(AddPartitionsToTxnApi, version, {
      transactions: [], v3AndBelowTransactionalId: 'raw-id', v3AndBelowProducerId: init.producerId, v3AndBelowProducerEpoch: producerEpoch, v3AndBelowTopics: topics,
    });
    const codes = (r: Awaited<ReturnType<typeof add>>) => r.resultsByTopicV3AndBelow.flatMap((t) => t.resultsByPartition.map((p) => p.partitionErrorCode));
    expect(codes(await add(1, 5, [{ name: 'tx-raw', partitions: [0] }]))).toEqual([ErrorCode.INVALID_PRODUCER_EPOCH]);
    expect(codes(await add(2, 5, [{ name: 'tx-raw', partitions: [0] }]))).toEqual([ErrorCode.PRODUCER_FENCED]);
    expect(codes(await add(3, 0, [{ name: 'tx-raw', partitions: [0, 7] }]))).toEqual([ErrorCode.OPERATION_NOT_ATTEMPTED, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    expect(codes(await add(3, 0, [{ name: 'tx-raw', partitions: [0] }]))).toEqual([ErrorCode.NONE]);
    const verify = await raw.request(AddPartitionsToTxnApi, 4, {
      transactions: [{ transactionalId: 'raw-id', producerId: init.producerId, producerEpoch: 0, verifyOnly: true, topics: [{ name: 'tx-raw', partitions: [0, 1] }] }],
      v3AndBelowTransactionalId: '', v3AndBelowProducerId: 0, v3AndBelowProducerEpoch: 0, v3AndBelowTopics: [],
    });
    expect(verify.resultsByTransaction[0]!.topicResults[0]!.resultsByPartition.map((p) => p.partitionErrorCode))
      .toEqual([ErrorCode.NONE, ErrorCode.INVALID_TXN_STATE]);
  });
});

describe('interleaved aborted transactions', () => {
  /** InitProducerId, AddPartitionsToTxn and one transactional batch on partition 0 of `topic`. */
  async function openTxn(id: string, topic: string, value: string): Promise<{ producerId: number; producerEpoch: number }> {
    await raw.request(FindCoordinatorApi, 4, { key: '', keyType: 1, coordinatorKeys: [id] }); // creates __transaction_state
    const p = await retry(async () => {
      const r = await raw.request(InitProducerIdApi, 3, { transactionalId: id, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
      if (r.errorCode !== ErrorCode.NONE) throw new Error(`InitProducerId error ${r.errorCode}`);
      return r;
    });
    await raw.request(AddPartitionsToTxnApi, 3, {
      transactions: [], v3AndBelowTransactionalId: id, v3AndBelowProducerId: p.producerId, v3AndBelowProducerEpoch: p.producerEpoch,
      v3AndBelowTopics: [{ name: topic, partitions: [0] }],
    });
    const produced = await produceTo(raw, topic, 0, txnRecords(p, 0, [value]), id);
    expect(produced.errorCode, produced.errorMessage ?? "").toBe(ErrorCode.NONE);
    return p;
  }

  async function abort(id: string, p: { producerId: number; producerEpoch: number }): Promise<void> {
    expect((await raw.request(EndTxnApi, 3, { transactionalId: id, ...p, committed: false })).errorCode).toBe(ErrorCode.NONE);
    await retry(async () => {
      const d = await raw.request(DescribeTransactionsApi, 0, { transactionalIds: [id] });
      if (d.transactionStates[0]!.transactionState !== 'CompleteAbort') throw new Error('markers not written yet');
    });
  }

  it('a kafkajs read_committed consumer drops both when the later-started one aborts first', async () => {
    await admin.createTopics({ topics: [{ topic: 'tx-order', numPartitions: 1 }] });
    const a = await openTxn('order-a', 'tx-order', 'a-aborted'); // offset 0
    const b = await openTxn('order-b', 'tx-order', 'b-aborted'); // offset 1
    await abort('order-b', b); // the index lists b (first offset 1) before a (first offset 0)
    await abort('order-a', a);
    const plain = kafka.producer();
    await plain.connect();
    await plain.send({ topic: 'tx-order', messages: [{ value: 'after' }] });
    await plain.disconnect();
    const fetched = await fetchOnce(raw, 'tx-order', 0, 0, 1);
    expect(fetched.abortedTransactions!.map((t) => t.firstOffset)).toEqual([0, 1]);
    expect((await consumeValues(kafka, ['tx-order'], false, 1)).get('tx-order')).toEqual(['after']);
  });

  it('a fetch that starts inside two aborted transactions lists each at its first batch in the response, and kafkajs drops both', async () => {
    await admin.createTopics({ topics: [{ topic: 'tx-inside', numPartitions: 1 }] });
    const a = await openTxn('inside-a', 'tx-inside', 'a-aborted'); // offset 0
    const b = await openTxn('inside-b', 'tx-inside', 'b-aborted'); // offset 1
    await abort('inside-a', a); // offset 2
    await abort('inside-b', b); // offset 3
    const plain = kafka.producer();
    await plain.connect();
    await plain.send({ topic: 'tx-inside', messages: [{ value: 'after' }] }); // offset 4
    await plain.disconnect();
    // Kafka would list a at 0 and b at 1: kafkajs, reading from 1, marks a at b's record and
    // delivers it. a has no batch from offset 1 on, only its marker: not listed.
    const fetched = await fetchOnce(raw, 'tx-inside', 0, 1, 1);
    expect(fetched.abortedTransactions).toEqual([{ producerId: b.producerId, firstOffset: 1 }]);
    // The same answer under the Java consumer's rule, from every offset.
    expect(await readCommittedValues(raw, 'tx-inside', 0)).toEqual(['after']);

    const consumer = kafka.consumer({ groupId: 'tx-inside-reader', maxWaitTimeInMs: 100 });
    const seen: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: ['tx-inside'], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => { seen.push(message.value?.toString() ?? ''); } });
      consumer.seek({ topic: 'tx-inside', partition: 0, offset: '1' });
      await retry(async () => { if (!seen.includes('after')) throw new Error('not yet'); });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await consumer.disconnect();
    }
    expect(seen).toEqual(['after']);
  });
});

describe.skipIf(!pythonHas('confluent_kafka'))('librdkafka transactions through Python confluent-kafka', () => {
  it('init_transactions, commit and abort, send_offsets_to_transaction', async () => {
    await admin.createTopics({ topics: [{ topic: 'rdk-tx', numPartitions: 3 }, { topic: 'rdk-in', numPartitions: 1 }, { topic: 'rdk-out', numPartitions: 1 }] });
    const plain = kafka.producer();
    await plain.connect();
    await plain.send({ topic: 'rdk-in', messages: Array.from({ length: 5 }, (_, i) => ({ value: `m${i}` })) });
    await plain.disconnect();
    const { stdout } = await promisify(execFile)('/usr/bin/python3',
      [path.join(CLIENTS, 'confluent_txn.py'), cluster.bootstrapServers, 'rdk-tx', '3', 'rdk-in', 'rdk-out', 'rdk-txn-group'], { timeout: 90_000 });
    const committed = [0, 2].flatMap((t) => [0, 1, 2].map((p) => `rdk-t${t}-p${p}`)).sort();
    expect(JSON.parse(stdout)).toEqual({ committed: 5, read_committed: committed });
    for (let p = 0; p < 3; p++) {
      const o = await txnOutcome(raw, 'rdk-tx', p);
      expect(o).toMatchObject({ committed: [`rdk-t0-p${p}`, `rdk-t2-p${p}`], aborted: [`rdk-t1-p${p}`, `rdk-t3-p${p}`], open: [] });
    }
    expect((await txnOutcome(raw, 'rdk-out', 0)).committed).toEqual(['out-m0', 'out-m1', 'out-m2', 'out-m3', 'out-m4']);
  });
});
