// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/69-consumer-group-describe.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array, readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface ConsumerGroupDescribeRequest {
  /** The ids of the groups to describe */
  groupIds: string[];
  /** Whether to include authorized operations. */
  includeAuthorizedOperations: boolean;
}

export function defaultConsumerGroupDescribeRequest(): ConsumerGroupDescribeRequest {
  return {
    groupIds: [],
    includeAuthorizedOperations: false,
  };
}

export function readConsumerGroupDescribeRequest(r: Reader, version: number): ConsumerGroupDescribeRequest {
  const o: ConsumerGroupDescribeRequest = {
    groupIds: (readStringArray(r, true) ?? []),
    includeAuthorizedOperations: r.bool(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeConsumerGroupDescribeRequest(w: Writer, v: ConsumerGroupDescribeRequest, version: number): void {
  writeStringArray(w, v.groupIds, true);
  w.bool(v.includeAuthorizedOperations);
  w.uvarint(0);
}

export interface ConsumerGroupDescribeResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each described group. */
  groups: DescribedGroup[];
}

export function defaultConsumerGroupDescribeResponse(): ConsumerGroupDescribeResponse {
  return {
    throttleTimeMs: 0,
    groups: [],
  };
}

export function readConsumerGroupDescribeResponse(r: Reader, version: number): ConsumerGroupDescribeResponse {
  const o: ConsumerGroupDescribeResponse = {
    throttleTimeMs: r.int32(),
    groups: (readArray(r, true, 1, readDescribedGroup, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeConsumerGroupDescribeResponse(w: Writer, v: ConsumerGroupDescribeResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  writeArray(w, v.groups, true, writeDescribedGroup, version);
  w.uvarint(0);
}

export interface DescribedGroup {
  /** The describe error, or 0 if there was no error. */
  errorCode: number;
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null;
  /** The group ID string. */
  groupId: string;
  /** The group state string, or the empty string. */
  groupState: string;
  /** The group epoch. */
  groupEpoch: number;
  /** The assignment epoch. */
  assignmentEpoch: number;
  /** The selected assignor. */
  assignorName: string;
  /** The members. */
  members: Member[];
  /** 32-bit bitfield to represent authorized operations for this group. */
  authorizedOperations: number;
}

export function defaultDescribedGroup(): DescribedGroup {
  return {
    errorCode: 0,
    errorMessage: null,
    groupId: '',
    groupState: '',
    groupEpoch: 0,
    assignmentEpoch: 0,
    assignorName: '',
    members: [],
    authorizedOperations: -2147483648,
  };
}

export function readDescribedGroup(r: Reader, version: number): DescribedGroup {
  const o: DescribedGroup = {
    errorCode: r.int16(),
    errorMessage: r.string(true),
    groupId: (r.string(true) ?? ''),
    groupState: (r.string(true) ?? ''),
    groupEpoch: r.int32(),
    assignmentEpoch: r.int32(),
    assignorName: (r.string(true) ?? ''),
    members: (readArray(r, true, 1, readMember, version) ?? []),
    authorizedOperations: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribedGroup(w: Writer, v: DescribedGroup, version: number): void {
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  w.string(v.groupId, true);
  w.string(v.groupState, true);
  w.int32(v.groupEpoch);
  w.int32(v.assignmentEpoch);
  w.string(v.assignorName, true);
  writeArray(w, v.members, true, writeMember, version);
  w.int32(v.authorizedOperations);
  w.uvarint(0);
}

export interface Member {
  /** The member ID. */
  memberId: string;
  /** The member instance ID. */
  instanceId: string | null;
  /** The member rack ID. */
  rackId: string | null;
  /** The current member epoch. */
  memberEpoch: number;
  /** The client ID. */
  clientId: string;
  /** The client host. */
  clientHost: string;
  /** The subscribed topic names. */
  subscribedTopicNames: string[];
  /** the subscribed topic regex otherwise or null of not provided. */
  subscribedTopicRegex: string | null;
  /** The current assignment. */
  assignment: Assignment;
  /** The target assignment. */
  targetAssignment: Assignment;
}

export function defaultMember(): Member {
  return {
    memberId: '',
    instanceId: null,
    rackId: null,
    memberEpoch: 0,
    clientId: '',
    clientHost: '',
    subscribedTopicNames: [],
    subscribedTopicRegex: null,
    assignment: defaultAssignment(),
    targetAssignment: defaultAssignment(),
  };
}

export function readMember(r: Reader, version: number): Member {
  const o: Member = {
    memberId: (r.string(true) ?? ''),
    instanceId: r.string(true),
    rackId: r.string(true),
    memberEpoch: r.int32(),
    clientId: (r.string(true) ?? ''),
    clientHost: (r.string(true) ?? ''),
    subscribedTopicNames: (readStringArray(r, true) ?? []),
    subscribedTopicRegex: r.string(true),
    assignment: readAssignment(r, version),
    targetAssignment: readAssignment(r, version),
  };
  r.skipTaggedFields();
  return o;
}

export function writeMember(w: Writer, v: Member, version: number): void {
  w.string(v.memberId, true);
  w.string(v.instanceId, true);
  w.string(v.rackId, true);
  w.int32(v.memberEpoch);
  w.string(v.clientId, true);
  w.string(v.clientHost, true);
  writeStringArray(w, v.subscribedTopicNames, true);
  w.string(v.subscribedTopicRegex, true);
  writeAssignment(w, v.assignment, version);
  writeAssignment(w, v.targetAssignment, version);
  w.uvarint(0);
}

export interface TopicPartitions {
  /** The topic ID. */
  topicId: string;
  /** The topic name. */
  topicName: string;
  /** The partitions. */
  partitions: number[];
}

export function defaultTopicPartitions(): TopicPartitions {
  return {
    topicId: ZERO_UUID,
    topicName: '',
    partitions: [],
  };
}

export function readTopicPartitions(r: Reader, version: number): TopicPartitions {
  const o: TopicPartitions = {
    topicId: r.uuid(),
    topicName: (r.string(true) ?? ''),
    partitions: (readInt32Array(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicPartitions(w: Writer, v: TopicPartitions, version: number): void {
  w.uuid(v.topicId);
  w.string(v.topicName, true);
  writeInt32Array(w, v.partitions, true);
  w.uvarint(0);
}

export interface Assignment {
  /** The assigned topic-partitions to the member. */
  topicPartitions: TopicPartitions[];
}

export function defaultAssignment(): Assignment {
  return {
    topicPartitions: [],
  };
}

export function readAssignment(r: Reader, version: number): Assignment {
  const o: Assignment = {
    topicPartitions: (readArray(r, true, 1, readTopicPartitions, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAssignment(w: Writer, v: Assignment, version: number): void {
  writeArray(w, v.topicPartitions, true, writeTopicPartitions, version);
  w.uvarint(0);
}

export const ConsumerGroupDescribeApi: ApiDefinition<ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse> = {
  key: 69,
  name: 'ConsumerGroupDescribe',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['zkBroker', 'broker'],
  readRequest: readConsumerGroupDescribeRequest,
  writeRequest: writeConsumerGroupDescribeRequest,
  defaultRequest: defaultConsumerGroupDescribeRequest,
  readResponse: readConsumerGroupDescribeResponse,
  writeResponse: writeConsumerGroupDescribeResponse,
  defaultResponse: defaultConsumerGroupDescribeResponse,
};
