// Reads a whole partition with raw Fetch requests through the project's codecs, decoding every
// batch (decompressing as needed): an independent check of what a broker stored.
import { FetchApi, defaultFetchRequest } from '../../protocol/generated/api/01-fetch.js';
import { ListOffsetsApi } from '../../protocol/generated/api/02-list-offsets.js';
import { decodeRecordBatches } from '../../protocol/records/record-batch.js';
import type { DecodedRecord } from '../../protocol/records/record.js';
import type { RawClient } from './raw-client.js';

export async function highWatermark(client: RawClient, topic: string, partition: number): Promise<number> {
  const res = await client.request(ListOffsetsApi, 7, {
    replicaId: -1, isolationLevel: 0, timeoutMs: 0,
    topics: [{ name: topic, partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }] }],
  });
  const p = res.topics[0]!.partitions[0]!;
  if (p.errorCode !== 0) throw new Error(`ListOffsets error ${p.errorCode}`);
  return p.offset;
}

export async function readPartition(client: RawClient, topic: string, partition: number, from = 0): Promise<DecodedRecord[]> {
  const end = await highWatermark(client, topic, partition);
  const out: DecodedRecord[] = [];
  let offset = from;
  while (offset < end) {
    const res = await client.request(FetchApi, 11, {
      ...defaultFetchRequest(), replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 8 << 20, sessionEpoch: -1,
      topics: [{ topic, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [{
        partition, currentLeaderEpoch: -1, fetchOffset: offset, lastFetchedEpoch: -1, logStartOffset: -1,
        partitionMaxBytes: 4 << 20, replicaDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA',
      }] }],
    });
    const p = res.responses[0]!.partitions[0]!;
    if (p.errorCode !== 0) throw new Error(`Fetch error ${p.errorCode} at offset ${offset}`);
    const batches = decodeRecordBatches(p.records ?? Buffer.alloc(0));
    if (batches.length === 0) throw new Error(`no progress at offset ${offset} (high watermark ${end})`);
    for (const b of batches) {
      for (const r of b.records) if (r.offset >= offset) out.push(r);
      // Past the whole batch: a cleaning may have emptied it, or its last records.
      offset = b.baseOffset + b.lastOffsetDelta + 1;
    }
  }
  return out;
}
