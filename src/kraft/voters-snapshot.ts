// KRaft control records in snapshots (KIP-853): Kafka's RecordsSnapshotWriter puts a
// KRaftVersionRecord and a VotersRecord right after the snapshot header when kraft.version is 1, so
// a node that loads the snapshot knows the voters at its offset. `kraftling format --standalone` /
// `--initial-controllers` write the bootstrap snapshot 00000000000000000000-0000000000.checkpoint
// with just those records, as `kafka-storage format` does.
import { encodeSnapshot } from '../metadata/snapshot-format.js';
import { batchSize, readInt64, RECORD_COUNT, setBaseOffset } from '../../protocol/records/batch-header.js';
import { encodeVotersBatch, type VoterSet } from '../raft/index.js';

/** `snapshot` (header, data batches, footer) with the voters batch inserted after the header and
 * the offsets of the batches after it moved up to make room. */
export function withVoters(snapshot: Buffer, kraftVersion: number, voters: VoterSet | undefined, epoch: number, nowMs: number): Buffer {
  if (kraftVersion < 1) return snapshot;
  const headerSize = batchSize(snapshot, 0);
  const inserted = encodeVotersBatch(kraftVersion, voters, readInt64(snapshot, 0) + 1, epoch, nowMs);
  const count = inserted.readInt32BE(RECORD_COUNT);
  const rest = Buffer.from(snapshot.subarray(headerSize));
  for (let pos = 0; pos < rest.length; pos += batchSize(rest, pos)) setBaseOffset(rest, pos, readInt64(rest, pos) + count);
  return Buffer.concat([snapshot.subarray(0, headerSize), inserted, rest]);
}

/** The bootstrap snapshot of a dynamic quorum: no metadata, kraft.version 1 and the initial voters. */
export function bootstrapVotersSnapshot(voters: VoterSet, nowMs: number): Buffer {
  return withVoters(encodeSnapshot([], 0, nowMs, nowMs), 1, voters, 0, nowMs);
}
