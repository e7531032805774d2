// Client quotas in the metadata image (Kafka's ClientQuotasImage): per entity (a set of
// user / client-id / ip names, null meaning the default entity), the quota keys set on it.
// ClientQuotaRecords set or remove one key; an entity with no key left disappears, as in Kafka.
import type { ClientQuotaRecord } from '../../protocol/generated/metadata/14-client-quota-record.js';

export const QUOTA_USER = 'user';
export const QUOTA_CLIENT_ID = 'client-id';
export const QUOTA_IP = 'ip';

export interface QuotaEntityPart {
  entityType: string;
  /** null: the default entity of that type. */
  entityName: string | null;
}

export interface ClientQuotaEntry {
  /** Sorted by entity type, so equal entities have equal keys. */
  entity: readonly QuotaEntityPart[];
  values: ReadonlyMap<string, number>;
}

export type ClientQuotas = ReadonlyMap<string, ClientQuotaEntry>;

export function sortedEntity(entity: readonly QuotaEntityPart[]): QuotaEntityPart[] {
  return entity.map((e) => ({ entityType: e.entityType, entityName: e.entityName }))
    .sort((a, b) => (a.entityType < b.entityType ? -1 : a.entityType > b.entityType ? 1 : 0));
}

/** One string per entity: JSON keeps null (default) apart from any name. */
export function quotaEntityKey(entity: readonly QuotaEntityPart[]): string {
  return JSON.stringify(sortedEntity(entity).map((e) => [e.entityType, e.entityName]));
}

/** The next quotas after one record; `quotas` itself is left alone. */
export function applyClientQuotaRecord(quotas: Map<string, ClientQuotaEntry>, r: ClientQuotaRecord): void {
  const key = quotaEntityKey(r.entity);
  const current = quotas.get(key);
  const values = new Map(current?.values ?? []);
  if (r.remove) values.delete(r.key);
  else values.set(r.key, r.value);
  if (values.size === 0) quotas.delete(key);
  else quotas.set(key, { entity: current?.entity ?? sortedEntity(r.entity), values });
}

/** The records that rebuild these quotas (for snapshots). */
export function clientQuotaRecords(quotas: ClientQuotas): ClientQuotaRecord[] {
  const out: ClientQuotaRecord[] = [];
  for (const q of quotas.values()) {
    for (const [key, value] of q.values) out.push({ entity: q.entity.map((e) => ({ ...e })), key, value, remove: false });
  }
  return out;
}
