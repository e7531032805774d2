// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-protocol-assignment.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface ConsumerProtocolAssignment {
  assignedPartitions: TopicPartition[];
  userData: Buffer | null;
}

export function defaultConsumerProtocolAssignment(): ConsumerProtocolAssignment {
  return {
    assignedPartitions: [],
    userData: null,
  };
}

export function readConsumerProtocolAssignment(r: Reader, version: number): ConsumerProtocolAssignment {
  const flex = false;
  const o: ConsumerProtocolAssignment = {
    assignedPartitions: (readArray(r, flex, 1, (r) => readTopicPartition(r, version)) ?? []),
    userData: r.bytes(flex),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeConsumerProtocolAssignment(w: Writer, v: ConsumerProtocolAssignment, version: number): void {
  const flex = false;
  writeArray(w, v.assignedPartitions, flex, (w, e) => writeTopicPartition(w, e, version));
  w.bytes(v.userData, flex);
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
    topic: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 4, (r) => r.int32()) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeTopicPartition(w: Writer, v: TopicPartition, version: number): void {
  const flex = false;
  w.string(v.topic, flex);
  writeArray(w, v.partitions, flex, (w, e) => w.int32(e));
  if (flex) w.uvarint(0);
}

export const ConsumerProtocolAssignmentDefinition: MessageDefinition<ConsumerProtocolAssignment> = {
  name: 'ConsumerProtocolAssignment',
  type: -1,
  minVersion: 0,
  maxVersion: 3,
  flexibleVersion: -1,
  read: readConsumerProtocolAssignment,
  write: writeConsumerProtocolAssignment,
  default: defaultConsumerProtocolAssignment,
};
