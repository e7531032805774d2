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
  const flex = false;
  const o: ShareGroupTargetAssignmentMetadataKey = {
    groupId: version === 12 ? (r.string(flex) ?? '') : '',
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeShareGroupTargetAssignmentMetadataKey(w: Writer, v: ShareGroupTargetAssignmentMetadataKey, version: number): void {
  const flex = false;
  if (version === 12) w.string(v.groupId, flex);
  if (flex) w.uvarint(0);
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
