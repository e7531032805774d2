// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-protocol-subscription.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array, readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface ConsumerProtocolSubscription {
  topics: string[];
  userData: Buffer | null;
  ownedPartitions: TopicPartition[];
  generationId: number;
  rackId: string | null;
}

export function defaultConsumerProtocolSubscription(): ConsumerProtocolSubscription {
  return {
    topics: [],
    userData: null,
    ownedPartitions: [],
    generationId: -1,
    rackId: null,
  };
}

export function readConsumerProtocolSubscription(r: Reader, version: number): ConsumerProtocolSubscription {
  const o: ConsumerProtocolSubscription = {
    topics: (readStringArray(r, false) ?? []),
    userData: r.bytes(false),
    ownedPartitions: version >= 1 ? (readArray(r, false, 1, readTopicPartition, version) ?? []) : [],
    generationId: version >= 2 ? r.int32() : -1,
    rackId: version >= 3 ? r.string(false) : null,
  };
  return o;
}

export function writeConsumerProtocolSubscription(w: Writer, v: ConsumerProtocolSubscription, version: number): void {
  writeStringArray(w, v.topics, false);
  w.bytes(v.userData, false);
  if (version >= 1) writeArray(w, v.ownedPartitions, false, writeTopicPartition, version);
  if (version >= 2) w.int32(v.generationId);
  if (version >= 3) w.string(v.rackId, false);
}

export interface TopicPartition {
  topic: string;
  partitions: number[];
}

export function defaultTopicPartition(): TopicPartition {
  return {
    topic: '',
    partitions: [],
  };
}

export function readTopicPartition(r: Reader, version: number): TopicPartition {
  const o: TopicPartition = {
    topic: version >= 1 ? (r.string(false) ?? '') : '',
    partitions: version >= 1 ? (readInt32Array(r, false) ?? []) : [],
  };
  return o;
}

export function writeTopicPartition(w: Writer, v: TopicPartition, version: number): void {
  if (version >= 1) w.string(v.topic, false);
  if (version >= 1) writeInt32Array(w, v.partitions, false);
}

export const ConsumerProtocolSubscriptionDefinition: MessageDefinition<ConsumerProtocolSubscription> = {
  name: 'ConsumerProtocolSubscription',
  type: -1,
  minVersion: 0,
  maxVersion: 3,
  flexibleVersion: -1,
  read: readConsumerProtocolSubscription,
  write: writeConsumerProtocolSubscription,
  default: defaultConsumerProtocolSubscription,
};
