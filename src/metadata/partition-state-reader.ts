// A PartitionRecord's value read straight into the partition state an image keeps, for the replay
// of a metadata log: the bulk of a large cluster's log is PartitionRecords (a CreateTopics of 100
// topics of 100 partitions is 10,100 records, 10,000 of them partitions). The generated reader
// makes the record and an array for each of its five lists; the image keeps neither the record
// nor the directories, and shares replica lists. This reader takes the same bytes (fields in the
// same order, the same length checks) and makes only the state; a test holds it to the generated
// reader's result for every version.
import type { Reader } from '../../protocol/primitives/reader.js';
import type { PartitionState } from './image.js';
import { readSharedIds } from './shared-ids.js';

/** The PartitionRecord versions this reader knows (the generated definition's range). */
export const PARTITION_RECORD_MAX_VERSION = 2;
const UUID_BYTES = 16;
const LEADER_RECOVERY_STATE_TAG = 0;

/** The record at `r` (the frame header read) as partition state, with the record's own topic id
 * string (the caller may swap in its topic's). */
export function readPartitionState(r: Reader, version: number): PartitionState {
  const partitionId = r.int32();
  const topicId = r.uuid();
  const replicas = readSharedIds(r);
  const isr = readSharedIds(r);
  const removing = readSharedIds(r);
  const adding = readSharedIds(r);
  const leader = r.int32();
  const leaderEpoch = r.int32();
  const partitionEpoch = r.int32();
  // Directories (v1+): checked as the generated reader checks them, not kept.
  if (version >= 1) {
    const n = r.arrayLength(true, UUID_BYTES);
    if (n > 0) r.skip(n * UUID_BYTES);
  }
  let leaderRecoveryState = 0;
  // Tagged fields: the eligible leader replicas (v2) are not part of the image.
  const tags = r.uvarint();
  for (let i = 0; i < tags; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === LEADER_RECOVERY_STATE_TAG) leaderRecoveryState = t.int8();
  }
  const state: PartitionState = { partitionId, topicId, replicas, isr, leader, leaderEpoch, partitionEpoch, leaderRecoveryState };
  if (adding.length > 0) state.addingReplicas = adding;
  if (removing.length > 0) state.removingReplicas = removing;
  return state;
}
