// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/group-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface GroupMetadataValue {
  protocolType: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  currentStateTimestamp: number;
  members: MemberMetadata[];
}

export function defaultGroupMetadataValue(): GroupMetadataValue {
  return {
    protocolType: '',
    generation: 0,
    protocol: '',
    leader: '',
    currentStateTimestamp: -1,
    members: [],
  };
}

export function readGroupMetadataValue(r: Reader, version: number): GroupMetadataValue {
  const flex = version >= 4;
  const o: GroupMetadataValue = {
    protocolType: (r.string(flex) ?? ''),
    generation: r.int32(),
    protocol: r.string(flex),
    leader: r.string(flex),
    currentStateTimestamp: version >= 2 ? r.int64() : -1,
    members: (readArray(r, flex, 1, readMemberMetadata, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeGroupMetadataValue(w: Writer, v: GroupMetadataValue, version: number): void {
  const flex = version >= 4;
  w.string(v.protocolType, flex);
  w.int32(v.generation);
  w.string(v.protocol, flex);
  w.string(v.leader, flex);
  if (version >= 2) w.int64(v.currentStateTimestamp);
  writeArray(w, v.members, flex, writeMemberMetadata, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface MemberMetadata {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeout: number;
  sessionTimeout: number;
  subscription: Buffer;
  assignment: Buffer;
}

export function defaultMemberMetadata(): MemberMetadata {
  return {
    memberId: '',
    groupInstanceId: null,
    clientId: '',
    clientHost: '',
    rebalanceTimeout: -1,
    sessionTimeout: 0,
    subscription: EMPTY_BYTES,
    assignment: EMPTY_BYTES,
  };
}

export function readMemberMetadata(r: Reader, version: number): MemberMetadata {
  const flex = version >= 4;
  const o: MemberMetadata = {
    memberId: (r.string(flex) ?? ''),
    groupInstanceId: version >= 3 ? r.string(flex) : null,
    clientId: (r.string(flex) ?? ''),
    clientHost: (r.string(flex) ?? ''),
    rebalanceTimeout: version >= 1 ? r.int32() : -1,
    sessionTimeout: r.int32(),
    subscription: (r.bytes(flex) ?? EMPTY_BYTES),
    assignment: (r.bytes(flex) ?? EMPTY_BYTES),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeMemberMetadata(w: Writer, v: MemberMetadata, version: number): void {
  const flex = version >= 4;
  w.string(v.memberId, flex);
  if (version >= 3) w.string(v.groupInstanceId, flex);
  w.string(v.clientId, flex);
  w.string(v.clientHost, flex);
  if (version >= 1) w.int32(v.rebalanceTimeout);
  w.int32(v.sessionTimeout);
  w.bytes(v.subscription, flex);
  w.bytes(v.assignment, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const GroupMetadataValueDefinition: MessageDefinition<GroupMetadataValue> = {
  name: 'GroupMetadataValue',
  type: -1,
  minVersion: 0,
  maxVersion: 4,
  flexibleVersion: 4,
  read: readGroupMetadataValue,
  write: writeGroupMetadataValue,
  default: defaultGroupMetadataValue,
};
