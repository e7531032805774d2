// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/82-update-raft-voter.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';

export interface UpdateRaftVoterRequest {
  clusterId: string | null;
  /** The current leader epoch of the partition, -1 for unknown leader epoch */
  currentLeaderEpoch: number;
  /** The replica id of the voter getting updated in the topic partition */
  voterId: number;
  /** The directory id of the voter getting updated in the topic partition */
  voterDirectoryId: string;
  /** The endpoint that can be used to communicate with the leader */
  listeners: Listener[];
  /** The range of versions of the protocol that the replica supports */
  kRaftVersionFeature: KRaftVersionFeature;
  /** kraftling's weighted voters: the voter's new weight, set by an operator (-1: unchanged). Not in Kafka: a tagged field its brokers skip. */
  weight: number;
}

export function defaultUpdateRaftVoterRequest(): UpdateRaftVoterRequest {
  return {
    clusterId: '',
    currentLeaderEpoch: 0,
    voterId: 0,
    voterDirectoryId: ZERO_UUID,
    listeners: [],
    kRaftVersionFeature: defaultKRaftVersionFeature(),
    weight: -1,
  };
}

export function readUpdateRaftVoterRequest(r: Reader, version: number): UpdateRaftVoterRequest {
  const o: UpdateRaftVoterRequest = {
    clusterId: r.string(true),
    currentLeaderEpoch: r.int32(),
    voterId: r.int32(),
    voterDirectoryId: r.uuid(),
    listeners: (readArray(r, true, 1, readListener, version) ?? []),
    kRaftVersionFeature: readKRaftVersionFeature(r, version),
    weight: -1,
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 7000) o.weight = t.int32();
  }
  return o;
}

export function writeUpdateRaftVoterRequest(w: Writer, v: UpdateRaftVoterRequest, version: number): void {
  w.string(v.clusterId, true);
  w.int32(v.currentLeaderEpoch);
  w.int32(v.voterId);
  w.uuid(v.voterDirectoryId);
  writeArray(w, v.listeners, true, writeListener, version);
  writeKRaftVersionFeature(w, v.kRaftVersionFeature, version);
  const t0 = v.weight !== -1;
  w.uvarint(t0 ? 1 : 0);
  if (t0) { w.uvarint(7000); w.uvarint(4); w.int32(v.weight); }
}

export interface Listener {
  /** The name of the endpoint */
  name: string;
  /** The hostname */
  host: string;
  /** The port */
  port: number;
}

export function defaultListener(): Listener {
  return {
    name: '',
    host: '',
    port: 0,
  };
}

export function readListener(r: Reader, version: number): Listener {
  const o: Listener = {
    name: (r.string(true) ?? ''),
    host: (r.string(true) ?? ''),
    port: r.uint16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeListener(w: Writer, v: Listener, version: number): void {
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

export interface UpdateRaftVoterResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error */
  errorCode: number;
  currentLeader: CurrentLeader;
  /** kraftling's weighted voters: why a weight change was refused. Not in Kafka: a tagged field its clients skip. */
  errorMessage: string | null;
}

export function defaultUpdateRaftVoterResponse(): UpdateRaftVoterResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    currentLeader: defaultCurrentLeader(),
    errorMessage: null,
  };
}

export function readUpdateRaftVoterResponse(r: Reader, version: number): UpdateRaftVoterResponse {
  const o: UpdateRaftVoterResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    currentLeader: defaultCurrentLeader(),
    errorMessage: null,
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0) o.currentLeader = readCurrentLeader(t, version);
    if (tag === 7001) o.errorMessage = t.string(true);
  }
  return o;
}

export function writeUpdateRaftVoterResponse(w: Writer, v: UpdateRaftVoterResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  const t0 = !isDefaultCurrentLeader(v.currentLeader);
  const t1 = v.errorMessage !== null;
  w.uvarint((t0 ? 1 : 0) + (t1 ? 1 : 0));
  if (t0) { writeTagged(w, 0, (w) => { writeCurrentLeader(w, v.currentLeader, version); }); }
  if (t1) { writeTagged(w, 7001, (w) => { w.string(v.errorMessage, true); }); }
}

export interface CurrentLeader {
  /** The replica id of the current leader or -1 if the leader is unknown */
  leaderId: number;
  /** The latest known leader epoch */
  leaderEpoch: number;
  /** The node's hostname */
  host: string;
  /** The node's port */
  port: number;
}

export function defaultCurrentLeader(): CurrentLeader {
  return {
    leaderId: -1,
    leaderEpoch: -1,
    host: '',
    port: 0,
  };
}

export function readCurrentLeader(r: Reader, version: number): CurrentLeader {
  const o: CurrentLeader = {
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    host: (r.string(true) ?? ''),
    port: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeCurrentLeader(w: Writer, v: CurrentLeader, version: number): void {
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
  w.string(v.host, true);
  w.int32(v.port);
  w.uvarint(0);
}

function isDefaultCurrentLeader(v: CurrentLeader): boolean {
  return !(v.leaderId !== -1 ||
    v.leaderEpoch !== -1 ||
    v.host !== '' ||
    v.port !== 0);
}

export const UpdateRaftVoterApi: ApiDefinition<UpdateRaftVoterRequest, UpdateRaftVoterResponse> = {
  key: 82,
  name: 'UpdateRaftVoter',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['controller'],
  readRequest: readUpdateRaftVoterRequest,
  writeRequest: writeUpdateRaftVoterRequest,
  defaultRequest: defaultUpdateRaftVoterRequest,
  readResponse: readUpdateRaftVoterResponse,
  writeResponse: writeUpdateRaftVoterResponse,
  defaultResponse: defaultUpdateRaftVoterResponse,
};
