// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/80-add-raft-voter.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface AddRaftVoterRequest {
  clusterId: string | null;
  timeoutMs: number;
  /** The replica id of the voter getting added to the topic partition */
  voterId: number;
  /** The directory id of the voter getting added to the topic partition */
  voterDirectoryId: string;
  /** The endpoints that can be used to communicate with the voter */
  listeners: Listener[];
}

export function defaultAddRaftVoterRequest(): AddRaftVoterRequest {
  return {
    clusterId: '',
    timeoutMs: 0,
    voterId: 0,
    voterDirectoryId: ZERO_UUID,
    listeners: [],
  };
}

export function readAddRaftVoterRequest(r: Reader, version: number): AddRaftVoterRequest {
  const o: AddRaftVoterRequest = {
    clusterId: r.string(true),
    timeoutMs: r.int32(),
    voterId: r.int32(),
    voterDirectoryId: r.uuid(),
    listeners: (readArray(r, true, 1, readListener, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAddRaftVoterRequest(w: Writer, v: AddRaftVoterRequest, version: number): void {
  w.string(v.clusterId, true);
  w.int32(v.timeoutMs);
  w.int32(v.voterId);
  w.uuid(v.voterDirectoryId);
  writeArray(w, v.listeners, true, writeListener, version);
  w.uvarint(0);
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

export interface AddRaftVoterResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
}

export function defaultAddRaftVoterResponse(): AddRaftVoterResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
  };
}

export function readAddRaftVoterResponse(r: Reader, version: number): AddRaftVoterResponse {
  const o: AddRaftVoterResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAddRaftVoterResponse(w: Writer, v: AddRaftVoterResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  w.uvarint(0);
}

export const AddRaftVoterApi: ApiDefinition<AddRaftVoterRequest, AddRaftVoterResponse> = {
  key: 80,
  name: 'AddRaftVoter',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['controller', 'broker'],
  readRequest: readAddRaftVoterRequest,
  writeRequest: writeAddRaftVoterRequest,
  defaultRequest: defaultAddRaftVoterRequest,
  readResponse: readAddRaftVoterResponse,
  writeResponse: writeAddRaftVoterResponse,
  defaultResponse: defaultAddRaftVoterResponse,
};
