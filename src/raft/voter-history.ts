// Where the voter set and kraft.version come from at each offset (Kafka's
// KRaftControlRecordStateMachine): the static config or the snapshot the log starts from, then each
// VotersRecord and KRaftVersionRecord in the log. As in Kafka, the latest record counts at once,
// committed or not; a truncation of the log rolls the set back to what the remaining log says.
import { readKRaftVersionRecord, writeKRaftVersionRecord } from '../../protocol/generated/data/kraft-version-record.js';
import { readVotersRecord, writeVotersRecord } from '../../protocol/generated/data/voters-record.js';
import { Reader } from '../../protocol/primitives/reader.js';
import { Writer } from '../../protocol/primitives/writer.js';
import { ATTRIBUTES, BATCH_LENGTH, batchSize, CONTROL_FLAG, LOG_OVERHEAD, RECORDS } from '../../protocol/records/batch-header.js';
import { ControlRecordType, encodeControlRecordKey, readControlRecordType } from '../../protocol/records/control-record.js';
import { decodeRecordBatch, encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { VoterSet } from './voter-set.js';

export interface HistoryEntry<T> {
  /** Offset of the record; -1 for a value from the static config or a bootstrap snapshot. */
  offset: number;
  value: T;
}

/** The KRaft control records found in a run of batches. */
export interface ControlRecords {
  voters: HistoryEntry<VoterSet>[];
  kraftVersions: HistoryEntry<number>[];
}

/** Reads VotersRecord and KRaftVersionRecord out of the control batches of `bytes` (whole batches;
 * a batch cut off at the end is ignored). Offsets are the batch's offsets, or `fixedOffset`. */
export function readControlRecords(bytes: Buffer, fixedOffset?: number): ControlRecords {
  const found: ControlRecords = { voters: [], kraftVersions: [] };
  for (let pos = 0; bytes.length - pos >= RECORDS;) {
    const size = LOG_OVERHEAD + bytes.readInt32BE(pos + BATCH_LENGTH);
    if (size > bytes.length - pos) break;
    if ((bytes.readInt16BE(pos + ATTRIBUTES) & CONTROL_FLAG) !== 0) {
      const batch = decodeRecordBatch(bytes, pos);
      for (const record of batch.records) {
        const offset = fixedOffset ?? record.offset;
        const type = readControlRecordType(record.key);
        if (record.value === null) continue;
        if (type === ControlRecordType.KRAFT_VOTERS) {
          found.voters.push({ offset, value: VoterSet.fromRecord(readVotersRecord(new Reader(record.value), 0)) });
        } else if (type === ControlRecordType.KRAFT_VERSION) {
          found.kraftVersions.push({ offset, value: readKRaftVersionRecord(new Reader(record.value), 0).kRaftVersion });
        }
      }
    }
    pos += batchSize(bytes, pos);
  }
  return found;
}

/** A control batch with a KRaftVersionRecord and, when given, a VotersRecord (as Kafka writes them). */
export function encodeVotersBatch(kraftVersion: number, voters: VoterSet | undefined, baseOffset: number, epoch: number, timestampMs: number): Buffer {
  const records = [];
  if (kraftVersion >= 0) {
    const w = new Writer(8);
    writeKRaftVersionRecord(w, { version: 0, kRaftVersion: kraftVersion }, 0);
    records.push({ key: encodeControlRecordKey(ControlRecordType.KRAFT_VERSION), value: w.toBuffer(), timestamp: timestampMs });
  }
  if (voters !== undefined) {
    const w = new Writer(64);
    writeVotersRecord(w, voters.toRecord(), 0);
    records.push({ key: encodeControlRecordKey(ControlRecordType.KRAFT_VOTERS), value: w.toBuffer(), timestamp: timestampMs });
  }
  return encodeRecordBatch({ baseOffset, partitionLeaderEpoch: epoch, isControl: true, records });
}

/** Values by offset over a base value; the latest one is the current value. */
export class History<T> {
  private entries: HistoryEntry<T>[] = [];

  constructor(private base: HistoryEntry<T> | undefined) {}

  latest(): HistoryEntry<T> | undefined {
    return this.entries.at(-1) ?? this.base;
  }

  /** The value in force for a snapshot ending at endOffset (the last entry below it). */
  at(endOffset: number): HistoryEntry<T> | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]!.offset < endOffset) return this.entries[i];
    return this.base;
  }

  add(entry: HistoryEntry<T>): void {
    this.entries.push(entry);
  }

  /** The log was cut at `endOffset`: entries at or after it are gone. */
  truncateTo(endOffset: number): void {
    this.entries = this.entries.filter((e) => e.offset < endOffset);
  }

  /** The log restarts from a snapshot: its value (if it has one) is the new base. */
  reset(base: HistoryEntry<T> | undefined): void {
    if (base !== undefined) this.base = base;
    this.entries = [];
  }
}
