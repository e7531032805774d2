// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/62-broker-registration.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readUuidArray, writeUuidArray } from '../scalar-arrays.js';

export interface BrokerRegistrationRequest {
  /** The broker ID. */
  brokerId: number;
  /** The cluster id of the broker process. */
  clusterId: string;
  /** The incarnation id of the broker process. */
  incarnationId: string;
  /** The listeners of this broker */
  listeners: Listener[];
  /** The features on this broker. Note: in v0-v3, features with MinSupportedVersion = 0 are omitted. */
  features: Feature[];
  /** The rack which this broker is in. */
  rack: string | null;
  /** If the required configurations for ZK migration are present, this value is set to true */
  isMigratingZkBroker: boolean;
  /** Log directories configured in this broker which are available. */
  logDirs: string[];
  /** The epoch before a clean shutdown. */
  previousBrokerEpoch: number;
}

export function defaultBrokerRegistrationRequest(): BrokerRegistrationRequest {
  return {
    brokerId: 0,
    clusterId: '',
    incarnationId: ZERO_UUID,
    listeners: [],
    features: [],
    rack: '',
    isMigratingZkBroker: false,
    logDirs: [],
    previousBrokerEpoch: -1,
  };
}

export function readBrokerRegistrationRequest(r: Reader, version: number): BrokerRegistrationRequest {
  const o: BrokerRegistrationRequest = {
    brokerId: r.int32(),
    clusterId: (r.string(true) ?? ''),
    incarnationId: r.uuid(),
    listeners: (readArray(r, true, 1, readListener, version) ?? []),
    features: (readArray(r, true, 1, readFeature, version) ?? []),
    rack: r.string(true),
    isMigratingZkBroker: version >= 1 ? r.bool() : false,
    logDirs: version >= 2 ? (readUuidArray(r, true) ?? []) : [],
    previousBrokerEpoch: version >= 3 ? r.int64() : -1,
  };
  r.skipTaggedFields();
  return o;
}

export function writeBrokerRegistrationRequest(w: Writer, v: BrokerRegistrationRequest, version: number): void {
  w.int32(v.brokerId);
  w.string(v.clusterId, true);
  w.uuid(v.incarnationId);
  writeArray(w, v.listeners, true, writeListener, version);
  writeArray(w, v.features, true, writeFeature, version);
  w.string(v.rack, true);
  if (version >= 1) w.bool(v.isMigratingZkBroker);
  if (version >= 2) writeUuidArray(w, v.logDirs, true);
  if (version >= 3) w.int64(v.previousBrokerEpoch);
  w.uvarint(0);
}

export interface Listener {
  /** The name of the endpoint. */
  name: string;
  /** The hostname. */
  host: string;
  /** The port. */
  port: number;
  /** The security protocol. */
  securityProtocol: number;
}

export function defaultListener(): Listener {
  return {
    name: '',
    host: '',
    port: 0,
    securityProtocol: 0,
  };
}

export function readListener(r: Reader, version: number): Listener {
  const o: Listener = {
    name: (r.string(true) ?? ''),
    host: (r.string(true) ?? ''),
    port: r.uint16(),
    securityProtocol: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeListener(w: Writer, v: Listener, version: number): void {
  w.string(v.name, true);
  w.string(v.host, true);
  w.uint16(v.port);
  w.int16(v.securityProtocol);
  w.uvarint(0);
}

export interface Feature {
  /** The feature name. */
  name: string;
  /** The minimum supported feature level. */
  minSupportedVersion: number;
  /** The maximum supported feature level. */
  maxSupportedVersion: number;
}

export function defaultFeature(): Feature {
  return {
    name: '',
    minSupportedVersion: 0,
    maxSupportedVersion: 0,
  };
}

export function readFeature(r: Reader, version: number): Feature {
  const o: Feature = {
    name: (r.string(true) ?? ''),
    minSupportedVersion: r.int16(),
    maxSupportedVersion: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeFeature(w: Writer, v: Feature, version: number): void {
  w.string(v.name, true);
  w.int16(v.minSupportedVersion);
  w.int16(v.maxSupportedVersion);
  w.uvarint(0);
}

export interface BrokerRegistrationResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The broker's assigned epoch, or -1 if none was assigned. */
  brokerEpoch: number;
}

export function defaultBrokerRegistrationResponse(): BrokerRegistrationResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    brokerEpoch: -1,
  };
}

export function readBrokerRegistrationResponse(r: Reader, version: number): BrokerRegistrationResponse {
  const o: BrokerRegistrationResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    brokerEpoch: r.int64(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeBrokerRegistrationResponse(w: Writer, v: BrokerRegistrationResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.int64(v.brokerEpoch);
  w.uvarint(0);
}

export const BrokerRegistrationApi: ApiDefinition<BrokerRegistrationRequest, BrokerRegistrationResponse> = {
  key: 62,
  name: 'BrokerRegistration',
  minVersion: 0,
  maxVersion: 4,
  maxStableVersion: 4,
  flexibleVersion: 0,
  listeners: ['controller'],
  readRequest: readBrokerRegistrationRequest,
  writeRequest: writeBrokerRegistrationRequest,
  defaultRequest: defaultBrokerRegistrationRequest,
  readResponse: readBrokerRegistrationResponse,
  writeResponse: writeBrokerRegistrationResponse,
  defaultResponse: defaultBrokerRegistrationResponse,
};
