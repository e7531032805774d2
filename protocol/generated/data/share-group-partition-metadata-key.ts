// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-partition-metadata-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ShareGroupPartitionMetadataKey {
  /** The group id. */
  groupId: string;
}

export function defaultShareGroupPartitionMetadataKey(): ShareGroupPartitionMetadataKey {
  return {
    groupId: '',
  };
}

export function readShareGroupPartitionMetadataKey(r: Reader, version: number): ShareGroupPartitionMetadataKey {
  const o: ShareGroupPartitionMetadataKey = {
    groupId: version === 9 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeShareGroupPartitionMetadataKey(w: Writer, v: ShareGroupPartitionMetadataKey, version: number): void {
  if (version === 9) w.string(v.groupId, false);
}

export const ShareGroupPartitionMetadataKeyDefinition: MessageDefinition<ShareGroupPartitionMetadataKey> = {
  name: 'ShareGroupPartitionMetadataKey',
  type: -1,
  minVersion: 9,
  maxVersion: 9,
  flexibleVersion: -1,
  read: readShareGroupPartitionMetadataKey,
  write: writeShareGroupPartitionMetadataKey,
  default: defaultShareGroupPartitionMetadataKey,
};
