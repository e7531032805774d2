// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-current-member-assignment-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ShareGroupCurrentMemberAssignmentKey {
  /** The group id. */
  groupId: string;
  /** The member id. */
  memberId: string;
}

export function defaultShareGroupCurrentMemberAssignmentKey(): ShareGroupCurrentMemberAssignmentKey {
  return {
    groupId: '',
    memberId: '',
  };
}

export function readShareGroupCurrentMemberAssignmentKey(r: Reader, version: number): ShareGroupCurrentMemberAssignmentKey {
  const o: ShareGroupCurrentMemberAssignmentKey = {
    groupId: version === 14 ? (r.string(false) ?? '') : '',
    memberId: version === 14 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeShareGroupCurrentMemberAssignmentKey(w: Writer, v: ShareGroupCurrentMemberAssignmentKey, version: number): void {
  if (version === 14) w.string(v.groupId, false);
  if (version === 14) w.string(v.memberId, false);
}

export const ShareGroupCurrentMemberAssignmentKeyDefinition: MessageDefinition<ShareGroupCurrentMemberAssignmentKey> = {
  name: 'ShareGroupCurrentMemberAssignmentKey',
  type: -1,
  minVersion: 14,
  maxVersion: 14,
  flexibleVersion: -1,
  read: readShareGroupCurrentMemberAssignmentKey,
  write: writeShareGroupCurrentMemberAssignmentKey,
  default: defaultShareGroupCurrentMemberAssignmentKey,
};
