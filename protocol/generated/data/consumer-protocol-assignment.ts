// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-protocol-assignment.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

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
  const o: ConsumerProtocolAssignment = {
    assignedPartitions: (readArray(r, false, 1, readTopicPartition, version) ?? []),
    userData: r.bytes(false),
  };
  return o;
}

export function writeConsumerProtocolAssignment(w: Writer, v: ConsumerProtocolAssignment, version: number): void {
  writeArray(w, v.assignedPartitions, false, writeTopicPartition, version);
  w.bytes(v.userData, false);
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
    topic: (r.string(false) ?? ''),
    partitions: (readInt32Array(r, false) ?? []),
  };
  return o;
}

export function writeTopicPartition(w: Writer, v: TopicPartition, version: number): void {
  w.string(v.topic, false);
  writeInt32Array(w, v.partitions, false);
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
