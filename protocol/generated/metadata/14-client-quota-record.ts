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
  const flex = true;
  const o: ClientQuotaRecord = {
    entity: (readArray(r, flex, 1, (r) => readEntityData(r, version)) ?? []),
    key: (r.string(flex) ?? ''),
    value: r.float64(),
    remove: r.bool(),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeClientQuotaRecord(w: Writer, v: ClientQuotaRecord, version: number): void {
  const flex = true;
  writeArray(w, v.entity, flex, (w, e) => writeEntityData(w, e, version));
  w.string(v.key, flex);
  w.float64(v.value);
  w.bool(v.remove);
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: EntityData = {
    entityType: (r.string(flex) ?? ''),
    entityName: r.string(flex),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeEntityData(w: Writer, v: EntityData, version: number): void {
  const flex = true;
  w.string(v.entityType, flex);
  w.string(v.entityName, flex);
  if (flex) w.uvarint(0);
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
