// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-protocol-subscription.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

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
  const flex = false;
  const o: ConsumerProtocolSubscription = {
    topics: (readArray(r, flex, 1, (r) => r.string(flex) ?? '') ?? []),
    userData: r.bytes(flex),
    ownedPartitions: version >= 1 ? (readArray(r, flex, 1, (r) => readTopicPartition(r, version)) ?? []) : [],
    generationId: version >= 2 ? r.int32() : -1,
    rackId: version >= 3 ? r.string(flex) : null,
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeConsumerProtocolSubscription(w: Writer, v: ConsumerProtocolSubscription, version: number): void {
  const flex = false;
  writeArray(w, v.topics, flex, (w, e) => w.string(e, flex));
  w.bytes(v.userData, flex);
  if (version >= 1) writeArray(w, v.ownedPartitions, flex, (w, e) => writeTopicPartition(w, e, version));
  if (version >= 2) w.int32(v.generationId);
  if (version >= 3) w.string(v.rackId, flex);
  if (flex) w.uvarint(0);
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
  const flex = false;
  const o: TopicPartition = {
    topic: version >= 1 ? (r.string(flex) ?? '') : '',
    partitions: version >= 1 ? (readArray(r, flex, 4, (r) => r.int32()) ?? []) : [],
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeTopicPartition(w: Writer, v: TopicPartition, version: number): void {
  const flex = false;
  if (version >= 1) w.string(v.topic, flex);
  if (version >= 1) writeArray(w, v.partitions, flex, (w, e) => w.int32(e));
  if (flex) w.uvarint(0);
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
