// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-target-assignment-member-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ShareGroupTargetAssignmentMemberKey {
  /** The group id. */
  groupId: string;
  /** The member id. */
  memberId: string;
}

export function defaultShareGroupTargetAssignmentMemberKey(): ShareGroupTargetAssignmentMemberKey {
  return {
    groupId: '',
    memberId: '',
  };
}

export function readShareGroupTargetAssignmentMemberKey(r: Reader, version: number): ShareGroupTargetAssignmentMemberKey {
  const o: ShareGroupTargetAssignmentMemberKey = {
    groupId: version === 13 ? (r.string(false) ?? '') : '',
    memberId: version === 13 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeShareGroupTargetAssignmentMemberKey(w: Writer, v: ShareGroupTargetAssignmentMemberKey, version: number): void {
  if (version === 13) w.string(v.groupId, false);
  if (version === 13) w.string(v.memberId, false);
}

export const ShareGroupTargetAssignmentMemberKeyDefinition: MessageDefinition<ShareGroupTargetAssignmentMemberKey> = {
  name: 'ShareGroupTargetAssignmentMemberKey',
  type: -1,
  minVersion: 13,
  maxVersion: 13,
  flexibleVersion: -1,
  read: readShareGroupTargetAssignmentMemberKey,
  write: writeShareGroupTargetAssignmentMemberKey,
  default: defaultShareGroupTargetAssignmentMemberKey,
};
