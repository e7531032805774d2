// Walks the record batches of a .log file: the read path (headers only), index rebuilds and crash
// recovery (every byte checked: length sane, magic 2, CRC-32C, offsets increasing and within the
// segment's 32-bit relative range).
import {
  ATTRIBUTES,
  BATCH_HEADER_BYTES,
  CRC,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAGIC,
  MAX_TIMESTAMP,
  PARTITION_LEADER_EPOCH,
  PRODUCER_EPOCH,
  PRODUCER_ID,
  BASE_SEQUENCE,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_FLAG,
  CONTROL_FLAG,
  DELETE_HORIZON_FLAG,
  RECORDS,
  RECORD_COUNT,
  BASE_TIMESTAMP,
  batchSize,
  readInt64,
  setBaseOffset,
  setPartitionLeaderEpoch,
} from '../protocol/records/batch-header.js';
import { crc32c } from '../protocol/records/crc32c.js';
import { ControlRecordType, readEndTxnMarker } from '../protocol/records/control-record.js';
import { decodeRecords } from '../protocol/records/record.js';
import type { FileHandle } from './file-system.js';

const CURRENT_MAGIC = 2;
/** Offsets in a segment are stored relative to its base offset as int32. */
export const MAX_RELATIVE_OFFSET = 0x7fffffff;
const DEFAULT_CHUNK_BYTES = 1 << 20;

export interface BatchInfo {
  position: number;
  sizeBytes: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestampMs: number;
  partitionLeaderEpoch: number;
  logAppendTime: boolean;
  /** Idempotent producers' fields (-1 when the batch has no producer): producer state follows them. */
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  isTransactional: boolean;
  isControl: boolean;
  /** The delete horizon the log cleaner stamped into the batch (KIP-534), or -1. */
  deleteHorizonMs: number;
  /** A transaction marker (control batch with an ABORT/COMMIT record): producer state and the
   * transaction index follow it. Only read when the whole batch was at hand. */
  marker?: TxnMarker;
}

export interface TxnMarker {
  commit: boolean;
  coordinatorEpoch: number;
}

export interface ScanFailure {
  position: number;
  reason: string;
}

export interface ScanResult {
  /** Where the valid batches end (where the scan stopped, if the visitor stopped it). */
  validEndPosition: number;
  failure?: ScanFailure;
}

export interface ScanOptions {
  startPosition: number;
  endPosition: number;
  /** The segment's base offset: no batch may start below it. */
  segmentBaseOffset: number;
  /** The least base offset the first batch may have: the segment's base offset unless a scan
   * resumes after batches already seen (then the offset after the last of them). */
  minOffset?: number;
  /** Check the CRC (recovery, rebuilds) or only the framing (reads). */
  verify: boolean;
  chunkBytes?: number;
}

/** Reads a file through one chunk-sized buffer, so a walk over small batches costs few syscalls. */
class ChunkReader {
  private chunk = Buffer.alloc(0);
  private chunkStart = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly endPosition: number,
    private readonly chunkBytes = DEFAULT_CHUNK_BYTES,
  ) {}

  /** `length` bytes from `position`; the caller checked they lie before endPosition. */
  bytes(position: number, length: number): Buffer {
    const offset = position - this.chunkStart;
    if (offset >= 0 && offset + length <= this.chunk.length) return this.chunk.subarray(offset, offset + length);
    const size = Math.min(Math.max(length, this.chunkBytes), this.endPosition - position);
    this.chunk = Buffer.allocUnsafe(size);
    this.chunkStart = position;
    const n = this.handle.read(this.chunk, position);
    this.chunk = this.chunk.subarray(0, n);
    return this.chunk.subarray(0, Math.min(length, n));
  }
}

function batchInfo(batch: Buffer, position: number): BatchInfo {
  const baseOffset = readInt64(batch, 0);
  const attributes = batch.readInt16BE(ATTRIBUTES);
  const isControl = (attributes & CONTROL_FLAG) !== 0;
  return {
    position,
    sizeBytes: batchSize(batch),
    baseOffset,
    lastOffset: baseOffset + batch.readInt32BE(LAST_OFFSET_DELTA),
    maxTimestampMs: readInt64(batch, MAX_TIMESTAMP),
    partitionLeaderEpoch: batch.readInt32BE(PARTITION_LEADER_EPOCH),
    logAppendTime: (batch.readInt16BE(ATTRIBUTES) & TIMESTAMP_TYPE_MASK) !== 0,
    producerId: readInt64(batch, PRODUCER_ID),
    producerEpoch: batch.readInt16BE(PRODUCER_EPOCH),
    baseSequence: batch.readInt32BE(BASE_SEQUENCE),
    isTransactional: (attributes & TRANSACTIONAL_FLAG) !== 0,
    isControl,
    deleteHorizonMs: (attributes & DELETE_HORIZON_FLAG) !== 0 ? readInt64(batch, BASE_TIMESTAMP) : -1,
    marker: isControl && batch.length === batchSize(batch) ? readMarker(batch) : undefined,
  };
}

/** The ABORT/COMMIT marker of a whole control batch (uncompressed, as Kafka writes them), or
 * undefined for other control records or an unreadable one (it then changes no state). */
function readMarker(batch: Buffer): TxnMarker | undefined {
  const count = batch.readInt32BE(RECORD_COUNT);
  if (count < 1) return undefined;
  try {
    const ctx = { baseOffset: readInt64(batch, 0), baseTimestamp: readInt64(batch, BASE_TIMESTAMP), logAppendTime: null };
    const record = decodeRecords(batch, RECORDS, batch.length, count, ctx)[0]!;
    const type = record.key === null || record.key.length < 4 ? -1 : record.key.readInt16BE(2);
    if (type !== ControlRecordType.ABORT && type !== ControlRecordType.COMMIT) return undefined;
    const marker = readEndTxnMarker(record);
    return { commit: marker.type === ControlRecordType.COMMIT, coordinatorEpoch: marker.coordinatorEpoch };
  } catch {
    return undefined;
  }
}

/** Why the header of a batch (at least BATCH_HEADER_BYTES in `batch`) is unacceptable, or undefined. */
function checkHeader(batch: Buffer, minOffset: number, segmentBaseOffset?: number): string | undefined {
  const magic = batch.readInt8(MAGIC);
  if (magic !== CURRENT_MAGIC) return `magic ${magic}, expected ${CURRENT_MAGIC}`;
  const baseOffset = readInt64(batch, 0);
  const lastOffsetDelta = batch.readInt32BE(LAST_OFFSET_DELTA);
  if (lastOffsetDelta < 0) return `negative lastOffsetDelta ${lastOffsetDelta}`;
  if (baseOffset < minOffset) return `base offset ${baseOffset} below ${minOffset}`;
  if (segmentBaseOffset !== undefined && baseOffset + lastOffsetDelta - segmentBaseOffset > MAX_RELATIVE_OFFSET) {
    return `last offset ${baseOffset + lastOffsetDelta} out of the segment's range`;
  }
  return undefined;
}

/** Why `batch` fails its CRC-32C, or undefined. */
function checkCrc(batch: Buffer): string | undefined {
  const stored = batch.readUInt32BE(CRC);
  const computed = crc32c(batch, ATTRIBUTES, batch.length);
  return stored === computed ? undefined : `crc ${stored} does not match computed ${computed}`;
}

/** Visits each batch from startPosition until endPosition, the first invalid one, or until `visit`
 * returns false. Only headers are read unless verifying. */
export function scanBatches(
  handle: FileHandle,
  options: ScanOptions,
  visit: (batch: BatchInfo) => boolean | void,
): ScanResult {
  const { endPosition, segmentBaseOffset, verify } = options;
  const reader = new ChunkReader(handle, endPosition, options.chunkBytes);
  let position = options.startPosition;
  let minOffset = options.minOffset ?? segmentBaseOffset;
  while (position < endPosition) {
    const fail = (reason: string): ScanResult => ({ validEndPosition: position, failure: { position, reason } });
    const remaining = endPosition - position;
    if (remaining < LOG_OVERHEAD) return fail(`${remaining} bytes left, less than a batch's length prefix`);
    const size = batchSize(reader.bytes(position, LOG_OVERHEAD));
    if (size < BATCH_HEADER_BYTES) return fail(`batch size ${size} below the ${BATCH_HEADER_BYTES}-byte header`);
    if (size > remaining) return fail(`batch of ${size} bytes runs past the end of the file (${remaining} left)`);
    // Control batches are read whole: a transaction marker's type and coordinator epoch are in its record.
    const header = reader.bytes(position, BATCH_HEADER_BYTES);
    const whole = verify || (header.length >= BATCH_HEADER_BYTES && (header.readInt16BE(ATTRIBUTES) & CONTROL_FLAG) !== 0);
    const bytes = whole ? reader.bytes(position, size) : header;
    const reason = checkHeader(bytes, minOffset, segmentBaseOffset) ?? (verify ? checkCrc(bytes) : undefined);
    if (reason !== undefined) return fail(reason);
    const info = batchInfo(bytes, position);
    if (visit(info) === false) return { validEndPosition: position };
    minOffset = info.lastOffset + 1;
    position += size;
  }
  return { validEndPosition: position };
}

/**
 * Describes the batches of an append (already validated by the caller) with positions relative to
 * `batches`. Throws on framing that would corrupt the log, a caller bug, before anything is written.
 * Offsets must increase only for follower appends; a producer's batches all start at 0.
 */
export function describeBatches(batches: Buffer, offsetsAssigned: boolean): BatchInfo[] {
  const infos: BatchInfo[] = [];
  let position = 0;
  while (position < batches.length) {
    const remaining = batches.length - position;
    const size = remaining >= LOG_OVERHEAD ? batchSize(batches, position) : 0;
    if (size < BATCH_HEADER_BYTES || size > remaining) {
      throw new RangeError(`append: malformed batch framing at byte ${position} of ${batches.length}`);
    }
    // A request's one batch is the whole buffer: no view of it needed (one per produce request).
    const batch = size === batches.length ? batches : batches.subarray(position, position + size);
    const minOffset = offsetsAssigned ? (infos.at(-1)?.lastOffset ?? -1) + 1 : -Infinity;
    const reason = checkHeader(batch, minOffset);
    if (reason !== undefined) throw new RangeError(`append: batch at byte ${position}: ${reason}`);
    infos.push(batchInfo(batch, position));
    position += size;
  }
  if (infos.length === 0) throw new RangeError('append: no batches');
  return infos;
}

/** Rewrites the batches' base offsets in place, consecutively from `firstOffset`, and stamps the
 * leader epoch (both outside the CRC); updates `infos` to match. */
export function assignOffsets(batches: Buffer, infos: BatchInfo[], firstOffset: number, leaderEpoch: number): void {
  let next = firstOffset;
  for (const info of infos) {
    setBaseOffset(batches, info.position, next);
    setPartitionLeaderEpoch(batches, info.position, leaderEpoch);
    info.lastOffset = next + (info.lastOffset - info.baseOffset);
    info.baseOffset = next;
    info.partitionLeaderEpoch = leaderEpoch;
    next = info.lastOffset + 1;
  }
}

/** Length of the longest prefix of `data` made of whole batches whose last offset is below
 * `maxOffset`. The first batch always counts: the caller read it whole and checked its offset. */
export function wholeBatchesLength(data: Buffer, maxOffset: number): number {
  let position = batchSize(data, 0);
  while (data.length - position >= LAST_OFFSET_DELTA + 4) {
    const size = batchSize(data, position);
    const last = readInt64(data, position) + data.readInt32BE(position + LAST_OFFSET_DELTA);
    if (position + size > data.length || last >= maxOffset) break;
    position += size;
  }
  return position;
}
