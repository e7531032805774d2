// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/72-push-telemetry.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES, ZERO_UUID } from '../../primitives/codec-helpers.js';

export interface PushTelemetryRequest {
  /** Unique id for this client instance. */
  clientInstanceId: string;
  /** Unique identifier for the current subscription. */
  subscriptionId: number;
  /** Client is terminating the connection. */
  terminating: boolean;
  /** Compression codec used to compress the metrics. */
  compressionType: number;
  /** Metrics encoded in OpenTelemetry MetricsData v1 protobuf format. */
  metrics: Buffer;
}

export function defaultPushTelemetryRequest(): PushTelemetryRequest {
  return {
    clientInstanceId: ZERO_UUID,
    subscriptionId: 0,
    terminating: false,
    compressionType: 0,
    metrics: EMPTY_BYTES,
  };
}

export function readPushTelemetryRequest(r: Reader, version: number): PushTelemetryRequest {
  const o: PushTelemetryRequest = {
    clientInstanceId: r.uuid(),
    subscriptionId: r.int32(),
    terminating: r.bool(),
    compressionType: r.int8(),
    metrics: (r.bytes(true) ?? EMPTY_BYTES),
  };
  r.skipTaggedFields();
  return o;
}

export function writePushTelemetryRequest(w: Writer, v: PushTelemetryRequest, version: number): void {
  w.uuid(v.clientInstanceId);
  w.int32(v.subscriptionId);
  w.bool(v.terminating);
  w.int8(v.compressionType);
  w.bytes(v.metrics, true);
  w.uvarint(0);
}

export interface PushTelemetryResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultPushTelemetryResponse(): PushTelemetryResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
  };
}

export function readPushTelemetryResponse(r: Reader, version: number): PushTelemetryResponse {
  const o: PushTelemetryResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writePushTelemetryResponse(w: Writer, v: PushTelemetryResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.uvarint(0);
}

export const PushTelemetryApi: ApiDefinition<PushTelemetryRequest, PushTelemetryResponse> = {
  key: 72,
  name: 'PushTelemetry',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['broker'],
  readRequest: readPushTelemetryRequest,
  writeRequest: writePushTelemetryRequest,
  defaultRequest: defaultPushTelemetryRequest,
  readResponse: readPushTelemetryResponse,
  writeResponse: writePushTelemetryResponse,
  defaultResponse: defaultPushTelemetryResponse,
};
