// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/offset-commit-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface OffsetCommitKey {
  group: string;
  topic: string;
  partition: number;
}

export function defaultOffsetCommitKey(): OffsetCommitKey {
  return {
    group: '',
    topic: '',
    partition: 0,
  };
}

export function readOffsetCommitKey(r: Reader, version: number): OffsetCommitKey {
  const o: OffsetCommitKey = {
    group: version <= 1 ? (r.string(false) ?? '') : '',
    topic: version <= 1 ? (r.string(false) ?? '') : '',
    partition: version <= 1 ? r.int32() : 0,
  };
  return o;
}

export function writeOffsetCommitKey(w: Writer, v: OffsetCommitKey, version: number): void {
  if (version <= 1) w.string(v.group, false);
  if (version <= 1) w.string(v.topic, false);
  if (version <= 1) w.int32(v.partition);
}

export const OffsetCommitKeyDefinition: MessageDefinition<OffsetCommitKey> = {
  name: 'OffsetCommitKey',
  type: -1,
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: -1,
  read: readOffsetCommitKey,
  write: writeOffsetCommitKey,
  default: defaultOffsetCommitKey,
};
