// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/07-controlled-shutdown.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface ControlledShutdownRequest {
  /** The id of the broker for which controlled shutdown has been requested. */
  brokerId: number;
  /** The broker epoch. */
  brokerEpoch: number;
}

export function defaultControlledShutdownRequest(): ControlledShutdownRequest {
  return {
    brokerId: 0,
    brokerEpoch: -1,
  };
}

export function readControlledShutdownRequest(r: Reader, version: number): ControlledShutdownRequest {
  const flex = version >= 3;
  const o: ControlledShutdownRequest = {
    brokerId: r.int32(),
    brokerEpoch: version >= 2 ? r.int64() : -1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeControlledShutdownRequest(w: Writer, v: ControlledShutdownRequest, version: number): void {
  const flex = version >= 3;
  w.int32(v.brokerId);
  if (version >= 2) w.int64(v.brokerEpoch);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ControlledShutdownResponse {
  /** The top-level error code. */
  errorCode: number;
  /** The partitions that the broker still leads. */
  remainingPartitions: RemainingPartition[];
}

export function defaultControlledShutdownResponse(): ControlledShutdownResponse {
  return {
    errorCode: 0,
    remainingPartitions: [],
  };
}

export function readControlledShutdownResponse(r: Reader, version: number): ControlledShutdownResponse {
  const flex = version >= 3;
  const o: ControlledShutdownResponse = {
    errorCode: r.int16(),
    remainingPartitions: (readArray(r, flex, 1, readRemainingPartition, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeControlledShutdownResponse(w: Writer, v: ControlledShutdownResponse, version: number): void {
  const flex = version >= 3;
  w.int16(v.errorCode);
  writeArray(w, v.remainingPartitions, flex, writeRemainingPartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface RemainingPartition {
  /** The name of the topic. */
  topicName: string;
  /** The index of the partition. */
  partitionIndex: number;
}

export function defaultRemainingPartition(): RemainingPartition {
  return {
    topicName: '',
    partitionIndex: 0,
  };
}

export function readRemainingPartition(r: Reader, version: number): RemainingPartition {
  const flex = version >= 3;
  const o: RemainingPartition = {
    topicName: (r.string(flex) ?? ''),
    partitionIndex: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeRemainingPartition(w: Writer, v: RemainingPartition, version: number): void {
  const flex = version >= 3;
  w.string(v.topicName, flex);
  w.int32(v.partitionIndex);
  if (flex) {
    w.uvarint(0);
  }
}

export const ControlledShutdownApi: ApiDefinition<ControlledShutdownRequest, ControlledShutdownResponse> = {
  key: 7,
  name: 'ControlledShutdown',
  minVersion: 0,
  maxVersion: 3,
  maxStableVersion: 3,
  flexibleVersion: 3,
  listeners: ['zkBroker', 'controller'],
  readRequest: readControlledShutdownRequest,
  writeRequest: writeControlledShutdownRequest,
  defaultRequest: defaultControlledShutdownRequest,
  readResponse: readControlledShutdownResponse,
  writeResponse: writeControlledShutdownResponse,
  defaultResponse: defaultControlledShutdownResponse,
};
