// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/74-list-client-metrics-resources.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface ListClientMetricsResourcesRequest {
}

export function defaultListClientMetricsResourcesRequest(): ListClientMetricsResourcesRequest {
  return {
  };
}

export function readListClientMetricsResourcesRequest(r: Reader, version: number): ListClientMetricsResourcesRequest {
  const o: ListClientMetricsResourcesRequest = {
  };
  r.skipTaggedFields();
  return o;
}

export function writeListClientMetricsResourcesRequest(w: Writer, v: ListClientMetricsResourcesRequest, version: number): void {
  w.uvarint(0);
}

export interface ListClientMetricsResourcesResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** Each client metrics resource in the response. */
  clientMetricsResources: ClientMetricsResource[];
}

export function defaultListClientMetricsResourcesResponse(): ListClientMetricsResourcesResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    clientMetricsResources: [],
  };
}

export function readListClientMetricsResourcesResponse(r: Reader, version: number): ListClientMetricsResourcesResponse {
  const o: ListClientMetricsResourcesResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    clientMetricsResources: (readArray(r, true, 1, readClientMetricsResource, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeListClientMetricsResourcesResponse(w: Writer, v: ListClientMetricsResourcesResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  writeArray(w, v.clientMetricsResources, true, writeClientMetricsResource, version);
  w.uvarint(0);
}

export interface ClientMetricsResource {
  /** The resource name. */
  name: string;
}

export function defaultClientMetricsResource(): ClientMetricsResource {
  return {
    name: '',
  };
}

export function readClientMetricsResource(r: Reader, version: number): ClientMetricsResource {
  const o: ClientMetricsResource = {
    name: (r.string(true) ?? ''),
  };
  r.skipTaggedFields();
  return o;
}

export function writeClientMetricsResource(w: Writer, v: ClientMetricsResource, version: number): void {
  w.string(v.name, true);
  w.uvarint(0);
}

export const ListClientMetricsResourcesApi: ApiDefinition<ListClientMetricsResourcesRequest, ListClientMetricsResourcesResponse> = {
  key: 74,
  name: 'ListClientMetricsResources',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['broker'],
  readRequest: readListClientMetricsResourcesRequest,
  writeRequest: writeListClientMetricsResourcesRequest,
  defaultRequest: defaultListClientMetricsResourcesRequest,
  readResponse: readListClientMetricsResourcesResponse,
  writeResponse: writeListClientMetricsResourcesResponse,
  defaultResponse: defaultListClientMetricsResourcesResponse,
};
