// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/group-metadata-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface GroupMetadataKey {
  group: string;
}

export function defaultGroupMetadataKey(): GroupMetadataKey {
  return {
    group: '',
  };
}

export function readGroupMetadataKey(r: Reader, version: number): GroupMetadataKey {
  const o: GroupMetadataKey = {
    group: version === 2 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeGroupMetadataKey(w: Writer, v: GroupMetadataKey, version: number): void {
  if (version === 2) w.string(v.group, false);
}

export const GroupMetadataKeyDefinition: MessageDefinition<GroupMetadataKey> = {
  name: 'GroupMetadataKey',
  type: -1,
  minVersion: 2,
  maxVersion: 2,
  flexibleVersion: -1,
  read: readGroupMetadataKey,
  write: writeGroupMetadataKey,
  default: defaultGroupMetadataKey,
};
