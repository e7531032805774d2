// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/offset-commit-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface OffsetCommitValue {
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  expireTimestamp: number;
}

export function defaultOffsetCommitValue(): OffsetCommitValue {
  return {
    offset: 0,
    leaderEpoch: -1,
    metadata: '',
    commitTimestamp: 0,
    expireTimestamp: -1,
  };
}

export function readOffsetCommitValue(r: Reader, version: number): OffsetCommitValue {
  const flex = version >= 4;
  const o: OffsetCommitValue = {
    offset: r.int64(),
    leaderEpoch: version >= 3 ? r.int32() : -1,
    metadata: (r.string(flex) ?? ''),
    commitTimestamp: r.int64(),
    expireTimestamp: version === 1 ? r.int64() : -1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetCommitValue(w: Writer, v: OffsetCommitValue, version: number): void {
  const flex = version >= 4;
  w.int64(v.offset);
  if (version >= 3) w.int32(v.leaderEpoch);
  w.string(v.metadata, flex);
  w.int64(v.commitTimestamp);
  if (version === 1) w.int64(v.expireTimestamp);
  if (flex) {
    w.uvarint(0);
  }
}

export const OffsetCommitValueDefinition: MessageDefinition<OffsetCommitValue> = {
  name: 'OffsetCommitValue',
  type: -1,
  minVersion: 0,
  maxVersion: 4,
  flexibleVersion: 4,
  read: readOffsetCommitValue,
  write: writeOffsetCommitValue,
  default: defaultOffsetCommitValue,
};
