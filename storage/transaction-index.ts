// Kafka's transaction index, `<20-digit base offset>.txnindex` beside a segment: one entry per
// aborted transaction whose ABORT marker is in that segment, in marker order, 34 bytes each:
//
//   version int16 (0) | producerId int64 | firstOffset int64 | lastOffset int64 (the marker) |
//   lastStableOffset int64 (the last stable offset right after the marker)
//
// A read_committed fetch returns the aborted transactions overlapping what it read, so the client
// drops their records. The file exists only for segments that had an abort. Entries come from the
// producer state as it applies markers, on appends and on the walk of the log that loads it after a
// restart: entries past the newest producer snapshot are rebuilt by that walk (the indexes are
// synced before each snapshot is written), and a torn or stale tail (a log cut after a crash or a
// truncation) is replaced by what the log holds now.
import { readInt64, writeInt64 } from '../protocol/records/batch-header.js';
import { joinPath } from './file-system.js';
import { TXN_INDEX_SUFFIX, offsetFileName } from './file-names.js';
import type { PartitionDir } from './partition-dir.js';

const VERSION = 0;
export const ABORTED_TXN_BYTES = 34;

export interface AbortedTxn {
  producerId: number;
  firstOffset: number;
  lastOffset: number;
  lastStableOffset: number;
}

export function encodeAbortedTxn(txn: AbortedTxn): Buffer {
  const buf = Buffer.alloc(ABORTED_TXN_BYTES);
  buf.writeInt16BE(VERSION, 0);
  writeInt64(buf, 2, txn.producerId);
  writeInt64(buf, 10, txn.firstOffset);
  writeInt64(buf, 18, txn.lastOffset);
  writeInt64(buf, 26, txn.lastStableOffset);
  return buf;
}

/** The valid entries of a .txnindex file: whole, version 0, markers after their first offsets and
 * increasing. What follows the first invalid one (a torn or zero-filled tail) is dropped. */
export function decodeAbortedTxns(buf: Buffer): AbortedTxn[] {
  const out: AbortedTxn[] = [];
  for (let pos = 0; pos + ABORTED_TXN_BYTES <= buf.length; pos += ABORTED_TXN_BYTES) {
    const txn = {
      producerId: readInt64(buf, pos + 2), firstOffset: readInt64(buf, pos + 10),
      lastOffset: readInt64(buf, pos + 18), lastStableOffset: readInt64(buf, pos + 26),
    };
    const valid = buf.readInt16BE(pos) === VERSION && txn.lastOffset > txn.firstOffset && txn.lastOffset > (out.at(-1)?.lastOffset ?? -1);
    if (!valid) break;
    out.push(txn);
  }
  return out;
}

export class TransactionIndex {
  private entries: AbortedTxn[] | undefined;
  /** Bytes of the file that hold `entries` (a file with a bad tail is rewritten at next change). */
  private fileBytes = 0;
  private dirty = false;

  constructor(
    private readonly dir: PartitionDir,
    readonly baseOffset: number,
  ) {}

  get path(): string {
    return joinPath(this.dir.path, offsetFileName(this.baseOffset, TXN_INDEX_SUFFIX));
  }

  all(): readonly AbortedTxn[] {
    if (this.entries !== undefined) return this.entries;
    const { fs } = this.dir;
    const bytes = fs.stat(this.path) === undefined ? Buffer.alloc(0) : fs.readFile(this.path);
    this.entries = decodeAbortedTxns(bytes);
    this.fileBytes = bytes.length;
    return this.entries;
  }

  /** Adds the entry of an ABORT marker. The same entry again (a reload's walk) changes nothing; an
   * entry at or past its marker that differs is from a log that was cut, and goes. */
  add(txn: AbortedTxn): void {
    const entries = this.all() as AbortedTxn[];
    const at = entries.findIndex((e) => e.lastOffset >= txn.lastOffset);
    if (at >= 0 && at === entries.length - 1 && sameTxn(entries[at]!, txn)) return;
    if (at >= 0) entries.splice(at);
    entries.push(txn);
    this.write(entries.length - 1);
  }

  /** Drops the entries whose marker is at or past `offset` (the log is cut there). */
  truncateTo(offset: number): void {
    const entries = this.all() as AbortedTxn[];
    const keep = entries.findIndex((e) => e.lastOffset >= offset);
    if (keep < 0 && this.fileBytes === entries.length * ABORTED_TXN_BYTES) return;
    if (keep >= 0) entries.splice(keep);
    this.write(entries.length);
  }

  /** Kafka's collectAbortedTxns: entries overlapping [fetchOffset, upperBoundOffset), and whether
   * the search is complete (an entry's last stable offset reached the upper bound: no later
   * segment can hold an abort of a transaction that started below it). */
  collect(fetchOffset: number, upperBoundOffset: number): { txns: AbortedTxn[]; complete: boolean } {
    const txns: AbortedTxn[] = [];
    for (const e of this.all()) {
      if (e.lastOffset >= fetchOffset && e.firstOffset < upperBoundOffset) txns.push(e);
      if (e.lastStableOffset >= upperBoundOffset) return { txns, complete: true };
    }
    return { txns, complete: false };
  }

  async sync(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const handle = this.dir.fs.open(this.path);
    try {
      await handle.sync();
    } finally {
      handle.close();
    }
  }

  /** Rewrites the file from entry `from` on (its length set to the entries'). */
  private write(from: number): void {
    const entries = this.entries as AbortedTxn[];
    const { fs } = this.dir;
    const existed = fs.stat(this.path) !== undefined;
    if (!existed && entries.length === 0) return;
    const handle = fs.open(this.path, { create: true });
    try {
      const length = entries.length * ABORTED_TXN_BYTES;
      if (this.fileBytes !== from * ABORTED_TXN_BYTES || length < this.fileBytes) handle.truncate(from * ABORTED_TXN_BYTES);
      if (from < entries.length) handle.write(Buffer.concat(entries.slice(from).map(encodeAbortedTxn)), from * ABORTED_TXN_BYTES);
      this.fileBytes = length;
    } finally {
      handle.close();
    }
    if (!existed) this.dir.changed();
    this.dirty = true;
  }
}

function sameTxn(a: AbortedTxn, b: AbortedTxn): boolean {
  return a.producerId === b.producerId && a.firstOffset === b.firstOffset && a.lastOffset === b.lastOffset;
}
