// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-target-assignment-metadata-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ShareGroupTargetAssignmentMetadataKey {
  /** The group id. */
  groupId: string;
}

export function defaultShareGroupTargetAssignmentMetadataKey(): ShareGroupTargetAssignmentMetadataKey {
  return {
    groupId: '',
  };
}

export function readShareGroupTargetAssignmentMetadataKey(r: Reader, version: number): ShareGroupTargetAssignmentMetadataKey {
  const o: ShareGroupTargetAssignmentMetadataKey = {
    groupId: version === 12 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeShareGroupTargetAssignmentMetadataKey(w: Writer, v: ShareGroupTargetAssignmentMetadataKey, version: number): void {
  if (version === 12) w.string(v.groupId, false);
}

export const ShareGroupTargetAssignmentMetadataKeyDefinition: MessageDefinition<ShareGroupTargetAssignmentMetadataKey> = {
  name: 'ShareGroupTargetAssignmentMetadataKey',
  type: -1,
  minVersion: 12,
  maxVersion: 12,
  flexibleVersion: -1,
  read: readShareGroupTargetAssignmentMetadataKey,
  write: writeShareGroupTargetAssignmentMetadataKey,
  default: defaultShareGroupTargetAssignmentMetadataKey,
};
