// What each transaction wrote to a partition, worked out from the log itself: records of a
// producer's transactional batches are committed or aborted by the next COMMIT/ABORT control
// batch of that producer; those with no marker yet are open. The independent check of the
// all-or-nothing property, whatever the broker's read_committed path does.
import { FetchApi, defaultFetchRequest } from '../../protocol/generated/api/01-fetch.js';
import { ControlRecordType, readControlRecordType } from '../../protocol/records/control-record.js';
import { decodeRecordBatches } from '../../protocol/records/record-batch.js';
import type { RawClient } from './raw-client.js';
import { highWatermark } from './read-all.js';

export interface TxnOutcome {
  committed: string[];
  aborted: string[];
  open: string[];
  /** Records outside transactions. */
  plain: string[];
  /** Control batches seen (empty transactions still get one). */
  markers: number;
}

export async function txnOutcome(client: RawClient, topic: string, partition: number): Promise<TxnOutcome> {
  const end = await highWatermark(client, topic, partition);
  const out: TxnOutcome = { committed: [], aborted: [], open: [], plain: [], markers: 0 };
  const pending = new Map<number, string[]>();
  let offset = 0;
  while (offset < end) {
    const res = await client.request(FetchApi, 11, {
      ...defaultFetchRequest(), replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 8 << 20, sessionEpoch: -1, isolationLevel: 0,
      topics: [{ topic, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [{
        partition, currentLeaderEpoch: -1, fetchOffset: offset, lastFetchedEpoch: -1, logStartOffset: -1,
        partitionMaxBytes: 4 << 20, replicaDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA',
      }] }],
    });
    const p = res.responses[0]!.partitions[0]!;
    if (p.errorCode !== 0) throw new Error(`Fetch error ${p.errorCode} at offset ${offset}`);
    const batches = decodeRecordBatches(p.records ?? Buffer.alloc(0)).filter((b) => b.baseOffset + b.lastOffsetDelta >= offset);
    if (batches.length === 0) throw new Error(`no progress at offset ${offset} (high watermark ${end})`);
    for (const b of batches) {
      offset = b.baseOffset + b.lastOffsetDelta + 1;
      if (b.isControl) {
        const type = readControlRecordType(b.records[0]!.key);
        const values = pending.get(b.producerId) ?? [];
        pending.delete(b.producerId);
        out.markers++;
        if (type === ControlRecordType.COMMIT) out.committed.push(...values);
        else if (type === ControlRecordType.ABORT) out.aborted.push(...values);
        continue;
      }
      const values = b.records.map((r) => r.value?.toString() ?? '');
      if (b.isTransactional) pending.set(b.producerId, [...(pending.get(b.producerId) ?? []), ...values]);
      else out.plain.push(...values);
    }
  }
  for (const values of pending.values()) out.open.push(...values);
  return out;
}
