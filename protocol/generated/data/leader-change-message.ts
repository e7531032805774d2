// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/leader-change-message.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface LeaderChangeMessage {
  /** The version of the leader change message */
  version: number;
  /** The ID of the newly elected leader */
  leaderId: number;
  /** The set of voters in the quorum for this epoch */
  voters: Voter[];
  /** The voters who voted for the leader at the time of election */
  grantingVoters: Voter[];
}

export function defaultLeaderChangeMessage(): LeaderChangeMessage {
  return {
    version: 0,
    leaderId: 0,
    voters: [],
    grantingVoters: [],
  };
}

export function readLeaderChangeMessage(r: Reader, version: number): LeaderChangeMessage {
  const o: LeaderChangeMessage = {
    version: r.int16(),
    leaderId: r.int32(),
    voters: (readArray(r, true, 1, readVoter, version) ?? []),
    grantingVoters: (readArray(r, true, 1, readVoter, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeLeaderChangeMessage(w: Writer, v: LeaderChangeMessage, version: number): void {
  w.int16(v.version);
  w.int32(v.leaderId);
  writeArray(w, v.voters, true, writeVoter, version);
  writeArray(w, v.grantingVoters, true, writeVoter, version);
  w.uvarint(0);
}

export interface Voter {
  voterId: number;
  /** The directory id of the voter */
  voterDirectoryId: string;
}

export function defaultVoter(): Voter {
  return {
    voterId: 0,
    voterDirectoryId: ZERO_UUID,
  };
}

export function readVoter(r: Reader, version: number): Voter {
  const o: Voter = {
    voterId: r.int32(),
    voterDirectoryId: version >= 1 ? r.uuid() : ZERO_UUID,
  };
  r.skipTaggedFields();
  return o;
}

export function writeVoter(w: Writer, v: Voter, version: number): void {
  w.int32(v.voterId);
  if (version >= 1) w.uuid(v.voterDirectoryId);
  w.uvarint(0);
}

export const LeaderChangeMessageDefinition: MessageDefinition<LeaderChangeMessage> = {
  name: 'LeaderChangeMessage',
  type: -1,
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: 0,
  read: readLeaderChangeMessage,
  write: writeLeaderChangeMessage,
  default: defaultLeaderChangeMessage,
};
