// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-member-metadata-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ShareGroupMemberMetadataKey {
  /** The group id. */
  groupId: string;
  /** The member id. */
  memberId: string;
}

export function defaultShareGroupMemberMetadataKey(): ShareGroupMemberMetadataKey {
  return {
    groupId: '',
    memberId: '',
  };
}

export function readShareGroupMemberMetadataKey(r: Reader, version: number): ShareGroupMemberMetadataKey {
  const o: ShareGroupMemberMetadataKey = {
    groupId: version === 10 ? (r.string(false) ?? '') : '',
    memberId: version === 10 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeShareGroupMemberMetadataKey(w: Writer, v: ShareGroupMemberMetadataKey, version: number): void {
  if (version === 10) w.string(v.groupId, false);
  if (version === 10) w.string(v.memberId, false);
}

export const ShareGroupMemberMetadataKeyDefinition: MessageDefinition<ShareGroupMemberMetadataKey> = {
  name: 'ShareGroupMemberMetadataKey',
  type: -1,
  minVersion: 10,
  maxVersion: 10,
  flexibleVersion: -1,
  read: readShareGroupMemberMetadataKey,
  write: writeShareGroupMemberMetadataKey,
  default: defaultShareGroupMemberMetadataKey,
};
