// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-state-partition-metadata-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ShareGroupStatePartitionMetadataKey {
  /** The group id. */
  groupId: string;
}

export function defaultShareGroupStatePartitionMetadataKey(): ShareGroupStatePartitionMetadataKey {
  return {
    groupId: '',
  };
}

export function readShareGroupStatePartitionMetadataKey(r: Reader, version: number): ShareGroupStatePartitionMetadataKey {
  const o: ShareGroupStatePartitionMetadataKey = {
    groupId: version === 15 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeShareGroupStatePartitionMetadataKey(w: Writer, v: ShareGroupStatePartitionMetadataKey, version: number): void {
  if (version === 15) w.string(v.groupId, false);
}

export const ShareGroupStatePartitionMetadataKeyDefinition: MessageDefinition<ShareGroupStatePartitionMetadataKey> = {
  name: 'ShareGroupStatePartitionMetadataKey',
  type: -1,
  minVersion: 15,
  maxVersion: 15,
  flexibleVersion: -1,
  read: readShareGroupStatePartitionMetadataKey,
  write: writeShareGroupStatePartitionMetadataKey,
  default: defaultShareGroupStatePartitionMetadataKey,
};
