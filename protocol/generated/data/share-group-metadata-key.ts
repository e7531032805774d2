// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-metadata-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ShareGroupMetadataKey {
  /** The group id. */
  groupId: string;
}

export function defaultShareGroupMetadataKey(): ShareGroupMetadataKey {
  return {
    groupId: '',
  };
}

export function readShareGroupMetadataKey(r: Reader, version: number): ShareGroupMetadataKey {
  const o: ShareGroupMetadataKey = {
    groupId: version === 11 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeShareGroupMetadataKey(w: Writer, v: ShareGroupMetadataKey, version: number): void {
  if (version === 11) w.string(v.groupId, false);
}

export const ShareGroupMetadataKeyDefinition: MessageDefinition<ShareGroupMetadataKey> = {
  name: 'ShareGroupMetadataKey',
  type: -1,
  minVersion: 11,
  maxVersion: 11,
  flexibleVersion: -1,
  read: readShareGroupMetadataKey,
  write: writeShareGroupMetadataKey,
  default: defaultShareGroupMetadataKey,
};
