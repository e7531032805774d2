// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/consumer-group-current-member-assignment-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface ConsumerGroupCurrentMemberAssignmentValue {
  /** The current member epoch that is expected from the member in the heartbeat request. */
  memberEpoch: number;
  /** If the last epoch bump is lost before reaching the member, the member will retry with the previous epoch. */
  previousMemberEpoch: number;
  /** The member state. See MemberState for the possible values. */
  state: number;
  /** The partitions assigned to (or owned by) this member. */
  assignedPartitions: TopicPartitions[];
  /** The partitions that must be revoked by this member. */
  partitionsPendingRevocation: TopicPartitions[];
}

export function defaultConsumerGroupCurrentMemberAssignmentValue(): ConsumerGroupCurrentMemberAssignmentValue {
  return {
    memberEpoch: 0,
    previousMemberEpoch: 0,
    state: 0,
    assignedPartitions: [],
    partitionsPendingRevocation: [],
  };
}

export function readConsumerGroupCurrentMemberAssignmentValue(r: Reader, version: number): ConsumerGroupCurrentMemberAssignmentValue {
  const o: ConsumerGroupCurrentMemberAssignmentValue = {
    memberEpoch: r.int32(),
    previousMemberEpoch: r.int32(),
    state: r.int8(),
    assignedPartitions: (readArray(r, true, 1, readTopicPartitions, version) ?? []),
    partitionsPendingRevocation: (readArray(r, true, 1, readTopicPartitions, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeConsumerGroupCurrentMemberAssignmentValue(w: Writer, v: ConsumerGroupCurrentMemberAssignmentValue, version: number): void {
  w.int32(v.memberEpoch);
  w.int32(v.previousMemberEpoch);
  w.int8(v.state);
  writeArray(w, v.assignedPartitions, true, writeTopicPartitions, version);
  writeArray(w, v.partitionsPendingRevocation, true, writeTopicPartitions, version);
  w.uvarint(0);
}

export interface TopicPartitions {
  /** The topic Id. */
  topicId: string;
  /** The partition Ids. */
  partitions: number[];
}

export function defaultTopicPartitions(): TopicPartitions {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  };
}

export function readTopicPartitions(r: Reader, version: number): TopicPartitions {
  const o: TopicPartitions = {
    topicId: r.uuid(),
    partitions: (readInt32Array(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicPartitions(w: Writer, v: TopicPartitions, version: number): void {
  w.uuid(v.topicId);
  writeInt32Array(w, v.partitions, true);
  w.uvarint(0);
}

export const ConsumerGroupCurrentMemberAssignmentValueDefinition: MessageDefinition<ConsumerGroupCurrentMemberAssignmentValue> = {
  name: 'ConsumerGroupCurrentMemberAssignmentValue',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readConsumerGroupCurrentMemberAssignmentValue,
  write: writeConsumerGroupCurrentMemberAssignmentValue,
  default: defaultConsumerGroupCurrentMemberAssignmentValue,
};
