// Record batches as the Raft core handles them: whole RecordBatch v2 buffers with their offsets and
// leader epoch read from the header. The core never decodes records, except to build the
// LeaderChange control record a new leader writes first.
import { writeLeaderChangeMessage } from '../../protocol/generated/data/leader-change-message.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { Writer } from '../../protocol/primitives/writer.js';
import { BATCH_LENGTH, LOG_OVERHEAD, RECORDS, lastOffset, readBatchHeader, setBaseOffset, setPartitionLeaderEpoch } from '../../protocol/records/batch-header.js';
import { checkRecordBatch } from '../../protocol/records/batch-validation.js';
import { ControlRecordType, encodeControlRecordKey } from '../../protocol/records/control-record.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';

export interface LogBatch {
  bytes: Buffer;
  baseOffset: number;
  lastOffset: number;
  epoch: number;
}

export function describeBatch(bytes: Buffer): LogBatch {
  const header = readBatchHeader(bytes, 0);
  return { bytes, baseOffset: header.baseOffset, lastOffset: lastOffset(bytes, 0), epoch: header.partitionLeaderEpoch };
}

/**
 * Splits fetched records into whole batches, each CRC-checked. A batch cut off at the end (a fetch
 * may end inside one) is left out. Throws RecordError for a corrupt batch.
 */
export function splitBatches(records: Buffer): LogBatch[] {
  const batches: LogBatch[] = [];
  let pos = 0;
  while (records.length - pos >= RECORDS) {
    if (LOG_OVERHEAD + records.readInt32BE(pos + BATCH_LENGTH) > records.length - pos) break;
    const size = checkRecordBatch(records, pos, records.length);
    batches.push(describeBatch(records.subarray(pos, pos + size)));
    pos += size;
  }
  return batches;
}

/** A batch of plain records (values only, as KRaft's metadata records are) at the given place. */
export function encodeDataBatch(values: readonly Buffer[], baseOffset: number, epoch: number, timestampMs: number): Buffer {
  return encodeRecordBatch({
    baseOffset,
    partitionLeaderEpoch: epoch,
    records: values.map((value) => ({ key: null, value, timestamp: timestampMs })),
  });
}

/** One proposed, already encoded batch, copied and stamped with its offset and epoch. Throws
 * RecordError unless `batch` is exactly one valid batch. */
export function stampProposedBatch(batch: Buffer, baseOffset: number, epoch: number): Buffer {
  const size = checkRecordBatch(batch, 0, batch.length);
  if (size !== batch.length) throw new RangeError(`${batch.length - size} bytes after the proposed batch`);
  const copy = Buffer.from(batch);
  setBaseOffset(copy, 0, baseOffset);
  setPartitionLeaderEpoch(copy, 0, epoch);
  return copy;
}

/** The LeaderChangeMessage control batch that opens every leader's epoch (version 0 of the value). */
export function encodeLeaderChangeBatch(
  leaderId: number,
  voterIds: readonly number[],
  grantingVoterIds: readonly number[],
  baseOffset: number,
  epoch: number,
  timestampMs: number,
): Buffer {
  const w = new Writer();
  const voter = (voterId: number) => ({ voterId, voterDirectoryId: ZERO_UUID });
  writeLeaderChangeMessage(w, { version: 0, leaderId, voters: voterIds.map(voter), grantingVoters: grantingVoterIds.map(voter) }, 0);
  return encodeRecordBatch({
    baseOffset,
    partitionLeaderEpoch: epoch,
    isControl: true,
    records: [{ key: encodeControlRecordKey(ControlRecordType.LEADER_CHANGE), value: w.toBuffer(), timestamp: timestampMs }],
  });
}
