// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/71-get-telemetry-subscriptions.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID } from '../../primitives/codec-helpers.js';
import { readInt8Array, writeInt8Array, readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface GetTelemetrySubscriptionsRequest {
  /** Unique id for this client instance, must be set to 0 on the first request. */
  clientInstanceId: string;
}

export function defaultGetTelemetrySubscriptionsRequest(): GetTelemetrySubscriptionsRequest {
  return {
    clientInstanceId: ZERO_UUID,
  };
}

export function readGetTelemetrySubscriptionsRequest(r: Reader, version: number): GetTelemetrySubscriptionsRequest {
  const o: GetTelemetrySubscriptionsRequest = {
    clientInstanceId: r.uuid(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeGetTelemetrySubscriptionsRequest(w: Writer, v: GetTelemetrySubscriptionsRequest, version: number): void {
  w.uuid(v.clientInstanceId);
  w.uvarint(0);
}

export interface GetTelemetrySubscriptionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** Assigned client instance id if ClientInstanceId was 0 in the request, else 0. */
  clientInstanceId: string;
  /** Unique identifier for the current subscription set for this client instance. */
  subscriptionId: number;
  /** Compression types that broker accepts for the PushTelemetryRequest. */
  acceptedCompressionTypes: number[];
  /** Configured push interval, which is the lowest configured interval in the current subscription set. */
  pushIntervalMs: number;
  /** The maximum bytes of binary data the broker accepts in PushTelemetryRequest. */
  telemetryMaxBytes: number;
  /** Flag to indicate monotonic/counter metrics are to be emitted as deltas or cumulative values */
  deltaTemporality: boolean;
  /** Requested metrics prefix string match. Empty array: No metrics subscribed, Array[0] empty string: All metrics subscribed. */
  requestedMetrics: string[];
}

export function defaultGetTelemetrySubscriptionsResponse(): GetTelemetrySubscriptionsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    clientInstanceId: ZERO_UUID,
    subscriptionId: 0,
    acceptedCompressionTypes: [],
    pushIntervalMs: 0,
    telemetryMaxBytes: 0,
    deltaTemporality: false,
    requestedMetrics: [],
  };
}

export function readGetTelemetrySubscriptionsResponse(r: Reader, version: number): GetTelemetrySubscriptionsResponse {
  const o: GetTelemetrySubscriptionsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    clientInstanceId: r.uuid(),
    subscriptionId: r.int32(),
    acceptedCompressionTypes: (readInt8Array(r, true) ?? []),
    pushIntervalMs: r.int32(),
    telemetryMaxBytes: r.int32(),
    deltaTemporality: r.bool(),
    requestedMetrics: (readStringArray(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeGetTelemetrySubscriptionsResponse(w: Writer, v: GetTelemetrySubscriptionsResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.uuid(v.clientInstanceId);
  w.int32(v.subscriptionId);
  writeInt8Array(w, v.acceptedCompressionTypes, true);
  w.int32(v.pushIntervalMs);
  w.int32(v.telemetryMaxBytes);
  w.bool(v.deltaTemporality);
  writeStringArray(w, v.requestedMetrics, true);
  w.uvarint(0);
}

export const GetTelemetrySubscriptionsApi: ApiDefinition<GetTelemetrySubscriptionsRequest, GetTelemetrySubscriptionsResponse> = {
  key: 71,
  name: 'GetTelemetrySubscriptions',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['broker'],
  readRequest: readGetTelemetrySubscriptionsRequest,
  writeRequest: writeGetTelemetrySubscriptionsRequest,
  defaultRequest: defaultGetTelemetrySubscriptionsRequest,
  readResponse: readGetTelemetrySubscriptionsResponse,
  writeResponse: writeGetTelemetrySubscriptionsResponse,
  defaultResponse: defaultGetTelemetrySubscriptionsResponse,
};
