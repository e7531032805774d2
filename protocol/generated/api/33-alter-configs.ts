// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/33-alter-configs.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface AlterConfigsRequest {
  /** The updates for each resource. */
  resources: AlterConfigsResource[];
  /** True if we should validate the request, but not change the configurations. */
  validateOnly: boolean;
}

export function defaultAlterConfigsRequest(): AlterConfigsRequest {
  return {
    resources: [],
    validateOnly: false,
  };
}

export function readAlterConfigsRequest(r: Reader, version: number): AlterConfigsRequest {
  const flex = version >= 2;
  const o: AlterConfigsRequest = {
    resources: (readArray(r, flex, 1, readAlterConfigsResource, version) ?? []),
    validateOnly: r.bool(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterConfigsRequest(w: Writer, v: AlterConfigsRequest, version: number): void {
  const flex = version >= 2;
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
  const flex = version >= 2;
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
  const flex = version >= 2;
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
  /** The value to set for the configuration key. */
  value: string | null;
}

export function defaultAlterableConfig(): AlterableConfig {
  return {
    name: '',
    value: '',
  };
}

export function readAlterableConfig(r: Reader, version: number): AlterableConfig {
  const flex = version >= 2;
  const o: AlterableConfig = {
    name: (r.string(flex) ?? ''),
    value: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterableConfig(w: Writer, v: AlterableConfig, version: number): void {
  const flex = version >= 2;
  w.string(v.name, flex);
  w.string(v.value, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterConfigsResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The responses for each resource. */
  responses: AlterConfigsResourceResponse[];
}

export function defaultAlterConfigsResponse(): AlterConfigsResponse {
  return {
    throttleTimeMs: 0,
    responses: [],
  };
}

export function readAlterConfigsResponse(r: Reader, version: number): AlterConfigsResponse {
  const flex = version >= 2;
  const o: AlterConfigsResponse = {
    throttleTimeMs: r.int32(),
    responses: (readArray(r, flex, 1, readAlterConfigsResourceResponse, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterConfigsResponse(w: Writer, v: AlterConfigsResponse, version: number): void {
  const flex = version >= 2;
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
  const flex = version >= 2;
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
  const flex = version >= 2;
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  w.int8(v.resourceType);
  w.string(v.resourceName, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const AlterConfigsApi: ApiDefinition<AlterConfigsRequest, AlterConfigsResponse> = {
  key: 33,
  name: 'AlterConfigs',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readAlterConfigsRequest,
  writeRequest: writeAlterConfigsRequest,
  defaultRequest: defaultAlterConfigsRequest,
  readResponse: readAlterConfigsResponse,
  writeResponse: writeAlterConfigsResponse,
  defaultResponse: defaultAlterConfigsResponse,
};
