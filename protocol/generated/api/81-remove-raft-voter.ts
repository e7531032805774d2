// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/81-remove-raft-voter.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID } from '../../primitives/codec-helpers.js';

export interface RemoveRaftVoterRequest {
  clusterId: string | null;
  /** The replica id of the voter getting removed from the topic partition */
  voterId: number;
  /** The directory id of the voter getting removed from the topic partition */
  voterDirectoryId: string;
}

export function defaultRemoveRaftVoterRequest(): RemoveRaftVoterRequest {
  return {
    clusterId: '',
    voterId: 0,
    voterDirectoryId: ZERO_UUID,
  };
}

export function readRemoveRaftVoterRequest(r: Reader, version: number): RemoveRaftVoterRequest {
  const o: RemoveRaftVoterRequest = {
    clusterId: r.string(true),
    voterId: r.int32(),
    voterDirectoryId: r.uuid(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeRemoveRaftVoterRequest(w: Writer, v: RemoveRaftVoterRequest, version: number): void {
  w.string(v.clusterId, true);
  w.int32(v.voterId);
  w.uuid(v.voterDirectoryId);
  w.uvarint(0);
}

export interface RemoveRaftVoterResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
}

export function defaultRemoveRaftVoterResponse(): RemoveRaftVoterResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
  };
}

export function readRemoveRaftVoterResponse(r: Reader, version: number): RemoveRaftVoterResponse {
  const o: RemoveRaftVoterResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
  };
  r.skipTaggedFields();
  return o;
}

export function writeRemoveRaftVoterResponse(w: Writer, v: RemoveRaftVoterResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  w.uvarint(0);
}

export const RemoveRaftVoterApi: ApiDefinition<RemoveRaftVoterRequest, RemoveRaftVoterResponse> = {
  key: 81,
  name: 'RemoveRaftVoter',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['controller', 'broker'],
  readRequest: readRemoveRaftVoterRequest,
  writeRequest: writeRemoveRaftVoterRequest,
  defaultRequest: defaultRemoveRaftVoterRequest,
  readResponse: readRemoveRaftVoterResponse,
  writeResponse: writeRemoveRaftVoterResponse,
  defaultResponse: defaultRemoveRaftVoterResponse,
};
