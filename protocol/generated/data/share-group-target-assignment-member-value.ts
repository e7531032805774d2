// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-target-assignment-member-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface ShareGroupTargetAssignmentMemberValue {
  /** The assigned partitions. */
  topicPartitions: TopicPartition[];
}

export function defaultShareGroupTargetAssignmentMemberValue(): ShareGroupTargetAssignmentMemberValue {
  return {
    topicPartitions: [],
  };
}

export function readShareGroupTargetAssignmentMemberValue(r: Reader, version: number): ShareGroupTargetAssignmentMemberValue {
  const o: ShareGroupTargetAssignmentMemberValue = {
    topicPartitions: (readArray(r, true, 1, readTopicPartition, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeShareGroupTargetAssignmentMemberValue(w: Writer, v: ShareGroupTargetAssignmentMemberValue, version: number): void {
  writeArray(w, v.topicPartitions, true, writeTopicPartition, version);
  w.uvarint(0);
}

export interface TopicPartition {
  topicId: string;
  partitions: number[];
}

export function defaultTopicPartition(): TopicPartition {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  };
}

export function readTopicPartition(r: Reader, version: number): TopicPartition {
  const o: TopicPartition = {
    topicId: r.uuid(),
    partitions: (readInt32Array(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicPartition(w: Writer, v: TopicPartition, version: number): void {
  w.uuid(v.topicId);
  writeInt32Array(w, v.partitions, true);
  w.uvarint(0);
}

export const ShareGroupTargetAssignmentMemberValueDefinition: MessageDefinition<ShareGroupTargetAssignmentMemberValue> = {
  name: 'ShareGroupTargetAssignmentMemberValue',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readShareGroupTargetAssignmentMemberValue,
  write: writeShareGroupTargetAssignmentMemberValue,
  default: defaultShareGroupTargetAssignmentMemberValue,
};
