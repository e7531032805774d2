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
  const flex = true;
  const o: ListClientMetricsResourcesRequest = {
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeListClientMetricsResourcesRequest(w: Writer, v: ListClientMetricsResourcesRequest, version: number): void {
  const flex = true;
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: ListClientMetricsResourcesResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    clientMetricsResources: (readArray(r, flex, 1, (r) => readClientMetricsResource(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeListClientMetricsResourcesResponse(w: Writer, v: ListClientMetricsResourcesResponse, version: number): void {
  const flex = true;
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  writeArray(w, v.clientMetricsResources, flex, (w, e) => writeClientMetricsResource(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: ClientMetricsResource = {
    name: (r.string(flex) ?? ''),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeClientMetricsResource(w: Writer, v: ClientMetricsResource, version: number): void {
  const flex = true;
  w.string(v.name, flex);
  if (flex) w.uvarint(0);
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
