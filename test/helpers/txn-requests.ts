// Raw transactional requests through the project's codecs, for tests that play a transaction
// coordinator (WriteTxnMarkers) or a transactional producer without a client library.
import { FetchApi, defaultFetchRequest, type PartitionData } from '../../protocol/generated/api/01-fetch.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { WriteTxnMarkersApi } from '../../protocol/generated/api/27-write-txn-markers.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { RawClient } from './raw-client.js';

export interface TestProducer {
  producerId: number;
  producerEpoch: number;
}

/** A transactional (or, with transactional false, idempotent) batch of `values`. */
export function txnRecords(p: TestProducer, baseSequence: number, values: string[], transactional = true): Buffer {
  return encodeRecordBatch({
    producerId: p.producerId, producerEpoch: p.producerEpoch, baseSequence, isTransactional: transactional,
    records: values.map((v) => ({ key: null, value: Buffer.from(v), timestamp: Date.now() })),
  });
}

/** Produce v9 with acks=all of one partition's records; the partition's response. */
export async function produceTo(client: RawClient, topic: string, partition: number, records: Buffer, transactionalId: string | null = 'txn', timeoutMs = 10_000) {
  const res = await client.request(ProduceApi, 9, {
    transactionalId, acks: -1, timeoutMs,
    topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
  });
  return res.responses[0]!.partitionResponses[0]!;
}

/** WriteTxnMarkers v1 of one marker; the error code per `topic:partition`. */
export async function writeMarker(client: RawClient, p: TestProducer, commit: boolean, partitions: [string, number][], coordinatorEpoch = 0): Promise<Map<string, number>> {
  const topics = [...new Set(partitions.map(([t]) => t))].map((name) => ({
    name, partitionIndexes: partitions.filter(([t]) => t === name).map(([, i]) => i),
  }));
  const res = await client.request(WriteTxnMarkersApi, 1, {
    markers: [{ producerId: p.producerId, producerEpoch: p.producerEpoch, transactionResult: commit, topics, coordinatorEpoch }],
  });
  const out = new Map<string, number>();
  for (const t of res.markers[0]!.topics) for (const q of t.partitions) out.set(`${t.name}:${q.partitionIndex}`, q.errorCode);
  return out;
}

/** One Fetch v11 of a partition from `offset` with the given isolation level. */
export async function fetchOnce(client: RawClient, topic: string, partition: number, offset: number, isolationLevel: 0 | 1,
  partitionMaxBytes = 4 << 20): Promise<PartitionData> {
  const res = await client.request(FetchApi, 11, {
    ...defaultFetchRequest(), replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 8 << 20, isolationLevel, sessionEpoch: -1,
    topics: [{ topic, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [{
      partition, currentLeaderEpoch: -1, fetchOffset: offset, lastFetchedEpoch: -1, logStartOffset: -1,
      partitionMaxBytes, replicaDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA',
    }] }],
  });
  return res.responses[0]!.partitions[0]!;
}
