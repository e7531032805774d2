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
  const flex = false;
  const o: ShareGroupPartitionMetadataKey = {
    groupId: version === 9 ? (r.string(flex) ?? '') : '',
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeShareGroupPartitionMetadataKey(w: Writer, v: ShareGroupPartitionMetadataKey, version: number): void {
  const flex = false;
  if (version === 9) w.string(v.groupId, flex);
  if (flex) w.uvarint(0);
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
