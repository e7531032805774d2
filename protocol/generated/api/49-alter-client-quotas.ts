// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/49-alter-client-quotas.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface AlterClientQuotasRequest {
  /** The quota configuration entries to alter. */
  entries: AlterClientQuotasRequestEntryData[];
  /** Whether the alteration should be validated, but not performed. */
  validateOnly: boolean;
}

export function defaultAlterClientQuotasRequest(): AlterClientQuotasRequest {
  return {
    entries: [],
    validateOnly: false,
  };
}

export function readAlterClientQuotasRequest(r: Reader, version: number): AlterClientQuotasRequest {
  const flex = version >= 1;
  const o: AlterClientQuotasRequest = {
    entries: (readArray(r, flex, 1, readAlterClientQuotasRequestEntryData, version) ?? []),
    validateOnly: r.bool(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterClientQuotasRequest(w: Writer, v: AlterClientQuotasRequest, version: number): void {
  const flex = version >= 1;
  writeArray(w, v.entries, flex, writeAlterClientQuotasRequestEntryData, version);
  w.bool(v.validateOnly);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterClientQuotasRequestEntryData {
  /** The quota entity to alter. */
  entity: AlterClientQuotasRequestEntityData[];
  /** An individual quota configuration entry to alter. */
  ops: OpData[];
}

export function defaultAlterClientQuotasRequestEntryData(): AlterClientQuotasRequestEntryData {
  return {
    entity: [],
    ops: [],
  };
}

export function readAlterClientQuotasRequestEntryData(r: Reader, version: number): AlterClientQuotasRequestEntryData {
  const flex = version >= 1;
  const o: AlterClientQuotasRequestEntryData = {
    entity: (readArray(r, flex, 1, readAlterClientQuotasRequestEntityData, version) ?? []),
    ops: (readArray(r, flex, 1, readOpData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterClientQuotasRequestEntryData(w: Writer, v: AlterClientQuotasRequestEntryData, version: number): void {
  const flex = version >= 1;
  writeArray(w, v.entity, flex, writeAlterClientQuotasRequestEntityData, version);
  writeArray(w, v.ops, flex, writeOpData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterClientQuotasRequestEntityData {
  /** The entity type. */
  entityType: string;
  /** The name of the entity, or null if the default. */
  entityName: string | null;
}

export function defaultAlterClientQuotasRequestEntityData(): AlterClientQuotasRequestEntityData {
  return {
    entityType: '',
    entityName: '',
  };
}

export function readAlterClientQuotasRequestEntityData(r: Reader, version: number): AlterClientQuotasRequestEntityData {
  const flex = version >= 1;
  const o: AlterClientQuotasRequestEntityData = {
    entityType: (r.string(flex) ?? ''),
    entityName: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterClientQuotasRequestEntityData(w: Writer, v: AlterClientQuotasRequestEntityData, version: number): void {
  const flex = version >= 1;
  w.string(v.entityType, flex);
  w.string(v.entityName, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OpData {
  /** The quota configuration key. */
  key: string;
  /** The value to set, otherwise ignored if the value is to be removed. */
  value: number;
  /** Whether the quota configuration value should be removed, otherwise set. */
  remove: boolean;
}

export function defaultOpData(): OpData {
  return {
    key: '',
    value: 0,
    remove: false,
  };
}

export function readOpData(r: Reader, version: number): OpData {
  const flex = version >= 1;
  const o: OpData = {
    key: (r.string(flex) ?? ''),
    value: r.float64(),
    remove: r.bool(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOpData(w: Writer, v: OpData, version: number): void {
  const flex = version >= 1;
  w.string(v.key, flex);
  w.float64(v.value);
  w.bool(v.remove);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterClientQuotasResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The quota configuration entries to alter. */
  entries: AlterClientQuotasResponseEntryData[];
}

export function defaultAlterClientQuotasResponse(): AlterClientQuotasResponse {
  return {
    throttleTimeMs: 0,
    entries: [],
  };
}

export function readAlterClientQuotasResponse(r: Reader, version: number): AlterClientQuotasResponse {
  const flex = version >= 1;
  const o: AlterClientQuotasResponse = {
    throttleTimeMs: r.int32(),
    entries: (readArray(r, flex, 1, readAlterClientQuotasResponseEntryData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterClientQuotasResponse(w: Writer, v: AlterClientQuotasResponse, version: number): void {
  const flex = version >= 1;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.entries, flex, writeAlterClientQuotasResponseEntryData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterClientQuotasResponseEntryData {
  /** The error code, or `0` if the quota alteration succeeded. */
  errorCode: number;
  /** The error message, or `null` if the quota alteration succeeded. */
  errorMessage: string | null;
  /** The quota entity to alter. */
  entity: AlterClientQuotasResponseEntityData[];
}

export function defaultAlterClientQuotasResponseEntryData(): AlterClientQuotasResponseEntryData {
  return {
    errorCode: 0,
    errorMessage: '',
    entity: [],
  };
}

export function readAlterClientQuotasResponseEntryData(r: Reader, version: number): AlterClientQuotasResponseEntryData {
  const flex = version >= 1;
  const o: AlterClientQuotasResponseEntryData = {
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    entity: (readArray(r, flex, 1, readAlterClientQuotasResponseEntityData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterClientQuotasResponseEntryData(w: Writer, v: AlterClientQuotasResponseEntryData, version: number): void {
  const flex = version >= 1;
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  writeArray(w, v.entity, flex, writeAlterClientQuotasResponseEntityData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterClientQuotasResponseEntityData {
  /** The entity type. */
  entityType: string;
  /** The name of the entity, or null if the default. */
  entityName: string | null;
}

export function defaultAlterClientQuotasResponseEntityData(): AlterClientQuotasResponseEntityData {
  return {
    entityType: '',
    entityName: '',
  };
}

export function readAlterClientQuotasResponseEntityData(r: Reader, version: number): AlterClientQuotasResponseEntityData {
  const flex = version >= 1;
  const o: AlterClientQuotasResponseEntityData = {
    entityType: (r.string(flex) ?? ''),
    entityName: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterClientQuotasResponseEntityData(w: Writer, v: AlterClientQuotasResponseEntityData, version: number): void {
  const flex = version >= 1;
  w.string(v.entityType, flex);
  w.string(v.entityName, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const AlterClientQuotasApi: ApiDefinition<AlterClientQuotasRequest, AlterClientQuotasResponse> = {
  key: 49,
  name: 'AlterClientQuotas',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: 1,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readAlterClientQuotasRequest,
  writeRequest: writeAlterClientQuotasRequest,
  defaultRequest: defaultAlterClientQuotasRequest,
  readResponse: readAlterClientQuotasResponse,
  writeResponse: writeAlterClientQuotasResponse,
  defaultResponse: defaultAlterClientQuotasResponse,
};
