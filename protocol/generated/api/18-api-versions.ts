// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/18-api-versions.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';

export interface ApiVersionsRequest {
  /** The name of the client. */
  clientSoftwareName: string;
  /** The version of the client. */
  clientSoftwareVersion: string;
}

export function defaultApiVersionsRequest(): ApiVersionsRequest {
  return {
    clientSoftwareName: '',
    clientSoftwareVersion: '',
  };
}

export function readApiVersionsRequest(r: Reader, version: number): ApiVersionsRequest {
  const flex = version >= 3;
  const o: ApiVersionsRequest = {
    clientSoftwareName: version >= 3 ? (r.string(flex) ?? '') : '',
    clientSoftwareVersion: version >= 3 ? (r.string(flex) ?? '') : '',
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeApiVersionsRequest(w: Writer, v: ApiVersionsRequest, version: number): void {
  const flex = version >= 3;
  if (version >= 3) w.string(v.clientSoftwareName, flex);
  if (version >= 3) w.string(v.clientSoftwareVersion, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ApiVersionsResponse {
  /** The top-level error code. */
  errorCode: number;
  /** The APIs supported by the broker. */
  apiKeys: ApiVersion[];
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Features supported by the broker. Note: in v0-v3, features with MinSupportedVersion = 0 are omitted. */
  supportedFeatures: SupportedFeatureKey[];
  /** The monotonically increasing epoch for the finalized features information. Valid values are >= 0. A value of -1 is special and represents unknown epoch. */
  finalizedFeaturesEpoch: number;
  /** List of cluster-wide finalized features. The information is valid only if FinalizedFeaturesEpoch >= 0. */
  finalizedFeatures: FinalizedFeatureKey[];
  /** Set by a KRaft controller if the required configurations for ZK migration are present */
  zkMigrationReady: boolean;
}

export function defaultApiVersionsResponse(): ApiVersionsResponse {
  return {
    errorCode: 0,
    apiKeys: [],
    throttleTimeMs: 0,
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1,
    finalizedFeatures: [],
    zkMigrationReady: false,
  };
}

export function readApiVersionsResponse(r: Reader, version: number): ApiVersionsResponse {
  const flex = version >= 3;
  const o: ApiVersionsResponse = {
    errorCode: r.int16(),
    apiKeys: (readArray(r, flex, 1, readApiVersion, version) ?? []),
    throttleTimeMs: version >= 1 ? r.int32() : 0,
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1,
    finalizedFeatures: [],
    zkMigrationReady: false,
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && version >= 3) o.supportedFeatures = (readArray(t, true, 1, readSupportedFeatureKey, version) ?? []);
      if (tag === 1 && version >= 3) o.finalizedFeaturesEpoch = t.int64();
      if (tag === 2 && version >= 3) o.finalizedFeatures = (readArray(t, true, 1, readFinalizedFeatureKey, version) ?? []);
      if (tag === 3 && version >= 3) o.zkMigrationReady = t.bool();
    }
  }
  return o;
}

export function writeApiVersionsResponse(w: Writer, v: ApiVersionsResponse, version: number): void {
  const flex = version >= 3;
  w.int16(v.errorCode);
  writeArray(w, v.apiKeys, flex, writeApiVersion, version);
  if (version >= 1) w.int32(v.throttleTimeMs);
  if (flex) {
    const t0 = version >= 3 && (v.supportedFeatures === null || v.supportedFeatures.length > 0);
    const t1 = version >= 3 && v.finalizedFeaturesEpoch !== -1;
    const t2 = version >= 3 && (v.finalizedFeatures === null || v.finalizedFeatures.length > 0);
    const t3 = version >= 3 && v.zkMigrationReady !== false;
    w.uvarint((t0 ? 1 : 0) + (t1 ? 1 : 0) + (t2 ? 1 : 0) + (t3 ? 1 : 0));
    if (t0) { writeTagged(w, 0, (w) => { writeArray(w, v.supportedFeatures, true, writeSupportedFeatureKey, version); }); }
    if (t1) { w.uvarint(1); w.uvarint(8); w.int64(v.finalizedFeaturesEpoch); }
    if (t2) { writeTagged(w, 2, (w) => { writeArray(w, v.finalizedFeatures, true, writeFinalizedFeatureKey, version); }); }
    if (t3) { w.uvarint(3); w.uvarint(1); w.bool(v.zkMigrationReady); }
  }
}

export interface ApiVersion {
  /** The API index. */
  apiKey: number;
  /** The minimum supported version, inclusive. */
  minVersion: number;
  /** The maximum supported version, inclusive. */
  maxVersion: number;
}

export function defaultApiVersion(): ApiVersion {
  return {
    apiKey: 0,
    minVersion: 0,
    maxVersion: 0,
  };
}

export function readApiVersion(r: Reader, version: number): ApiVersion {
  const flex = version >= 3;
  const o: ApiVersion = {
    apiKey: r.int16(),
    minVersion: r.int16(),
    maxVersion: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeApiVersion(w: Writer, v: ApiVersion, version: number): void {
  const flex = version >= 3;
  w.int16(v.apiKey);
  w.int16(v.minVersion);
  w.int16(v.maxVersion);
  if (flex) {
    w.uvarint(0);
  }
}

export interface SupportedFeatureKey {
  /** The name of the feature. */
  name: string;
  /** The minimum supported version for the feature. */
  minVersion: number;
  /** The maximum supported version for the feature. */
  maxVersion: number;
}

export function defaultSupportedFeatureKey(): SupportedFeatureKey {
  return {
    name: '',
    minVersion: 0,
    maxVersion: 0,
  };
}

export function readSupportedFeatureKey(r: Reader, version: number): SupportedFeatureKey {
  const flex = version >= 3;
  const o: SupportedFeatureKey = {
    name: version >= 3 ? (r.string(flex) ?? '') : '',
    minVersion: version >= 3 ? r.int16() : 0,
    maxVersion: version >= 3 ? r.int16() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeSupportedFeatureKey(w: Writer, v: SupportedFeatureKey, version: number): void {
  const flex = version >= 3;
  if (version >= 3) w.string(v.name, flex);
  if (version >= 3) w.int16(v.minVersion);
  if (version >= 3) w.int16(v.maxVersion);
  if (flex) {
    w.uvarint(0);
  }
}

export interface FinalizedFeatureKey {
  /** The name of the feature. */
  name: string;
  /** The cluster-wide finalized max version level for the feature. */
  maxVersionLevel: number;
  /** The cluster-wide finalized min version level for the feature. */
  minVersionLevel: number;
}

export function defaultFinalizedFeatureKey(): FinalizedFeatureKey {
  return {
    name: '',
    maxVersionLevel: 0,
    minVersionLevel: 0,
  };
}

export function readFinalizedFeatureKey(r: Reader, version: number): FinalizedFeatureKey {
  const flex = version >= 3;
  const o: FinalizedFeatureKey = {
    name: version >= 3 ? (r.string(flex) ?? '') : '',
    maxVersionLevel: version >= 3 ? r.int16() : 0,
    minVersionLevel: version >= 3 ? r.int16() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeFinalizedFeatureKey(w: Writer, v: FinalizedFeatureKey, version: number): void {
  const flex = version >= 3;
  if (version >= 3) w.string(v.name, flex);
  if (version >= 3) w.int16(v.maxVersionLevel);
  if (version >= 3) w.int16(v.minVersionLevel);
  if (flex) {
    w.uvarint(0);
  }
}

export const ApiVersionsApi: ApiDefinition<ApiVersionsRequest, ApiVersionsResponse> = {
  key: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 4,
  maxStableVersion: 4,
  flexibleVersion: 3,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readApiVersionsRequest,
  writeRequest: writeApiVersionsRequest,
  defaultRequest: defaultApiVersionsRequest,
  readResponse: readApiVersionsResponse,
  writeResponse: writeApiVersionsResponse,
  defaultResponse: defaultApiVersionsResponse,
};
