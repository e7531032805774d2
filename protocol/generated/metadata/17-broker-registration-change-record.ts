// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/17-broker-registration-change-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { writeTagged } from '../../primitives/codec-helpers.js';
import { readUuidArray, writeUuidArray } from '../scalar-arrays.js';

export interface BrokerRegistrationChangeRecord {
  /** The broker id. */
  brokerId: number;
  /** The broker epoch assigned by the controller. */
  brokerEpoch: number;
  /** -1 if the broker has been unfenced, 0 if no change, 1 if the broker has been fenced. */
  fenced: number;
  /** 0 if no change, 1 if the broker is in controlled shutdown. */
  inControlledShutdown: number;
  /** Log directories configured in this broker which are available. */
  logDirs: string[];
}

export function defaultBrokerRegistrationChangeRecord(): BrokerRegistrationChangeRecord {
  return {
    brokerId: 0,
    brokerEpoch: 0,
    fenced: 0,
    inControlledShutdown: 0,
    logDirs: [],
  };
}

export function readBrokerRegistrationChangeRecord(r: Reader, version: number): BrokerRegistrationChangeRecord {
  const o: BrokerRegistrationChangeRecord = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
    fenced: 0,
    inControlledShutdown: 0,
    logDirs: [],
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0) o.fenced = t.int8();
    if (tag === 1 && version >= 1) o.inControlledShutdown = t.int8();
    if (tag === 2 && version >= 2) o.logDirs = (readUuidArray(t, true) ?? []);
  }
  return o;
}

export function writeBrokerRegistrationChangeRecord(w: Writer, v: BrokerRegistrationChangeRecord, version: number): void {
  w.int32(v.brokerId);
  w.int64(v.brokerEpoch);
  const t0 = v.fenced !== 0;
  const t1 = version >= 1 && v.inControlledShutdown !== 0;
  const t2 = version >= 2 && (v.logDirs === null || v.logDirs.length > 0);
  w.uvarint((t0 ? 1 : 0) + (t1 ? 1 : 0) + (t2 ? 1 : 0));
  if (t0) { w.uvarint(0); w.uvarint(1); w.int8(v.fenced); }
  if (t1) { w.uvarint(1); w.uvarint(1); w.int8(v.inControlledShutdown); }
  if (t2) { writeTagged(w, 2, (w) => { writeUuidArray(w, v.logDirs, true); }); }
}

export const BrokerRegistrationChangeRecordDefinition: MessageDefinition<BrokerRegistrationChangeRecord> = {
  name: 'BrokerRegistrationChangeRecord',
  type: 17,
  minVersion: 0,
  maxVersion: 2,
  flexibleVersion: 0,
  read: readBrokerRegistrationChangeRecord,
  write: writeBrokerRegistrationChangeRecord,
  default: defaultBrokerRegistrationChangeRecord,
};
