// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/voters-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface VotersRecord {
  /** The version of the voters record */
  version: number;
  voters: Voter[];
}

export function defaultVotersRecord(): VotersRecord {
  return {
    version: 0,
    voters: [],
  };
}

export function readVotersRecord(r: Reader, version: number): VotersRecord {
  const o: VotersRecord = {
    version: r.int16(),
    voters: (readArray(r, true, 1, readVoter, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeVotersRecord(w: Writer, v: VotersRecord, version: number): void {
  w.int16(v.version);
  writeArray(w, v.voters, true, writeVoter, version);
  w.uvarint(0);
}

export interface Voter {
  /** The replica id of the voter in the topic partition */
  voterId: number;
  /** The directory id of the voter in the topic partition */
  voterDirectoryId: string;
  /** The endpoint that can be used to communicate with the voter */
  endpoints: Endpoint[];
  /** The range of versions of the protocol that the replica supports */
  kRaftVersionFeature: KRaftVersionFeature;
  /** kraftling's weighted voters: the voter's share of the quorum, which is more than half of the total weight (default 1). Not in Kafka: a tagged field its decoders skip. */
  weight: number;
}

export function defaultVoter(): Voter {
  return {
    voterId: 0,
    voterDirectoryId: ZERO_UUID,
    endpoints: [],
    kRaftVersionFeature: defaultKRaftVersionFeature(),
    weight: 1,
  };
}

export function readVoter(r: Reader, version: number): Voter {
  const o: Voter = {
    voterId: r.int32(),
    voterDirectoryId: r.uuid(),
    endpoints: (readArray(r, true, 1, readEndpoint, version) ?? []),
    kRaftVersionFeature: readKRaftVersionFeature(r, version),
    weight: 1,
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 7000) o.weight = t.int32();
  }
  return o;
}

export function writeVoter(w: Writer, v: Voter, version: number): void {
  w.int32(v.voterId);
  w.uuid(v.voterDirectoryId);
  writeArray(w, v.endpoints, true, writeEndpoint, version);
  writeKRaftVersionFeature(w, v.kRaftVersionFeature, version);
  const t0 = v.weight !== 1;
  w.uvarint(t0 ? 1 : 0);
  if (t0) { w.uvarint(7000); w.uvarint(4); w.int32(v.weight); }
}

export interface Endpoint {
  /** The name of the endpoint */
  name: string;
  /** The hostname */
  host: string;
  /** The port */
  port: number;
}

export function defaultEndpoint(): Endpoint {
  return {
    name: '',
    host: '',
    port: 0,
  };
}

export function readEndpoint(r: Reader, version: number): Endpoint {
  const o: Endpoint = {
    name: (r.string(true) ?? ''),
    host: (r.string(true) ?? ''),
    port: r.uint16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeEndpoint(w: Writer, v: Endpoint, version: number): void {
  w.string(v.name, true);
  w.string(v.host, true);
  w.uint16(v.port);
  w.uvarint(0);
}

export interface KRaftVersionFeature {
  /** The minimum supported KRaft protocol version */
  minSupportedVersion: number;
  /** The maximum supported KRaft protocol version */
  maxSupportedVersion: number;
}

export function defaultKRaftVersionFeature(): KRaftVersionFeature {
  return {
    minSupportedVersion: 0,
    maxSupportedVersion: 0,
  };
}

export function readKRaftVersionFeature(r: Reader, version: number): KRaftVersionFeature {
  const o: KRaftVersionFeature = {
    minSupportedVersion: r.int16(),
    maxSupportedVersion: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeKRaftVersionFeature(w: Writer, v: KRaftVersionFeature, version: number): void {
  w.int16(v.minSupportedVersion);
  w.int16(v.maxSupportedVersion);
  w.uvarint(0);
}

export const VotersRecordDefinition: MessageDefinition<VotersRecord> = {
  name: 'VotersRecord',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readVotersRecord,
  write: writeVotersRecord,
  default: defaultVotersRecord,
};
