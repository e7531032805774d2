// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/32-describe-configs.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface DescribeConfigsRequest {
  /** The resources whose configurations we want to describe. */
  resources: DescribeConfigsResource[];
  /** True if we should include all synonyms. */
  includeSynonyms: boolean;
  /** True if we should include configuration documentation. */
  includeDocumentation: boolean;
}

export function defaultDescribeConfigsRequest(): DescribeConfigsRequest {
  return {
    resources: [],
    includeSynonyms: false,
    includeDocumentation: false,
  };
}

export function readDescribeConfigsRequest(r: Reader, version: number): DescribeConfigsRequest {
  const flex = version >= 4;
  const o: DescribeConfigsRequest = {
    resources: (readArray(r, flex, 1, readDescribeConfigsResource, version) ?? []),
    includeSynonyms: version >= 1 ? r.bool() : false,
    includeDocumentation: version >= 3 ? r.bool() : false,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeConfigsRequest(w: Writer, v: DescribeConfigsRequest, version: number): void {
  const flex = version >= 4;
  writeArray(w, v.resources, flex, writeDescribeConfigsResource, version);
  if (version >= 1) w.bool(v.includeSynonyms);
  if (version >= 3) w.bool(v.includeDocumentation);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeConfigsResource {
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
  /** The configuration keys to list, or null to list all configuration keys. */
  configurationKeys: string[] | null;
}

export function defaultDescribeConfigsResource(): DescribeConfigsResource {
  return {
    resourceType: 0,
    resourceName: '',
    configurationKeys: [],
  };
}

export function readDescribeConfigsResource(r: Reader, version: number): DescribeConfigsResource {
  const flex = version >= 4;
  const o: DescribeConfigsResource = {
    resourceType: r.int8(),
    resourceName: (r.string(flex) ?? ''),
    configurationKeys: readStringArray(r, flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeConfigsResource(w: Writer, v: DescribeConfigsResource, version: number): void {
  const flex = version >= 4;
  w.int8(v.resourceType);
  w.string(v.resourceName, flex);
  writeStringArray(w, v.configurationKeys, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeConfigsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The results for each resource. */
  results: DescribeConfigsResult[];
}

export function defaultDescribeConfigsResponse(): DescribeConfigsResponse {
  return {
    throttleTimeMs: 0,
    results: [],
  };
}

export function readDescribeConfigsResponse(r: Reader, version: number): DescribeConfigsResponse {
  const flex = version >= 4;
  const o: DescribeConfigsResponse = {
    throttleTimeMs: r.int32(),
    results: (readArray(r, flex, 1, readDescribeConfigsResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeConfigsResponse(w: Writer, v: DescribeConfigsResponse, version: number): void {
  const flex = version >= 4;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.results, flex, writeDescribeConfigsResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeConfigsResult {
  /** The error code, or 0 if we were able to successfully describe the configurations. */
  errorCode: number;
  /** The error message, or null if we were able to successfully describe the configurations. */
  errorMessage: string | null;
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
  /** Each listed configuration. */
  configs: DescribeConfigsResourceResult[];
}

export function defaultDescribeConfigsResult(): DescribeConfigsResult {
  return {
    errorCode: 0,
    errorMessage: '',
    resourceType: 0,
    resourceName: '',
    configs: [],
  };
}

export function readDescribeConfigsResult(r: Reader, version: number): DescribeConfigsResult {
  const flex = version >= 4;
  const o: DescribeConfigsResult = {
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    resourceType: r.int8(),
    resourceName: (r.string(flex) ?? ''),
    configs: (readArray(r, flex, 1, readDescribeConfigsResourceResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeConfigsResult(w: Writer, v: DescribeConfigsResult, version: number): void {
  const flex = version >= 4;
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  w.int8(v.resourceType);
  w.string(v.resourceName, flex);
  writeArray(w, v.configs, flex, writeDescribeConfigsResourceResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeConfigsResourceResult {
  /** The configuration name. */
  name: string;
  /** The configuration value. */
  value: string | null;
  /** True if the configuration is read-only. */
  readOnly: boolean;
  /** True if the configuration is not set. */
  isDefault: boolean;
  /** The configuration source. */
  configSource: number;
  /** True if this configuration is sensitive. */
  isSensitive: boolean;
  /** The synonyms for this configuration key. */
  synonyms: DescribeConfigsSynonym[];
  /** The configuration data type. Type can be one of the following values - BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD */
  configType: number;
  /** The configuration documentation. */
  documentation: string | null;
}

export function defaultDescribeConfigsResourceResult(): DescribeConfigsResourceResult {
  return {
    name: '',
    value: '',
    readOnly: false,
    isDefault: false,
    configSource: -1,
    isSensitive: false,
    synonyms: [],
    configType: 0,
    documentation: '',
  };
}

export function readDescribeConfigsResourceResult(r: Reader, version: number): DescribeConfigsResourceResult {
  const flex = version >= 4;
  const o: DescribeConfigsResourceResult = {
    name: (r.string(flex) ?? ''),
    value: r.string(flex),
    readOnly: r.bool(),
    isDefault: version === 0 ? r.bool() : false,
    configSource: version >= 1 ? r.int8() : -1,
    isSensitive: r.bool(),
    synonyms: version >= 1 ? (readArray(r, flex, 1, readDescribeConfigsSynonym, version) ?? []) : [],
    configType: version >= 3 ? r.int8() : 0,
    documentation: version >= 3 ? r.string(flex) : '',
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeConfigsResourceResult(w: Writer, v: DescribeConfigsResourceResult, version: number): void {
  const flex = version >= 4;
  w.string(v.name, flex);
  w.string(v.value, flex);
  w.bool(v.readOnly);
  if (version === 0) w.bool(v.isDefault);
  if (version >= 1) w.int8(v.configSource);
  w.bool(v.isSensitive);
  if (version >= 1) writeArray(w, v.synonyms, flex, writeDescribeConfigsSynonym, version);
  if (version >= 3) w.int8(v.configType);
  if (version >= 3) w.string(v.documentation, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeConfigsSynonym {
  /** The synonym name. */
  name: string;
  /** The synonym value. */
  value: string | null;
  /** The synonym source. */
  source: number;
}

export function defaultDescribeConfigsSynonym(): DescribeConfigsSynonym {
  return {
    name: '',
    value: '',
    source: 0,
  };
}

export function readDescribeConfigsSynonym(r: Reader, version: number): DescribeConfigsSynonym {
  const flex = version >= 4;
  const o: DescribeConfigsSynonym = {
    name: version >= 1 ? (r.string(flex) ?? '') : '',
    value: version >= 1 ? r.string(flex) : '',
    source: version >= 1 ? r.int8() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeConfigsSynonym(w: Writer, v: DescribeConfigsSynonym, version: number): void {
  const flex = version >= 4;
  if (version >= 1) w.string(v.name, flex);
  if (version >= 1) w.string(v.value, flex);
  if (version >= 1) w.int8(v.source);
  if (flex) {
    w.uvarint(0);
  }
}

export const DescribeConfigsApi: ApiDefinition<DescribeConfigsRequest, DescribeConfigsResponse> = {
  key: 32,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 4,
  maxStableVersion: 4,
  flexibleVersion: 4,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readDescribeConfigsRequest,
  writeRequest: writeDescribeConfigsRequest,
  defaultRequest: defaultDescribeConfigsRequest,
  readResponse: readDescribeConfigsResponse,
  writeResponse: writeDescribeConfigsResponse,
  defaultResponse: defaultDescribeConfigsResponse,
};
