// The partition side of transactions over real TCP, with the project's own codecs playing the
// transaction coordinator: transactional batches are accepted (with the request's transactional
// id), WriteTxnMarkers appends COMMIT/ABORT control batches as Kafka's EndTransactionMarker, and
// the leader fences what Kafka's ProducerStateManager fences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { DescribeProducersApi } from '../../protocol/generated/api/61-describe-producers.js';
import { decodeRecordBatches } from '../../protocol/records/record-batch.js';
import { ControlRecordType, readEndTxnMarker } from '../../protocol/records/control-record.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { fetchOnce, produceTo, txnRecords, writeMarker } from '../helpers/txn-requests.js';

let cluster: Cluster;
let client: RawClient;

beforeAll(async () => {
  cluster = await startCluster({ overrides: { 'transaction.partition.verification.enable': 'false' } });
  client = await RawClient.connect(cluster.bootstrapServers);
  const topics = ['markers', 'fenced'].map((name) => ({ name, numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }));
  await client.request(CreateTopicsApi, 7, { topics, timeoutMs: 5000, validateOnly: false });
});

afterAll(async () => {
  client?.close();
  await cluster?.stop();
});

describe('transactional produce and WriteTxnMarkers', () => {
  it('appends a COMMIT control batch after the transaction, carrying the producer and coordinator epoch', async () => {
    const p = { producerId: 501, producerEpoch: 3 };
    expect((await produceTo(client, 'markers', 0, txnRecords(p, 0, ['a', 'b']))).errorCode).toBe(ErrorCode.NONE);
    const written = await writeMarker(client, p, true, [['markers', 0], ['markers', 1], ['no-such-topic', 0]], 7);
    expect(Object.fromEntries(written)).toEqual({
      'markers:0': ErrorCode.NONE, 'markers:1': ErrorCode.NONE, 'no-such-topic:0': ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    });
    const data = await fetchOnce(client, 'markers', 0, 0, 0);
    const batches = decodeRecordBatches(data.records!);
    expect(batches.map((b) => [b.baseOffset, b.isTransactional, b.isControl])).toEqual([[0, true, false], [2, true, true]]);
    const control = batches[1]!;
    expect(control).toMatchObject({ producerId: 501, producerEpoch: 3, baseSequence: -1 });
    expect(readEndTxnMarker(control.records[0]!)).toEqual({ type: ControlRecordType.COMMIT, coordinatorEpoch: 7 });
    // The marker of a partition the transaction never wrote to is appended too (Kafka does).
    expect(decodeRecordBatches((await fetchOnce(client, 'markers', 1, 0, 0)).records!)[0]!.isControl).toBe(true);
  });

  it('refuses transactional records without a transactional id', async () => {
    const p = { producerId: 502, producerEpoch: 0 };
    const r = await produceTo(client, 'markers', 0, txnRecords(p, 0, ['x']), null);
    expect(r.errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
  });

  it('fences a non-transactional write in an open transaction, old epochs and an old coordinator', async () => {
    const p = { producerId: 503, producerEpoch: 1 };
    expect((await produceTo(client, 'fenced', 0, txnRecords(p, 0, ['t0']))).errorCode).toBe(ErrorCode.NONE);
    expect((await produceTo(client, 'fenced', 0, txnRecords(p, 1, ['i1'], false))).errorCode).toBe(ErrorCode.INVALID_TXN_STATE);
    const stale = await writeMarker(client, { producerId: 503, producerEpoch: 0 }, false, [['fenced', 0]], 5);
    expect(stale.get('fenced:0')).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect((await writeMarker(client, p, false, [['fenced', 0]], 5)).get('fenced:0')).toBe(ErrorCode.NONE);
    expect((await writeMarker(client, p, false, [['fenced', 0]], 4)).get('fenced:0')).toBe(ErrorCode.TRANSACTION_COORDINATOR_FENCED);
    // The coordinator fenced the producer by bumping its epoch in an abort marker: the old epoch's
    // next batch is refused, the new epoch starts over at sequence 0.
    expect((await writeMarker(client, { producerId: 503, producerEpoch: 2 }, false, [['fenced', 0]], 5)).get('fenced:0')).toBe(ErrorCode.NONE);
    expect((await produceTo(client, 'fenced', 0, txnRecords(p, 1, ['t1']))).errorCode).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
    expect((await produceTo(client, 'fenced', 0, txnRecords({ producerId: 503, producerEpoch: 2 }, 0, ['t2']))).errorCode).toBe(ErrorCode.NONE);
  });

  it('DescribeProducers reports each producer of a partition: epoch, last sequence, coordinator epoch, open transaction', async () => {
    const open = { producerId: 504, producerEpoch: 0 };
    const first = (await produceTo(client, 'markers', 0, txnRecords(open, 0, ['o1', 'o2']))).baseOffset;
    const res = await client.request(DescribeProducersApi, 0, { topics: [{ name: 'markers', partitionIndexes: [0, 7] }] });
    const [p0, p7] = res.topics[0]!.partitions;
    expect(p7!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect(p0!.errorCode).toBe(ErrorCode.NONE);
    const byId = new Map(p0!.activeProducers.map((p) => [p.producerId, p]));
    expect(byId.get(501)).toMatchObject({ producerEpoch: 3, lastSequence: 1, coordinatorEpoch: 7, currentTxnStartOffset: -1 });
    expect(byId.get(504)).toMatchObject({ producerEpoch: 0, lastSequence: 1, coordinatorEpoch: -1, currentTxnStartOffset: first });
    expect(byId.get(504)!.lastTimestamp).toBeGreaterThan(0);
  });
});
