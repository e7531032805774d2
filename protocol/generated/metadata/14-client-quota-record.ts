// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/14-client-quota-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface ClientQuotaRecord {
  /** The quota entity to alter. */
  entity: EntityData[];
  /** The quota configuration key. */
  key: string;
  /** The value to set, otherwise ignored if the value is to be removed. */
  value: number;
  /** Whether the quota configuration value should be removed, otherwise set. */
  remove: boolean;
}

export function defaultClientQuotaRecord(): ClientQuotaRecord {
  return {
    entity: [],
    key: '',
    value: 0,
    remove: false,
  };
}

export function readClientQuotaRecord(r: Reader, version: number): ClientQuotaRecord {
  const o: ClientQuotaRecord = {
    entity: (readArray(r, true, 1, readEntityData, version) ?? []),
    key: (r.string(true) ?? ''),
    value: r.float64(),
    remove: r.bool(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeClientQuotaRecord(w: Writer, v: ClientQuotaRecord, version: number): void {
  writeArray(w, v.entity, true, writeEntityData, version);
  w.string(v.key, true);
  w.float64(v.value);
  w.bool(v.remove);
  w.uvarint(0);
}

export interface EntityData {
  /** The entity type. */
  entityType: string;
  /** The name of the entity, or null if the default. */
  entityName: string | null;
}

export function defaultEntityData(): EntityData {
  return {
    entityType: '',
    entityName: '',
  };
}

export function readEntityData(r: Reader, version: number): EntityData {
  const o: EntityData = {
    entityType: (r.string(true) ?? ''),
    entityName: r.string(true),
  };
  r.skipTaggedFields();
  return o;
}

export function writeEntityData(w: Writer, v: EntityData, version: number): void {
  w.string(v.entityType, true);
  w.string(v.entityName, true);
  w.uvarint(0);
}

export const ClientQuotaRecordDefinition: MessageDefinition<ClientQuotaRecord> = {
  name: 'ClientQuotaRecord',
  type: 14,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readClientQuotaRecord,
  write: writeClientQuotaRecord,
  default: defaultClientQuotaRecord,
};
