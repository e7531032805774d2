// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/03-partition-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, writeTagged } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array, readUuidArray, writeUuidArray } from '../scalar-arrays.js';

export interface PartitionRecord {
  /** The partition id. */
  partitionId: number;
  /** The unique ID of this topic. */
  topicId: string;
  /** The replicas of this partition, sorted by preferred order. */
  replicas: number[];
  /** The in-sync replicas of this partition */
  isr: number[];
  /** The replicas that we are in the process of removing. */
  removingReplicas: number[];
  /** The replicas that we are in the process of adding. */
  addingReplicas: number[];
  /** The lead replica, or -1 if there is no leader. */
  leader: number;
  /** 1 if the partition is recovering from an unclean leader election; 0 otherwise. */
  leaderRecoveryState: number;
  /** The epoch of the partition leader. */
  leaderEpoch: number;
  /** An epoch that gets incremented each time we change anything in the partition. */
  partitionEpoch: number;
  /** The log directory hosting each replica, sorted in the same exact order as the Replicas field. */
  directories: string[];
  /** The eligible leader replicas of this partition. */
  eligibleLeaderReplicas: number[] | null;
  /** The last known eligible leader replicas of this partition. */
  lastKnownElr: number[] | null;
}

export function defaultPartitionRecord(): PartitionRecord {
  return {
    partitionId: -1,
    topicId: ZERO_UUID,
    replicas: [],
    isr: [],
    removingReplicas: [],
    addingReplicas: [],
    leader: -1,
    leaderRecoveryState: 0,
    leaderEpoch: -1,
    partitionEpoch: -1,
    directories: [],
    eligibleLeaderReplicas: null,
    lastKnownElr: null,
  };
}

export function readPartitionRecord(r: Reader, version: number): PartitionRecord {
  const o: PartitionRecord = {
    partitionId: r.int32(),
    topicId: r.uuid(),
    replicas: (readInt32Array(r, true) ?? []),
    isr: (readInt32Array(r, true) ?? []),
    removingReplicas: (readInt32Array(r, true) ?? []),
    addingReplicas: (readInt32Array(r, true) ?? []),
    leader: r.int32(),
    leaderRecoveryState: 0,
    leaderEpoch: r.int32(),
    partitionEpoch: r.int32(),
    directories: version >= 1 ? (readUuidArray(r, true) ?? []) : [],
    eligibleLeaderReplicas: null,
    lastKnownElr: null,
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0) o.leaderRecoveryState = t.int8();
    if (tag === 1 && version >= 2) o.eligibleLeaderReplicas = readInt32Array(t, true);
    if (tag === 2 && version >= 2) o.lastKnownElr = readInt32Array(t, true);
  }
  return o;
}

export function writePartitionRecord(w: Writer, v: PartitionRecord, version: number): void {
  w.int32(v.partitionId);
  w.uuid(v.topicId);
  writeInt32Array(w, v.replicas, true);
  writeInt32Array(w, v.isr, true);
  writeInt32Array(w, v.removingReplicas, true);
  writeInt32Array(w, v.addingReplicas, true);
  w.int32(v.leader);
  w.int32(v.leaderEpoch);
  w.int32(v.partitionEpoch);
  if (version >= 1) writeUuidArray(w, v.directories, true);
  const t0 = v.leaderRecoveryState !== 0;
  const t1 = version >= 2 && v.eligibleLeaderReplicas !== null;
  const t2 = version >= 2 && v.lastKnownElr !== null;
  w.uvarint((t0 ? 1 : 0) + (t1 ? 1 : 0) + (t2 ? 1 : 0));
  if (t0) { w.uvarint(0); w.uvarint(1); w.int8(v.leaderRecoveryState); }
  if (t1) { writeTagged(w, 1, (w) => { writeInt32Array(w, v.eligibleLeaderReplicas, true); }); }
  if (t2) { writeTagged(w, 2, (w) => { writeInt32Array(w, v.lastKnownElr, true); }); }
}

export const PartitionRecordDefinition: MessageDefinition<PartitionRecord> = {
  name: 'PartitionRecord',
  type: 3,
  minVersion: 0,
  maxVersion: 2,
  flexibleVersion: 0,
  read: readPartitionRecord,
  write: writePartitionRecord,
  default: defaultPartitionRecord,
};
