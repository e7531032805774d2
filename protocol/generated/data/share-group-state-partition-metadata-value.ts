// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-state-partition-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface ShareGroupStatePartitionMetadataValue {
  /** The topics with initialized share-group state. */
  initializedTopics: TopicPartitionsInfo[];
  /** The topics whose share-group state is being deleted. */
  deletingTopics: TopicInfo[];
}

export function defaultShareGroupStatePartitionMetadataValue(): ShareGroupStatePartitionMetadataValue {
  return {
    initializedTopics: [],
    deletingTopics: [],
  };
}

export function readShareGroupStatePartitionMetadataValue(r: Reader, version: number): ShareGroupStatePartitionMetadataValue {
  const o: ShareGroupStatePartitionMetadataValue = {
    initializedTopics: (readArray(r, true, 1, readTopicPartitionsInfo, version) ?? []),
    deletingTopics: (readArray(r, true, 1, readTopicInfo, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeShareGroupStatePartitionMetadataValue(w: Writer, v: ShareGroupStatePartitionMetadataValue, version: number): void {
  writeArray(w, v.initializedTopics, true, writeTopicPartitionsInfo, version);
  writeArray(w, v.deletingTopics, true, writeTopicInfo, version);
  w.uvarint(0);
}

export interface TopicPartitionsInfo {
  /** The topic identifier. */
  topicId: string;
  /** The topic name. */
  topicName: string;
  /** The partitions. */
  partitions: number[];
}

export function defaultTopicPartitionsInfo(): TopicPartitionsInfo {
  return {
    topicId: ZERO_UUID,
    topicName: '',
    partitions: [],
  };
}

export function readTopicPartitionsInfo(r: Reader, version: number): TopicPartitionsInfo {
  const o: TopicPartitionsInfo = {
    topicId: r.uuid(),
    topicName: (r.string(true) ?? ''),
    partitions: (readInt32Array(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicPartitionsInfo(w: Writer, v: TopicPartitionsInfo, version: number): void {
  w.uuid(v.topicId);
  w.string(v.topicName, true);
  writeInt32Array(w, v.partitions, true);
  w.uvarint(0);
}

export interface TopicInfo {
  /** The topic identifier. */
  topicId: string;
  /** The topic name. */
  topicName: string;
}

export function defaultTopicInfo(): TopicInfo {
  return {
    topicId: ZERO_UUID,
    topicName: '',
  };
}

export function readTopicInfo(r: Reader, version: number): TopicInfo {
  const o: TopicInfo = {
    topicId: r.uuid(),
    topicName: (r.string(true) ?? ''),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicInfo(w: Writer, v: TopicInfo, version: number): void {
  w.uuid(v.topicId);
  w.string(v.topicName, true);
  w.uvarint(0);
}

export const ShareGroupStatePartitionMetadataValueDefinition: MessageDefinition<ShareGroupStatePartitionMetadataValue> = {
  name: 'ShareGroupStatePartitionMetadataValue',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readShareGroupStatePartitionMetadataValue,
  write: writeShareGroupStatePartitionMetadataValue,
  default: defaultShareGroupStatePartitionMetadataValue,
};
