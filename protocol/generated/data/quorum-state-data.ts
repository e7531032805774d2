// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/quorum-state-data.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface QuorumStateData {
  clusterId: string;
  leaderId: number;
  leaderEpoch: number;
  votedId: number;
  votedDirectoryId: string;
  appliedOffset: number;
  currentVoters: Voter[] | null;
}

export function defaultQuorumStateData(): QuorumStateData {
  return {
    clusterId: '',
    leaderId: -1,
    leaderEpoch: -1,
    votedId: -1,
    votedDirectoryId: ZERO_UUID,
    appliedOffset: 0,
    currentVoters: [],
  };
}

export function readQuorumStateData(r: Reader, version: number): QuorumStateData {
  const o: QuorumStateData = {
    clusterId: version === 0 ? (r.string(true) ?? '') : '',
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    votedId: r.int32(),
    votedDirectoryId: version >= 1 ? r.uuid() : ZERO_UUID,
    appliedOffset: version === 0 ? r.int64() : 0,
    currentVoters: version === 0 ? readArray(r, true, 1, readVoter, version) : [],
  };
  r.skipTaggedFields();
  return o;
}

export function writeQuorumStateData(w: Writer, v: QuorumStateData, version: number): void {
  if (version === 0) w.string(v.clusterId, true);
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
  w.int32(v.votedId);
  if (version >= 1) w.uuid(v.votedDirectoryId);
  if (version === 0) w.int64(v.appliedOffset);
  if (version === 0) writeArray(w, v.currentVoters, true, writeVoter, version);
  w.uvarint(0);
}

export interface Voter {
  voterId: number;
}

export function defaultVoter(): Voter {
  return {
    voterId: 0,
  };
}

export function readVoter(r: Reader, version: number): Voter {
  const o: Voter = {
    voterId: version === 0 ? r.int32() : 0,
  };
  r.skipTaggedFields();
  return o;
}

export function writeVoter(w: Writer, v: Voter, version: number): void {
  if (version === 0) w.int32(v.voterId);
  w.uvarint(0);
}

export const QuorumStateDataDefinition: MessageDefinition<QuorumStateData> = {
  name: 'QuorumStateData',
  type: -1,
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: 0,
  read: readQuorumStateData,
  write: writeQuorumStateData,
  default: defaultQuorumStateData,
};
