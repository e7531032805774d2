// The records of __consumer_offsets in Kafka's own format, so the topic can be read by Kafka's tools
// and replayed by either broker: key = int16 version + key struct, value = int16 version + value
// struct, and a null value is a tombstone. Key versions 0 and 1 are offset commits, 2 is classic
// group metadata; 3-8 are consumer groups (KIP-848), handled in consumer-records.ts; the rest (share
// groups) decode as 'other' and are skipped.
import { Reader } from '../../protocol/primitives/reader.js';
import { Writer } from '../../protocol/primitives/writer.js';
import { readGroupMetadataKey, writeGroupMetadataKey } from '../../protocol/generated/data/group-metadata-key.js';
import {
  readGroupMetadataValue, writeGroupMetadataValue, type GroupMetadataValue,
} from '../../protocol/generated/data/group-metadata-value.js';
import { readOffsetCommitKey, writeOffsetCommitKey } from '../../protocol/generated/data/offset-commit-key.js';
import {
  readOffsetCommitValue, writeOffsetCommitValue, type OffsetCommitValue,
} from '../../protocol/generated/data/offset-commit-value.js';

/** One record of the coordinator log, as the runtime appends and replays it. */
export interface CoordinatorRecord {
  key: Buffer;
  /** null: tombstone. */
  value: Buffer | null;
}

export type DecodedRecord =
  | { type: 'offset'; groupId: string; topic: string; partition: number; value: OffsetCommitValue | null }
  | { type: 'group'; groupId: string; value: GroupMetadataValue | null }
  | { type: 'other' };

// The versions Kafka writes today: key 1 for offsets, 2 for groups; value 3 for both, except an
// offset with an explicit expiry (OffsetCommit v2-v4 retention_time_ms), which only value v1 can hold.
const OFFSET_KEY_VERSION = 1;
const GROUP_KEY_VERSION = 2;
const GROUP_VALUE_VERSION = 3;
const OFFSET_VALUE_VERSION = 3;
const OFFSET_VALUE_WITH_EXPIRY_VERSION = 1;

function encode<T>(version: number, v: T, write: (w: Writer, v: T, version: number) => void): Buffer {
  const w = new Writer(64);
  w.int16(version);
  write(w, v, version);
  return w.toBuffer();
}

function offsetKey(groupId: string, topic: string, partition: number): Buffer {
  return encode(OFFSET_KEY_VERSION, { group: groupId, topic, partition }, writeOffsetCommitKey);
}

function groupKey(groupId: string): Buffer {
  return encode(GROUP_KEY_VERSION, { group: groupId }, writeGroupMetadataKey);
}

export function offsetCommitRecord(groupId: string, topic: string, partition: number, value: OffsetCommitValue): CoordinatorRecord {
  const version = value.expireTimestamp >= 0 ? OFFSET_VALUE_WITH_EXPIRY_VERSION : OFFSET_VALUE_VERSION;
  return { key: offsetKey(groupId, topic, partition), value: encode(version, value, writeOffsetCommitValue) };
}

export function offsetTombstone(groupId: string, topic: string, partition: number): CoordinatorRecord {
  return { key: offsetKey(groupId, topic, partition), value: null };
}

export function groupMetadataRecord(groupId: string, value: GroupMetadataValue): CoordinatorRecord {
  return { key: groupKey(groupId), value: encode(GROUP_VALUE_VERSION, value, writeGroupMetadataValue) };
}

export function groupTombstone(groupId: string): CoordinatorRecord {
  return { key: groupKey(groupId), value: null };
}

/** Decodes one record; throws DecodeError on malformed bytes (the runtime logs and skips it). */
export function decodeRecord(record: CoordinatorRecord): DecodedRecord {
  const kr = new Reader(record.key);
  const keyVersion = kr.int16();
  if (keyVersion === 0 || keyVersion === 1) {
    const key = readOffsetCommitKey(kr, keyVersion);
    return { type: 'offset', groupId: key.group, topic: key.topic, partition: key.partition, value: decodeValue(record.value, readOffsetCommitValue) };
  }
  if (keyVersion === GROUP_KEY_VERSION) {
    const key = readGroupMetadataKey(kr, keyVersion);
    return { type: 'group', groupId: key.group, value: decodeValue(record.value, readGroupMetadataValue) };
  }
  return { type: 'other' };
}

function decodeValue<T>(value: Buffer | null, read: (r: Reader, version: number) => T): T | null {
  if (value === null) return null;
  const r = new Reader(value);
  const version = r.int16();
  return read(r, version);
}
