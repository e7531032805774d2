// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/69-consumer-group-describe.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';

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
  const flex = true;
  const o: ConsumerGroupDescribeRequest = {
    groupIds: (readArray(r, flex, 1, (r) => r.string(flex) ?? '') ?? []),
    includeAuthorizedOperations: r.bool(),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeConsumerGroupDescribeRequest(w: Writer, v: ConsumerGroupDescribeRequest, version: number): void {
  const flex = true;
  writeArray(w, v.groupIds, flex, (w, e) => w.string(e, flex));
  w.bool(v.includeAuthorizedOperations);
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: ConsumerGroupDescribeResponse = {
    throttleTimeMs: r.int32(),
    groups: (readArray(r, flex, 1, (r) => readDescribedGroup(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeConsumerGroupDescribeResponse(w: Writer, v: ConsumerGroupDescribeResponse, version: number): void {
  const flex = true;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.groups, flex, (w, e) => writeDescribedGroup(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: DescribedGroup = {
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    groupId: (r.string(flex) ?? ''),
    groupState: (r.string(flex) ?? ''),
    groupEpoch: r.int32(),
    assignmentEpoch: r.int32(),
    assignorName: (r.string(flex) ?? ''),
    members: (readArray(r, flex, 1, (r) => readMember(r, version)) ?? []),
    authorizedOperations: r.int32(),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeDescribedGroup(w: Writer, v: DescribedGroup, version: number): void {
  const flex = true;
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  w.string(v.groupId, flex);
  w.string(v.groupState, flex);
  w.int32(v.groupEpoch);
  w.int32(v.assignmentEpoch);
  w.string(v.assignorName, flex);
  writeArray(w, v.members, flex, (w, e) => writeMember(w, e, version));
  w.int32(v.authorizedOperations);
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: Member = {
    memberId: (r.string(flex) ?? ''),
    instanceId: r.string(flex),
    rackId: r.string(flex),
    memberEpoch: r.int32(),
    clientId: (r.string(flex) ?? ''),
    clientHost: (r.string(flex) ?? ''),
    subscribedTopicNames: (readArray(r, flex, 1, (r) => r.string(flex) ?? '') ?? []),
    subscribedTopicRegex: r.string(flex),
    assignment: readAssignment(r, version),
    targetAssignment: readAssignment(r, version),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeMember(w: Writer, v: Member, version: number): void {
  const flex = true;
  w.string(v.memberId, flex);
  w.string(v.instanceId, flex);
  w.string(v.rackId, flex);
  w.int32(v.memberEpoch);
  w.string(v.clientId, flex);
  w.string(v.clientHost, flex);
  writeArray(w, v.subscribedTopicNames, flex, (w, e) => w.string(e, flex));
  w.string(v.subscribedTopicRegex, flex);
  writeAssignment(w, v.assignment, version);
  writeAssignment(w, v.targetAssignment, version);
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: TopicPartitions = {
    topicId: r.uuid(),
    topicName: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 4, (r) => r.int32()) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeTopicPartitions(w: Writer, v: TopicPartitions, version: number): void {
  const flex = true;
  w.uuid(v.topicId);
  w.string(v.topicName, flex);
  writeArray(w, v.partitions, flex, (w, e) => w.int32(e));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: Assignment = {
    topicPartitions: (readArray(r, flex, 1, (r) => readTopicPartitions(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeAssignment(w: Writer, v: Assignment, version: number): void {
  const flex = true;
  writeArray(w, v.topicPartitions, flex, (w, e) => writeTopicPartitions(w, e, version));
  if (flex) w.uvarint(0);
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
