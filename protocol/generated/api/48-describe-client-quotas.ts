// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/48-describe-client-quotas.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface DescribeClientQuotasRequest {
  /** Filter components to apply to quota entities. */
  components: ComponentData[];
  /** Whether the match is strict, i.e. should exclude entities with unspecified entity types. */
  strict: boolean;
}

export function defaultDescribeClientQuotasRequest(): DescribeClientQuotasRequest {
  return {
    components: [],
    strict: false,
  };
}

export function readDescribeClientQuotasRequest(r: Reader, version: number): DescribeClientQuotasRequest {
  const flex = version >= 1;
  const o: DescribeClientQuotasRequest = {
    components: (readArray(r, flex, 1, readComponentData, version) ?? []),
    strict: r.bool(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeClientQuotasRequest(w: Writer, v: DescribeClientQuotasRequest, version: number): void {
  const flex = version >= 1;
  writeArray(w, v.components, flex, writeComponentData, version);
  w.bool(v.strict);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ComponentData {
  /** The entity type that the filter component applies to. */
  entityType: string;
  /** How to match the entity {0 = exact name, 1 = default name, 2 = any specified name}. */
  matchType: number;
  /** The string to match against, or null if unused for the match type. */
  match: string | null;
}

export function defaultComponentData(): ComponentData {
  return {
    entityType: '',
    matchType: 0,
    match: '',
  };
}

export function readComponentData(r: Reader, version: number): ComponentData {
  const flex = version >= 1;
  const o: ComponentData = {
    entityType: (r.string(flex) ?? ''),
    matchType: r.int8(),
    match: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeComponentData(w: Writer, v: ComponentData, version: number): void {
  const flex = version >= 1;
  w.string(v.entityType, flex);
  w.int8(v.matchType);
  w.string(v.match, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeClientQuotasResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or `0` if the quota description succeeded. */
  errorCode: number;
  /** The error message, or `null` if the quota description succeeded. */
  errorMessage: string | null;
  /** A result entry. */
  entries: EntryData[] | null;
}

export function defaultDescribeClientQuotasResponse(): DescribeClientQuotasResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
    entries: [],
  };
}

export function readDescribeClientQuotasResponse(r: Reader, version: number): DescribeClientQuotasResponse {
  const flex = version >= 1;
  const o: DescribeClientQuotasResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    entries: readArray(r, flex, 1, readEntryData, version),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeClientQuotasResponse(w: Writer, v: DescribeClientQuotasResponse, version: number): void {
  const flex = version >= 1;
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  writeArray(w, v.entries, flex, writeEntryData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface EntryData {
  /** The quota entity description. */
  entity: EntityData[];
  /** The quota values for the entity. */
  values: ValueData[];
}

export function defaultEntryData(): EntryData {
  return {
    entity: [],
    values: [],
  };
}

export function readEntryData(r: Reader, version: number): EntryData {
  const flex = version >= 1;
  const o: EntryData = {
    entity: (readArray(r, flex, 1, readEntityData, version) ?? []),
    values: (readArray(r, flex, 1, readValueData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEntryData(w: Writer, v: EntryData, version: number): void {
  const flex = version >= 1;
  writeArray(w, v.entity, flex, writeEntityData, version);
  writeArray(w, v.values, flex, writeValueData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface EntityData {
  /** The entity type. */
  entityType: string;
  /** The entity name, or null if the default. */
  entityName: string | null;
}

export function defaultEntityData(): EntityData {
  return {
    entityType: '',
    entityName: '',
  };
}

export function readEntityData(r: Reader, version: number): EntityData {
  const flex = version >= 1;
  const o: EntityData = {
    entityType: (r.string(flex) ?? ''),
    entityName: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEntityData(w: Writer, v: EntityData, version: number): void {
  const flex = version >= 1;
  w.string(v.entityType, flex);
  w.string(v.entityName, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ValueData {
  /** The quota configuration key. */
  key: string;
  /** The quota configuration value. */
  value: number;
}

export function defaultValueData(): ValueData {
  return {
    key: '',
    value: 0,
  };
}

export function readValueData(r: Reader, version: number): ValueData {
  const flex = version >= 1;
  const o: ValueData = {
    key: (r.string(flex) ?? ''),
    value: r.float64(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeValueData(w: Writer, v: ValueData, version: number): void {
  const flex = version >= 1;
  w.string(v.key, flex);
  w.float64(v.value);
  if (flex) {
    w.uvarint(0);
  }
}

export const DescribeClientQuotasApi: ApiDefinition<DescribeClientQuotasRequest, DescribeClientQuotasResponse> = {
  key: 48,
  name: 'DescribeClientQuotas',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: 1,
  listeners: ['zkBroker', 'broker'],
  readRequest: readDescribeClientQuotasRequest,
  writeRequest: writeDescribeClientQuotasRequest,
  defaultRequest: defaultDescribeClientQuotasRequest,
  readResponse: readDescribeClientQuotasResponse,
  writeResponse: writeDescribeClientQuotasResponse,
  defaultResponse: defaultDescribeClientQuotasResponse,
};
