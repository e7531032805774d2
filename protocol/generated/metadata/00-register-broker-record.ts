// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/00-register-broker-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';
import { readUuidArray, writeUuidArray } from '../scalar-arrays.js';

export interface RegisterBrokerRecord {
  /** The broker id. */
  brokerId: number;
  /** True if the broker is a ZK broker in migration mode. Otherwise, false */
  isMigratingZkBroker: boolean;
  /** The incarnation ID of the broker process */
  incarnationId: string;
  /** The broker epoch assigned by the controller. */
  brokerEpoch: number;
  /** The endpoints that can be used to communicate with this broker. */
  endPoints: BrokerEndpoint[];
  /** The features on this broker */
  features: BrokerFeature[];
  /** The broker rack. */
  rack: string | null;
  /** True if the broker is fenced. */
  fenced: boolean;
  /** True if the broker is in controlled shutdown. */
  inControlledShutdown: boolean;
  /** Log directories configured in this broker which are available. */
  logDirs: string[];
}

export function defaultRegisterBrokerRecord(): RegisterBrokerRecord {
  return {
    brokerId: 0,
    isMigratingZkBroker: false,
    incarnationId: ZERO_UUID,
    brokerEpoch: 0,
    endPoints: [],
    features: [],
    rack: '',
    fenced: true,
    inControlledShutdown: false,
    logDirs: [],
  };
}

export function readRegisterBrokerRecord(r: Reader, version: number): RegisterBrokerRecord {
  const o: RegisterBrokerRecord = {
    brokerId: r.int32(),
    isMigratingZkBroker: version >= 2 ? r.bool() : false,
    incarnationId: r.uuid(),
    brokerEpoch: r.int64(),
    endPoints: (readArray(r, true, 1, readBrokerEndpoint, version) ?? []),
    features: (readArray(r, true, 1, readBrokerFeature, version) ?? []),
    rack: r.string(true),
    fenced: r.bool(),
    inControlledShutdown: version >= 1 ? r.bool() : false,
    logDirs: [],
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0 && version >= 3) o.logDirs = (readUuidArray(t, true) ?? []);
  }
  return o;
}

export function writeRegisterBrokerRecord(w: Writer, v: RegisterBrokerRecord, version: number): void {
  w.int32(v.brokerId);
  if (version >= 2) w.bool(v.isMigratingZkBroker);
  w.uuid(v.incarnationId);
  w.int64(v.brokerEpoch);
  writeArray(w, v.endPoints, true, writeBrokerEndpoint, version);
  writeArray(w, v.features, true, writeBrokerFeature, version);
  w.string(v.rack, true);
  w.bool(v.fenced);
  if (version >= 1) w.bool(v.inControlledShutdown);
  const t0 = version >= 3 && (v.logDirs === null || v.logDirs.length > 0);
  w.uvarint(t0 ? 1 : 0);
  if (t0) { writeTagged(w, 0, (w) => { writeUuidArray(w, v.logDirs, true); }); }
}

export interface BrokerEndpoint {
  /** The name of the endpoint. */
  name: string;
  /** The hostname. */
  host: string;
  /** The port. */
  port: number;
  /** The security protocol. */
  securityProtocol: number;
}

export function defaultBrokerEndpoint(): BrokerEndpoint {
  return {
    name: '',
    host: '',
    port: 0,
    securityProtocol: 0,
  };
}

export function readBrokerEndpoint(r: Reader, version: number): BrokerEndpoint {
  const o: BrokerEndpoint = {
    name: (r.string(true) ?? ''),
    host: (r.string(true) ?? ''),
    port: r.uint16(),
    securityProtocol: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeBrokerEndpoint(w: Writer, v: BrokerEndpoint, version: number): void {
  w.string(v.name, true);
  w.string(v.host, true);
  w.uint16(v.port);
  w.int16(v.securityProtocol);
  w.uvarint(0);
}

export interface BrokerFeature {
  /** The feature name. */
  name: string;
  /** The minimum supported feature level. */
  minSupportedVersion: number;
  /** The maximum supported feature level. */
  maxSupportedVersion: number;
}

export function defaultBrokerFeature(): BrokerFeature {
  return {
    name: '',
    minSupportedVersion: 0,
    maxSupportedVersion: 0,
  };
}

export function readBrokerFeature(r: Reader, version: number): BrokerFeature {
  const o: BrokerFeature = {
    name: (r.string(true) ?? ''),
    minSupportedVersion: r.int16(),
    maxSupportedVersion: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeBrokerFeature(w: Writer, v: BrokerFeature, version: number): void {
  w.string(v.name, true);
  w.int16(v.minSupportedVersion);
  w.int16(v.maxSupportedVersion);
  w.uvarint(0);
}

export const RegisterBrokerRecordDefinition: MessageDefinition<RegisterBrokerRecord> = {
  name: 'RegisterBrokerRecord',
  type: 0,
  minVersion: 0,
  maxVersion: 3,
  flexibleVersion: 0,
  read: readRegisterBrokerRecord,
  write: writeRegisterBrokerRecord,
  default: defaultRegisterBrokerRecord,
};
