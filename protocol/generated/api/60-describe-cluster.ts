// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/60-describe-cluster.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface DescribeClusterRequest {
  /** Whether to include cluster authorized operations. */
  includeClusterAuthorizedOperations: boolean;
  /** The endpoint type to describe. 1=brokers, 2=controllers. */
  endpointType: number;
}

export function defaultDescribeClusterRequest(): DescribeClusterRequest {
  return {
    includeClusterAuthorizedOperations: false,
    endpointType: 1,
  };
}

export function readDescribeClusterRequest(r: Reader, version: number): DescribeClusterRequest {
  const o: DescribeClusterRequest = {
    includeClusterAuthorizedOperations: r.bool(),
    endpointType: version >= 1 ? r.int8() : 1,
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeClusterRequest(w: Writer, v: DescribeClusterRequest, version: number): void {
  w.bool(v.includeClusterAuthorizedOperations);
  if (version >= 1) w.int8(v.endpointType);
  w.uvarint(0);
}

export interface DescribeClusterResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top-level error code, or 0 if there was no error */
  errorCode: number;
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null;
  /** The endpoint type that was described. 1=brokers, 2=controllers. */
  endpointType: number;
  /** The cluster ID that responding broker belongs to. */
  clusterId: string;
  /** The ID of the controller broker. */
  controllerId: number;
  /** Each broker in the response. */
  brokers: DescribeClusterBroker[];
  /** 32-bit bitfield to represent authorized operations for this cluster. */
  clusterAuthorizedOperations: number;
}

export function defaultDescribeClusterResponse(): DescribeClusterResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: null,
    endpointType: 1,
    clusterId: '',
    controllerId: -1,
    brokers: [],
    clusterAuthorizedOperations: -2147483648,
  };
}

export function readDescribeClusterResponse(r: Reader, version: number): DescribeClusterResponse {
  const o: DescribeClusterResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
    endpointType: version >= 1 ? r.int8() : 1,
    clusterId: (r.string(true) ?? ''),
    controllerId: r.int32(),
    brokers: (readArray(r, true, 1, readDescribeClusterBroker, version) ?? []),
    clusterAuthorizedOperations: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeClusterResponse(w: Writer, v: DescribeClusterResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  if (version >= 1) w.int8(v.endpointType);
  w.string(v.clusterId, true);
  w.int32(v.controllerId);
  writeArray(w, v.brokers, true, writeDescribeClusterBroker, version);
  w.int32(v.clusterAuthorizedOperations);
  w.uvarint(0);
}

export interface DescribeClusterBroker {
  /** The broker ID. */
  brokerId: number;
  /** The broker hostname. */
  host: string;
  /** The broker port. */
  port: number;
  /** The rack of the broker, or null if it has not been assigned to a rack. */
  rack: string | null;
}

export function defaultDescribeClusterBroker(): DescribeClusterBroker {
  return {
    brokerId: 0,
    host: '',
    port: 0,
    rack: null,
  };
}

export function readDescribeClusterBroker(r: Reader, version: number): DescribeClusterBroker {
  const o: DescribeClusterBroker = {
    brokerId: r.int32(),
    host: (r.string(true) ?? ''),
    port: r.int32(),
    rack: r.string(true),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeClusterBroker(w: Writer, v: DescribeClusterBroker, version: number): void {
  w.int32(v.brokerId);
  w.string(v.host, true);
  w.int32(v.port);
  w.string(v.rack, true);
  w.uvarint(0);
}

export const DescribeClusterApi: ApiDefinition<DescribeClusterRequest, DescribeClusterResponse> = {
  key: 60,
  name: 'DescribeCluster',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: 0,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readDescribeClusterRequest,
  writeRequest: writeDescribeClusterRequest,
  defaultRequest: defaultDescribeClusterRequest,
  readResponse: readDescribeClusterResponse,
  writeResponse: writeDescribeClusterResponse,
  defaultResponse: defaultDescribeClusterResponse,
};
