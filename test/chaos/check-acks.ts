// The client-side invariants, checked against what the partition leaders serve from offset 0 to
// their high watermark: every acknowledged record is there, at the offset it was acknowledged with;
// each offset holds one record; a producer's acknowledgements move forward in each partition; and
// an idempotent producer's records appear once in the whole topic.
import type { DecodedRecord } from '../../protocol/records/record.js';
import type { Ack, ProducerRun } from './acks.js';

/** What one partition's leader served: records[i] should be the record at offset i. */
export interface PartitionContents {
  partition: number;
  highWatermark: number;
  records: DecodedRecord[];
}

/** At most this many lines of one kind, so a broken run stays readable. */
const MAX_LINES_PER_KIND = 10;

function capped(lines: string[], kind: string): string[] {
  if (lines.length <= MAX_LINES_PER_KIND) return lines;
  return [...lines.slice(0, MAX_LINES_PER_KIND), `... and ${lines.length - MAX_LINES_PER_KIND} more ${kind}`];
}

function checkOffsets(contents: PartitionContents[]): string[] {
  const out: string[] = [];
  for (const c of contents) {
    if (c.records.length !== c.highWatermark) out.push(`partition ${c.partition}: ${c.records.length} records below high watermark ${c.highWatermark}`);
    const wrong = c.records.findIndex((r, i) => r.offset !== i);
    if (wrong >= 0) out.push(`partition ${c.partition}: offset ${c.records[wrong]!.offset} where ${wrong} was expected (offsets must be 0..HW-1, once each)`);
  }
  return out;
}

function valueAt(contents: PartitionContents[], partition: number, offset: number): string | undefined {
  const record = contents.find((c) => c.partition === partition)?.records[offset];
  return record?.offset === offset ? record.value?.toString() : undefined;
}

function checkAcked(run: ProducerRun, contents: PartitionContents[]): string[] {
  const lost: string[] = [];
  for (const ack of run.acks) {
    if (ack.offset < 0) {
      // Acknowledged without an offset (see Ack): it must be in its partition somewhere.
      const records = contents.find((c) => c.partition === ack.partition)?.records ?? [];
      if (!records.some((r) => r.value?.toString() === ack.id)) lost.push(`LOST ${ack.id}: acknowledged in partition ${ack.partition} (offset not reported), not there`);
      continue;
    }
    const found = valueAt(contents, ack.partition, ack.offset);
    if (found !== ack.id) lost.push(`LOST ${ack.id}: acknowledged at partition ${ack.partition} offset ${ack.offset}, which holds ${found ?? 'nothing'}`);
  }
  return capped(lost, 'lost records');
}

function checkOrder(run: ProducerRun): string[] {
  const out: string[] = [];
  const last = new Map<number, Ack>();
  for (const ack of run.acks) {
    if (ack.offset < 0) continue;
    const before = last.get(ack.partition);
    if (before && ack.offset <= before.offset) {
      out.push(`${run.producer} partition ${ack.partition}: ${ack.id} acknowledged at offset ${ack.offset} after ${before.id} at ${before.offset}`);
    }
    last.set(ack.partition, ack);
  }
  return capped(out, 'order violations');
}

function checkNoDuplicates(run: ProducerRun, contents: PartitionContents[]): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  const prefix = `${run.producer}-`;
  for (const c of contents) {
    for (const r of c.records) {
      const value = r.value?.toString() ?? '';
      if (!value.startsWith(prefix)) continue;
      const where = `partition ${c.partition} offset ${r.offset}`;
      const first = seen.get(value);
      if (first) out.push(`DUPLICATE ${value} from the idempotent producer: at ${first} and at ${where}`);
      else seen.set(value, where);
    }
  }
  return capped(out, 'duplicates');
}

/** Every violation found, one line each; empty when the run kept its promises. */
export function checkAcks(runs: ProducerRun[], contents: PartitionContents[]): string[] {
  const out = checkOffsets(contents);
  for (const run of runs) {
    out.push(...checkAcked(run, contents), ...checkOrder(run));
    if (run.idempotent) out.push(...checkNoDuplicates(run, contents));
    out.push(...run.fatal.map((f) => `${run.producer} fatal error: ${f}`));
  }
  return out;
}
