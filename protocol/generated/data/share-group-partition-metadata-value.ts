// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/share-group-partition-metadata-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface ShareGroupPartitionMetadataValue {
  /** The list of topic metadata. */
  topics: TopicMetadata[];
}

export function defaultShareGroupPartitionMetadataValue(): ShareGroupPartitionMetadataValue {
  return {
    topics: [],
  };
}

export function readShareGroupPartitionMetadataValue(r: Reader, version: number): ShareGroupPartitionMetadataValue {
  const o: ShareGroupPartitionMetadataValue = {
    topics: (readArray(r, true, 1, readTopicMetadata, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeShareGroupPartitionMetadataValue(w: Writer, v: ShareGroupPartitionMetadataValue, version: number): void {
  writeArray(w, v.topics, true, writeTopicMetadata, version);
  w.uvarint(0);
}

export interface TopicMetadata {
  /** The topic id. */
  topicId: string;
  /** The topic name. */
  topicName: string;
  /** The number of partitions of the topic. */
  numPartitions: number;
  /** Partitions mapped to a set of racks. If the rack information is unavailable for all the partitions, an empty list is stored */
  partitionMetadata: PartitionMetadata[];
}

export function defaultTopicMetadata(): TopicMetadata {
  return {
    topicId: ZERO_UUID,
    topicName: '',
    numPartitions: 0,
    partitionMetadata: [],
  };
}

export function readTopicMetadata(r: Reader, version: number): TopicMetadata {
  const o: TopicMetadata = {
    topicId: r.uuid(),
    topicName: (r.string(true) ?? ''),
    numPartitions: r.int32(),
    partitionMetadata: (readArray(r, true, 1, readPartitionMetadata, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicMetadata(w: Writer, v: TopicMetadata, version: number): void {
  w.uuid(v.topicId);
  w.string(v.topicName, true);
  w.int32(v.numPartitions);
  writeArray(w, v.partitionMetadata, true, writePartitionMetadata, version);
  w.uvarint(0);
}

export interface PartitionMetadata {
  /** The partition number. */
  partition: number;
  /** The set of racks that the partition is mapped to. */
  racks: string[];
}

export function defaultPartitionMetadata(): PartitionMetadata {
  return {
    partition: 0,
    racks: [],
  };
}

export function readPartitionMetadata(r: Reader, version: number): PartitionMetadata {
  const o: PartitionMetadata = {
    partition: r.int32(),
    racks: (readStringArray(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writePartitionMetadata(w: Writer, v: PartitionMetadata, version: number): void {
  w.int32(v.partition);
  writeStringArray(w, v.racks, true);
  w.uvarint(0);
}

export const ShareGroupPartitionMetadataValueDefinition: MessageDefinition<ShareGroupPartitionMetadataValue> = {
  name: 'ShareGroupPartitionMetadataValue',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readShareGroupPartitionMetadataValue,
  write: writeShareGroupPartitionMetadataValue,
  default: defaultShareGroupPartitionMetadataValue,
};
