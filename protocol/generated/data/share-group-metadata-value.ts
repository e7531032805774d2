// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ShareGroupMetadataValue {
  /** The group epoch. */
  epoch: number;
}

export function defaultShareGroupMetadataValue(): ShareGroupMetadataValue {
  return {
    epoch: 0,
  };
}

export function readShareGroupMetadataValue(r: Reader, version: number): ShareGroupMetadataValue {
  const o: ShareGroupMetadataValue = {
    epoch: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeShareGroupMetadataValue(w: Writer, v: ShareGroupMetadataValue, version: number): void {
  w.int32(v.epoch);
  w.uvarint(0);
}

export const ShareGroupMetadataValueDefinition: MessageDefinition<ShareGroupMetadataValue> = {
  name: 'ShareGroupMetadataValue',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readShareGroupMetadataValue,
  write: writeShareGroupMetadataValue,
  default: defaultShareGroupMetadataValue,
};
