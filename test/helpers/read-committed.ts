// Reads a partition read_committed with raw Fetch requests and the Java consumer's rule for
// aborted transactions (CompletedFetch: before each batch, every aborted transaction of the
// response whose first offset is at or below the batch's last offset marks its producer aborted;
// that producer's ABORT marker clears it). `partitionMaxBytes` small makes every fetch start
// somewhere inside the log, so the broker's aborted-transaction list is checked at every offset.
import { ControlRecordType, readControlRecordType } from '../../protocol/records/control-record.js';
import { decodeRecordBatches } from '../../protocol/records/record-batch.js';
import type { RawClient } from './raw-client.js';
import { fetchOnce } from './txn-requests.js';

export async function readCommittedValues(client: RawClient, topic: string, partition: number, partitionMaxBytes = 1): Promise<string[]> {
  const out: string[] = [];
  let offset = 0;
  for (;;) {
    const p = await fetchOnce(client, topic, partition, offset, 1, partitionMaxBytes);
    if (p.errorCode !== 0) throw new Error(`Fetch error ${p.errorCode} at offset ${offset}`);
    const batches = decodeRecordBatches(p.records ?? Buffer.alloc(0)).filter((b) => b.baseOffset + b.lastOffsetDelta >= offset);
    if (batches.length === 0) {
      if (offset >= p.lastStableOffset) return out;
      throw new Error(`no progress at offset ${offset} (last stable offset ${p.lastStableOffset})`);
    }
    const queue = [...(p.abortedTransactions ?? [])].sort((a, b) => a.firstOffset - b.firstOffset);
    const aborted = new Set<number>();
    const from = offset;
    for (const b of batches) {
      const last = b.baseOffset + b.lastOffsetDelta;
      offset = last + 1;
      while (queue.length > 0 && queue[0]!.firstOffset <= last) aborted.add(queue.shift()!.producerId);
      if (b.isControl) {
        if (readControlRecordType(b.records[0]!.key) === ControlRecordType.ABORT) aborted.delete(b.producerId);
        continue;
      }
      if (b.isTransactional && aborted.has(b.producerId)) continue;
      for (const r of b.records) if (r.offset >= from) out.push(r.value?.toString() ?? '');
    }
  }
}
