// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-state-partition-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';

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
  const flex = true;
  const o: ShareGroupStatePartitionMetadataValue = {
    initializedTopics: (readArray(r, flex, 1, (r) => readTopicPartitionsInfo(r, version)) ?? []),
    deletingTopics: (readArray(r, flex, 1, (r) => readTopicInfo(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeShareGroupStatePartitionMetadataValue(w: Writer, v: ShareGroupStatePartitionMetadataValue, version: number): void {
  const flex = true;
  writeArray(w, v.initializedTopics, flex, (w, e) => writeTopicPartitionsInfo(w, e, version));
  writeArray(w, v.deletingTopics, flex, (w, e) => writeTopicInfo(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: TopicPartitionsInfo = {
    topicId: r.uuid(),
    topicName: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 4, (r) => r.int32()) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeTopicPartitionsInfo(w: Writer, v: TopicPartitionsInfo, version: number): void {
  const flex = true;
  w.uuid(v.topicId);
  w.string(v.topicName, flex);
  writeArray(w, v.partitions, flex, (w, e) => w.int32(e));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: TopicInfo = {
    topicId: r.uuid(),
    topicName: (r.string(flex) ?? ''),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeTopicInfo(w: Writer, v: TopicInfo, version: number): void {
  const flex = true;
  w.uuid(v.topicId);
  w.string(v.topicName, flex);
  if (flex) w.uvarint(0);
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
