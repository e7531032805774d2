// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/70-controller-registration.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface ControllerRegistrationRequest {
  /** The ID of the controller to register. */
  controllerId: number;
  /** The controller incarnation ID, which is unique to each process run. */
  incarnationId: string;
  /** Set if the required configurations for ZK migration are present. */
  zkMigrationReady: boolean;
  /** The listeners of this controller */
  listeners: Listener[];
  /** The features on this controller */
  features: Feature[];
}

export function defaultControllerRegistrationRequest(): ControllerRegistrationRequest {
  return {
    controllerId: 0,
    incarnationId: ZERO_UUID,
    zkMigrationReady: false,
    listeners: [],
    features: [],
  };
}

export function readControllerRegistrationRequest(r: Reader, version: number): ControllerRegistrationRequest {
  const o: ControllerRegistrationRequest = {
    controllerId: r.int32(),
    incarnationId: r.uuid(),
    zkMigrationReady: r.bool(),
    listeners: (readArray(r, true, 1, readListener, version) ?? []),
    features: (readArray(r, true, 1, readFeature, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeControllerRegistrationRequest(w: Writer, v: ControllerRegistrationRequest, version: number): void {
  w.int32(v.controllerId);
  w.uuid(v.incarnationId);
  w.bool(v.zkMigrationReady);
  writeArray(w, v.listeners, true, writeListener, version);
  writeArray(w, v.features, true, writeFeature, version);
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

export interface ControllerRegistrationResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The response error code. */
  errorCode: number;
  /** The response error message, or null if there was no error. */
  errorMessage: string | null;
}

export function defaultControllerRegistrationResponse(): ControllerRegistrationResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
  };
}

export function readControllerRegistrationResponse(r: Reader, version: number): ControllerRegistrationResponse {
  const o: ControllerRegistrationResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
  };
  r.skipTaggedFields();
  return o;
}

export function writeControllerRegistrationResponse(w: Writer, v: ControllerRegistrationResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  w.uvarint(0);
}

export const ControllerRegistrationApi: ApiDefinition<ControllerRegistrationRequest, ControllerRegistrationResponse> = {
  key: 70,
  name: 'ControllerRegistration',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['controller'],
  readRequest: readControllerRegistrationRequest,
  writeRequest: writeControllerRegistrationRequest,
  defaultRequest: defaultControllerRegistrationRequest,
  readResponse: readControllerRegistrationResponse,
  writeResponse: writeControllerRegistrationResponse,
  defaultResponse: defaultControllerRegistrationResponse,
};
