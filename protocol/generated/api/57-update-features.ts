// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/57-update-features.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface UpdateFeaturesRequest {
  /** How long to wait in milliseconds before timing out the request. */
  timeoutMs: number;
  /** The list of updates to finalized features. */
  featureUpdates: FeatureUpdateKey[];
  /** True if we should validate the request, but not perform the upgrade or downgrade. */
  validateOnly: boolean;
}

export function defaultUpdateFeaturesRequest(): UpdateFeaturesRequest {
  return {
    timeoutMs: 60000,
    featureUpdates: [],
    validateOnly: false,
  };
}

export function readUpdateFeaturesRequest(r: Reader, version: number): UpdateFeaturesRequest {
  const o: UpdateFeaturesRequest = {
    timeoutMs: r.int32(),
    featureUpdates: (readArray(r, true, 1, readFeatureUpdateKey, version) ?? []),
    validateOnly: version >= 1 ? r.bool() : false,
  };
  r.skipTaggedFields();
  return o;
}

export function writeUpdateFeaturesRequest(w: Writer, v: UpdateFeaturesRequest, version: number): void {
  w.int32(v.timeoutMs);
  writeArray(w, v.featureUpdates, true, writeFeatureUpdateKey, version);
  if (version >= 1) w.bool(v.validateOnly);
  w.uvarint(0);
}

export interface FeatureUpdateKey {
  /** The name of the finalized feature to be updated. */
  feature: string;
  /** The new maximum version level for the finalized feature. A value >= 1 is valid. A value < 1, is special, and can be used to request the deletion of the finalized feature. */
  maxVersionLevel: number;
  /** DEPRECATED in version 1 (see DowngradeType). When set to true, the finalized feature version level is allowed to be downgraded/deleted. The downgrade request will fail if the new maximum version level is a value that's not lower than the existing maximum finalized version level. */
  allowDowngrade: boolean;
  /** Determine which type of upgrade will be performed: 1 will perform an upgrade only (default), 2 is safe downgrades only (lossless), 3 is unsafe downgrades (lossy). */
  upgradeType: number;
}

export function defaultFeatureUpdateKey(): FeatureUpdateKey {
  return {
    feature: '',
    maxVersionLevel: 0,
    allowDowngrade: false,
    upgradeType: 1,
  };
}

export function readFeatureUpdateKey(r: Reader, version: number): FeatureUpdateKey {
  const o: FeatureUpdateKey = {
    feature: (r.string(true) ?? ''),
    maxVersionLevel: r.int16(),
    allowDowngrade: version === 0 ? r.bool() : false,
    upgradeType: version >= 1 ? r.int8() : 1,
  };
  r.skipTaggedFields();
  return o;
}

export function writeFeatureUpdateKey(w: Writer, v: FeatureUpdateKey, version: number): void {
  w.string(v.feature, true);
  w.int16(v.maxVersionLevel);
  if (version === 0) w.bool(v.allowDowngrade);
  if (version >= 1) w.int8(v.upgradeType);
  w.uvarint(0);
}

export interface UpdateFeaturesResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top-level error code, or `0` if there was no top-level error. */
  errorCode: number;
  /** The top-level error message, or `null` if there was no top-level error. */
  errorMessage: string | null;
  /** Results for each feature update. */
  results: UpdatableFeatureResult[];
}

export function defaultUpdateFeaturesResponse(): UpdateFeaturesResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
    results: [],
  };
}

export function readUpdateFeaturesResponse(r: Reader, version: number): UpdateFeaturesResponse {
  const o: UpdateFeaturesResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
    results: version <= 1 ? (readArray(r, true, 1, readUpdatableFeatureResult, version) ?? []) : [],
  };
  r.skipTaggedFields();
  return o;
}

export function writeUpdateFeaturesResponse(w: Writer, v: UpdateFeaturesResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  if (version <= 1) writeArray(w, v.results, true, writeUpdatableFeatureResult, version);
  w.uvarint(0);
}

export interface UpdatableFeatureResult {
  /** The name of the finalized feature. */
  feature: string;
  /** The feature update error code or `0` if the feature update succeeded. */
  errorCode: number;
  /** The feature update error, or `null` if the feature update succeeded. */
  errorMessage: string | null;
}

export function defaultUpdatableFeatureResult(): UpdatableFeatureResult {
  return {
    feature: '',
    errorCode: 0,
    errorMessage: '',
  };
}

export function readUpdatableFeatureResult(r: Reader, version: number): UpdatableFeatureResult {
  const o: UpdatableFeatureResult = {
    feature: (r.string(true) ?? ''),
    errorCode: r.int16(),
    errorMessage: r.string(true),
  };
  r.skipTaggedFields();
  return o;
}

export function writeUpdatableFeatureResult(w: Writer, v: UpdatableFeatureResult, version: number): void {
  w.string(v.feature, true);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  w.uvarint(0);
}

export const UpdateFeaturesApi: ApiDefinition<UpdateFeaturesRequest, UpdateFeaturesResponse> = {
  key: 57,
  name: 'UpdateFeatures',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 0,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readUpdateFeaturesRequest,
  writeRequest: writeUpdateFeaturesRequest,
  defaultRequest: defaultUpdateFeaturesRequest,
  readResponse: readUpdateFeaturesResponse,
  writeResponse: writeUpdateFeaturesResponse,
  defaultResponse: defaultUpdateFeaturesResponse,
};
