// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/44-incremental-alter-configs.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface IncrementalAlterConfigsRequest {
  /** The incremental updates for each resource. */
  resources: AlterConfigsResource[];
  /** True if we should validate the request, but not change the configurations. */
  validateOnly: boolean;
}

export function defaultIncrementalAlterConfigsRequest(): IncrementalAlterConfigsRequest {
  return {
    resources: [],
    validateOnly: false,
  };
}

export function readIncrementalAlterConfigsRequest(r: Reader, version: number): IncrementalAlterConfigsRequest {
  const flex = version >= 1;
  const o: IncrementalAlterConfigsRequest = {
    resources: (readArray(r, flex, 1, readAlterConfigsResource, version) ?? []),
    validateOnly: r.bool(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeIncrementalAlterConfigsRequest(w: Writer, v: IncrementalAlterConfigsRequest, version: number): void {
  const flex = version >= 1;
  writeArray(w, v.resources, flex, writeAlterConfigsResource, version);
  w.bool(v.validateOnly);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterConfigsResource {
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
  /** The configurations. */
  configs: AlterableConfig[];
}

export function defaultAlterConfigsResource(): AlterConfigsResource {
  return {
    resourceType: 0,
    resourceName: '',
    configs: [],
  };
}

export function readAlterConfigsResource(r: Reader, version: number): AlterConfigsResource {
  const flex = version >= 1;
  const o: AlterConfigsResource = {
    resourceType: r.int8(),
    resourceName: (r.string(flex) ?? ''),
    configs: (readArray(r, flex, 1, readAlterableConfig, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterConfigsResource(w: Writer, v: AlterConfigsResource, version: number): void {
  const flex = version >= 1;
  w.int8(v.resourceType);
  w.string(v.resourceName, flex);
  writeArray(w, v.configs, flex, writeAlterableConfig, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterableConfig {
  /** The configuration key name. */
  name: string;
  /** The type (Set, Delete, Append, Subtract) of operation. */
  configOperation: number;
  /** The value to set for the configuration key. */
  value: string | null;
}

export function defaultAlterableConfig(): AlterableConfig {
  return {
    name: '',
    configOperation: 0,
    value: '',
  };
}

export function readAlterableConfig(r: Reader, version: number): AlterableConfig {
  const flex = version >= 1;
  const o: AlterableConfig = {
    name: (r.string(flex) ?? ''),
    configOperation: r.int8(),
    value: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterableConfig(w: Writer, v: AlterableConfig, version: number): void {
  const flex = version >= 1;
  w.string(v.name, flex);
  w.int8(v.configOperation);
  w.string(v.value, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface IncrementalAlterConfigsResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The responses for each resource. */
  responses: AlterConfigsResourceResponse[];
}

export function defaultIncrementalAlterConfigsResponse(): IncrementalAlterConfigsResponse {
  return {
    throttleTimeMs: 0,
    responses: [],
  };
}

export function readIncrementalAlterConfigsResponse(r: Reader, version: number): IncrementalAlterConfigsResponse {
  const flex = version >= 1;
  const o: IncrementalAlterConfigsResponse = {
    throttleTimeMs: r.int32(),
    responses: (readArray(r, flex, 1, readAlterConfigsResourceResponse, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeIncrementalAlterConfigsResponse(w: Writer, v: IncrementalAlterConfigsResponse, version: number): void {
  const flex = version >= 1;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.responses, flex, writeAlterConfigsResourceResponse, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterConfigsResourceResponse {
  /** The resource error code. */
  errorCode: number;
  /** The resource error message, or null if there was no error. */
  errorMessage: string | null;
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
}

export function defaultAlterConfigsResourceResponse(): AlterConfigsResourceResponse {
  return {
    errorCode: 0,
    errorMessage: '',
    resourceType: 0,
    resourceName: '',
  };
}

export function readAlterConfigsResourceResponse(r: Reader, version: number): AlterConfigsResourceResponse {
  const flex = version >= 1;
  const o: AlterConfigsResourceResponse = {
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    resourceType: r.int8(),
    resourceName: (r.string(flex) ?? ''),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterConfigsResourceResponse(w: Writer, v: AlterConfigsResourceResponse, version: number): void {
  const flex = version >= 1;
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  w.int8(v.resourceType);
  w.string(v.resourceName, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const IncrementalAlterConfigsApi: ApiDefinition<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse> = {
  key: 44,
  name: 'IncrementalAlterConfigs',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: 1,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readIncrementalAlterConfigsRequest,
  writeRequest: writeIncrementalAlterConfigsRequest,
  defaultRequest: defaultIncrementalAlterConfigsRequest,
  readResponse: readIncrementalAlterConfigsResponse,
  writeResponse: writeIncrementalAlterConfigsResponse,
  defaultResponse: defaultIncrementalAlterConfigsResponse,
};
