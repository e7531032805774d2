// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/27-register-controller-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface RegisterControllerRecord {
  /** The controller id. */
  controllerId: number;
  /** The incarnation ID of the controller process */
  incarnationId: string;
  /** Set if the required configurations for ZK migration are present. */
  zkMigrationReady: boolean;
  /** The endpoints that can be used to communicate with this controller. */
  endPoints: ControllerEndpoint[];
  /** The features on this controller */
  features: ControllerFeature[];
}

export function defaultRegisterControllerRecord(): RegisterControllerRecord {
  return {
    controllerId: 0,
    incarnationId: ZERO_UUID,
    zkMigrationReady: false,
    endPoints: [],
    features: [],
  };
}

export function readRegisterControllerRecord(r: Reader, version: number): RegisterControllerRecord {
  const o: RegisterControllerRecord = {
    controllerId: r.int32(),
    incarnationId: r.uuid(),
    zkMigrationReady: r.bool(),
    endPoints: (readArray(r, true, 1, readControllerEndpoint, version) ?? []),
    features: (readArray(r, true, 1, readControllerFeature, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeRegisterControllerRecord(w: Writer, v: RegisterControllerRecord, version: number): void {
  w.int32(v.controllerId);
  w.uuid(v.incarnationId);
  w.bool(v.zkMigrationReady);
  writeArray(w, v.endPoints, true, writeControllerEndpoint, version);
  writeArray(w, v.features, true, writeControllerFeature, version);
  w.uvarint(0);
}

export interface ControllerEndpoint {
  /** The name of the endpoint. */
  name: string;
  /** The hostname. */
  host: string;
  /** The port. */
  port: number;
  /** The security protocol. */
  securityProtocol: number;
}

export function defaultControllerEndpoint(): ControllerEndpoint {
  return {
    name: '',
    host: '',
    port: 0,
    securityProtocol: 0,
  };
}

export function readControllerEndpoint(r: Reader, version: number): ControllerEndpoint {
  const o: ControllerEndpoint = {
    name: (r.string(true) ?? ''),
    host: (r.string(true) ?? ''),
    port: r.uint16(),
    securityProtocol: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeControllerEndpoint(w: Writer, v: ControllerEndpoint, version: number): void {
  w.string(v.name, true);
  w.string(v.host, true);
  w.uint16(v.port);
  w.int16(v.securityProtocol);
  w.uvarint(0);
}

export interface ControllerFeature {
  /** The feature name. */
  name: string;
  /** The minimum supported feature level. */
  minSupportedVersion: number;
  /** The maximum supported feature level. */
  maxSupportedVersion: number;
}

export function defaultControllerFeature(): ControllerFeature {
  return {
    name: '',
    minSupportedVersion: 0,
    maxSupportedVersion: 0,
  };
}

export function readControllerFeature(r: Reader, version: number): ControllerFeature {
  const o: ControllerFeature = {
    name: (r.string(true) ?? ''),
    minSupportedVersion: r.int16(),
    maxSupportedVersion: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeControllerFeature(w: Writer, v: ControllerFeature, version: number): void {
  w.string(v.name, true);
  w.int16(v.minSupportedVersion);
  w.int16(v.maxSupportedVersion);
  w.uvarint(0);
}

export const RegisterControllerRecordDefinition: MessageDefinition<RegisterControllerRecord> = {
  name: 'RegisterControllerRecord',
  type: 27,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readRegisterControllerRecord,
  write: writeRegisterControllerRecord,
  default: defaultRegisterControllerRecord,
};
