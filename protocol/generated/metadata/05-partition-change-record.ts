// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/05-partition-change-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, writeTagged } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array, readUuidArray, writeUuidArray } from '../scalar-arrays.js';

export interface PartitionChangeRecord {
  /** The partition id. */
  partitionId: number;
  /** The unique ID of this topic. */
  topicId: string;
  /** null if the ISR didn't change; the new in-sync replicas otherwise. */
  isr: number[] | null;
  /** -1 if there is now no leader; -2 if the leader didn't change; the new leader otherwise. */
  leader: number;
  /** null if the replicas didn't change; the new replicas otherwise. */
  replicas: number[] | null;
  /** null if the removing replicas didn't change; the new removing replicas otherwise. */
  removingReplicas: number[] | null;
  /** null if the adding replicas didn't change; the new adding replicas otherwise. */
  addingReplicas: number[] | null;
  /** -1 if it didn't change; 0 if the leader was elected from the ISR or recovered from an unclean election; 1 if the leader that was elected using unclean leader election and it is still recovering. */
  leaderRecoveryState: number;
  /** null if the log dirs didn't change; the new log directory for each replica otherwise. */
  directories: string[] | null;
  /** null if the ELR didn't change; the new eligible leader replicas otherwise. */
  eligibleLeaderReplicas: number[] | null;
  /** null if the LastKnownElr didn't change; the last known eligible leader replicas otherwise. */
  lastKnownElr: number[] | null;
}

export function defaultPartitionChangeRecord(): PartitionChangeRecord {
  return {
    partitionId: -1,
    topicId: ZERO_UUID,
    isr: null,
    leader: -2,
    replicas: null,
    removingReplicas: null,
    addingReplicas: null,
    leaderRecoveryState: -1,
    directories: null,
    eligibleLeaderReplicas: null,
    lastKnownElr: null,
  };
}

export function readPartitionChangeRecord(r: Reader, version: number): PartitionChangeRecord {
  const o: PartitionChangeRecord = {
    partitionId: r.int32(),
    topicId: r.uuid(),
    isr: null,
    leader: -2,
    replicas: null,
    removingReplicas: null,
    addingReplicas: null,
    leaderRecoveryState: -1,
    directories: null,
    eligibleLeaderReplicas: null,
    lastKnownElr: null,
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0) o.isr = readInt32Array(t, true);
    if (tag === 1) o.leader = t.int32();
    if (tag === 2) o.replicas = readInt32Array(t, true);
    if (tag === 3) o.removingReplicas = readInt32Array(t, true);
    if (tag === 4) o.addingReplicas = readInt32Array(t, true);
    if (tag === 5) o.leaderRecoveryState = t.int8();
    if (tag === 6 && version >= 2) o.eligibleLeaderReplicas = readInt32Array(t, true);
    if (tag === 7 && version >= 2) o.lastKnownElr = readInt32Array(t, true);
    if (tag === 8 && version >= 1) o.directories = readUuidArray(t, true);
  }
  return o;
}

export function writePartitionChangeRecord(w: Writer, v: PartitionChangeRecord, version: number): void {
  w.int32(v.partitionId);
  w.uuid(v.topicId);
  const t0 = v.isr !== null;
  const t1 = v.leader !== -2;
  const t2 = v.replicas !== null;
  const t3 = v.removingReplicas !== null;
  const t4 = v.addingReplicas !== null;
  const t5 = v.leaderRecoveryState !== -1;
  const t6 = version >= 2 && v.eligibleLeaderReplicas !== null;
  const t7 = version >= 2 && v.lastKnownElr !== null;
  const t8 = version >= 1 && v.directories !== null;
  w.uvarint((t0 ? 1 : 0) + (t1 ? 1 : 0) + (t2 ? 1 : 0) + (t3 ? 1 : 0) + (t4 ? 1 : 0) + (t5 ? 1 : 0) + (t6 ? 1 : 0) + (t7 ? 1 : 0) + (t8 ? 1 : 0));
  if (t0) { writeTagged(w, 0, (w) => { writeInt32Array(w, v.isr, true); }); }
  if (t1) { w.uvarint(1); w.uvarint(4); w.int32(v.leader); }
  if (t2) { writeTagged(w, 2, (w) => { writeInt32Array(w, v.replicas, true); }); }
  if (t3) { writeTagged(w, 3, (w) => { writeInt32Array(w, v.removingReplicas, true); }); }
  if (t4) { writeTagged(w, 4, (w) => { writeInt32Array(w, v.addingReplicas, true); }); }
  if (t5) { w.uvarint(5); w.uvarint(1); w.int8(v.leaderRecoveryState); }
  if (t6) { writeTagged(w, 6, (w) => { writeInt32Array(w, v.eligibleLeaderReplicas, true); }); }
  if (t7) { writeTagged(w, 7, (w) => { writeInt32Array(w, v.lastKnownElr, true); }); }
  if (t8) { writeTagged(w, 8, (w) => { writeUuidArray(w, v.directories, true); }); }
}

export const PartitionChangeRecordDefinition: MessageDefinition<PartitionChangeRecord> = {
  name: 'PartitionChangeRecord',
  type: 5,
  minVersion: 0,
  maxVersion: 2,
  flexibleVersion: 0,
  read: readPartitionChangeRecord,
  write: writePartitionChangeRecord,
  default: defaultPartitionChangeRecord,
};
