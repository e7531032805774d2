// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/63-broker-heartbeat.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { writeTagged } from '../../primitives/codec-helpers.js';
import { readUuidArray, writeUuidArray } from '../scalar-arrays.js';

export interface BrokerHeartbeatRequest {
  /** The broker ID. */
  brokerId: number;
  /** The broker epoch. */
  brokerEpoch: number;
  /** The highest metadata offset which the broker has reached. */
  currentMetadataOffset: number;
  /** True if the broker wants to be fenced, false otherwise. */
  wantFence: boolean;
  /** True if the broker wants to be shut down, false otherwise. */
  wantShutDown: boolean;
  /** Log directories that failed and went offline. */
  offlineLogDirs: string[];
}

export function defaultBrokerHeartbeatRequest(): BrokerHeartbeatRequest {
  return {
    brokerId: 0,
    brokerEpoch: -1,
    currentMetadataOffset: 0,
    wantFence: false,
    wantShutDown: false,
    offlineLogDirs: [],
  };
}

export function readBrokerHeartbeatRequest(r: Reader, version: number): BrokerHeartbeatRequest {
  const o: BrokerHeartbeatRequest = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
    currentMetadataOffset: r.int64(),
    wantFence: r.bool(),
    wantShutDown: r.bool(),
    offlineLogDirs: [],
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0 && version >= 1) o.offlineLogDirs = (readUuidArray(t, true) ?? []);
  }
  return o;
}

export function writeBrokerHeartbeatRequest(w: Writer, v: BrokerHeartbeatRequest, version: number): void {
  w.int32(v.brokerId);
  w.int64(v.brokerEpoch);
  w.int64(v.currentMetadataOffset);
  w.bool(v.wantFence);
  w.bool(v.wantShutDown);
  const t0 = version >= 1 && (v.offlineLogDirs === null || v.offlineLogDirs.length > 0);
  w.uvarint(t0 ? 1 : 0);
  if (t0) { writeTagged(w, 0, (w) => { writeUuidArray(w, v.offlineLogDirs, true); }); }
}

export interface BrokerHeartbeatResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** True if the broker has approximately caught up with the latest metadata. */
  isCaughtUp: boolean;
  /** True if the broker is fenced. */
  isFenced: boolean;
  /** True if the broker should proceed with its shutdown. */
  shouldShutDown: boolean;
}

export function defaultBrokerHeartbeatResponse(): BrokerHeartbeatResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    isCaughtUp: false,
    isFenced: true,
    shouldShutDown: false,
  };
}

export function readBrokerHeartbeatResponse(r: Reader, version: number): BrokerHeartbeatResponse {
  const o: BrokerHeartbeatResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    isCaughtUp: r.bool(),
    isFenced: r.bool(),
    shouldShutDown: r.bool(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeBrokerHeartbeatResponse(w: Writer, v: BrokerHeartbeatResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.bool(v.isCaughtUp);
  w.bool(v.isFenced);
  w.bool(v.shouldShutDown);
  w.uvarint(0);
}

export const BrokerHeartbeatApi: ApiDefinition<BrokerHeartbeatRequest, BrokerHeartbeatResponse> = {
  key: 63,
  name: 'BrokerHeartbeat',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: 0,
  listeners: ['controller'],
  readRequest: readBrokerHeartbeatRequest,
  writeRequest: writeBrokerHeartbeatRequest,
  defaultRequest: defaultBrokerHeartbeatRequest,
  readResponse: readBrokerHeartbeatResponse,
  writeResponse: writeBrokerHeartbeatResponse,
  defaultResponse: defaultBrokerHeartbeatResponse,
};
