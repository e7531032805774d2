// AlterClientQuotas on the active controller, as Kafka's ClientQuotaControlManager: each entity is
// checked (known types, no duplicates, no empty names, a valid combination: user, client-id,
// user + client-id, or ip alone), each key against the keys of that combination, and only real
// changes become ClientQuotaRecords (removing an unset key or setting the same value writes none).
import type {
  AlterClientQuotasRequest, AlterClientQuotasRequestEntryData, AlterClientQuotasResponse, AlterClientQuotasResponseEntryData,
} from '../../protocol/generated/api/49-alter-client-quotas.js';
import { ErrorCode } from '../../protocol/errors.js';
import {
  QUOTA_CLIENT_ID, QUOTA_IP, QUOTA_USER, quotaEntityKey, sortedEntity, type QuotaEntityPart,
} from '../metadata/client-quotas.js';
import type { MetadataImage } from '../metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';
import type { ControllerEnv, ControllerResult } from './env.js';

/** Quota keys and whether Kafka types them as whole numbers (LONG / INT) or DOUBLE. */
const CLIENT_KEYS: ReadonlyMap<string, boolean> = new Map([
  ['producer_byte_rate', true], ['consumer_byte_rate', true], ['request_percentage', false], ['controller_mutation_rate', false],
]);
const IP_KEYS: ReadonlyMap<string, boolean> = new Map([['connection_creation_rate', true]]);

type Problem = { errorCode: number; message: string };
const invalid = (message: string): Problem => ({ errorCode: ErrorCode.INVALID_REQUEST, message });

export function alterClientQuotas(_env: ControllerEnv, image: MetadataImage, req: AlterClientQuotasRequest): ControllerResult<AlterClientQuotasResponse> {
  const records: MetadataRecord[] = [];
  const seen = new Set<string>();
  const entries = req.entries.map((entry): AlterClientQuotasResponseEntryData => {
    const answer = (p: Problem | null): AlterClientQuotasResponseEntryData => ({
      errorCode: p ? p.errorCode : ErrorCode.NONE, errorMessage: p ? p.message : null, entity: entry.entity.map((e) => ({ ...e })),
    });
    const key = quotaEntityKey(entry.entity);
    if (seen.has(key)) return answer(invalid(`Ignoring duplicate entity ${describeEntity(entry.entity)}`));
    seen.add(key);
    const changes = entityChanges(image, entry, key);
    if ('errorCode' in changes) return answer(changes);
    if (!req.validateOnly) records.push(...changes);
    return answer(null);
  });
  return { records, response: { throttleTimeMs: 0, entries } };
}

function entityChanges(image: MetadataImage, entry: AlterClientQuotasRequestEntryData, key: string): MetadataRecord[] | Problem {
  const keys = validKeys(entry.entity);
  if ('errorCode' in keys) return keys;
  const current = image.clientQuotas.get(key)?.values ?? new Map<string, number>();
  const out: MetadataRecord[] = [];
  const named = new Set<string>();
  for (const op of entry.ops) {
    if (named.has(op.key)) return invalid(`Duplicate quota key ${op.key} not updating quota for this entity ${describeEntity(entry.entity)}`);
    named.add(op.key);
    const whole = keys.get(op.key);
    if (whole === undefined) return invalid(`Invalid configuration key ${op.key}`);
    if (op.remove) {
      if (current.has(op.key)) out.push(quotaRecord(entry.entity, op.key, 0, true));
      continue;
    }
    if (whole && Math.abs(Math.trunc(op.value + 1e-6) - op.value) > 1e-6) return invalid(`Configuration ${op.key} must be a Long value`);
    if (current.get(op.key) !== op.value) out.push(quotaRecord(entry.entity, op.key, op.value, false));
  }
  return out;
}

function validKeys(entity: readonly QuotaEntityPart[]): ReadonlyMap<string, boolean> | Problem {
  if (entity.length === 0) return invalid('Invalid empty client quota entity');
  const types = new Map<string, string | null>();
  for (const e of entity) {
    if (types.has(e.entityType)) return invalid(`Invalid empty client quota entity, duplicate entity entry ${e.entityType}`);
    if (e.entityType !== QUOTA_USER && e.entityType !== QUOTA_CLIENT_ID && e.entityType !== QUOTA_IP) {
      return invalid(`Unhandled client quota entity type: ${e.entityType}`);
    }
    if (e.entityName === '') return invalid(`Empty ${e.entityType} not supported`);
    types.set(e.entityType, e.entityName);
  }
  if (!types.has(QUOTA_IP)) return CLIENT_KEYS;
  if (types.size > 1) return invalid('Invalid empty client quota entity');
  const ip = types.get(QUOTA_IP)!;
  // Kafka resolves the name; without DNS in the controller, an address or a host name's syntax.
  if (ip !== null && !/^[0-9A-Za-z.:%_-]+$/.test(ip)) return invalid(`${ip} is not a valid IP or resolvable host.`);
  return IP_KEYS;
}

function quotaRecord(entity: readonly QuotaEntityPart[], key: string, value: number, remove: boolean): MetadataRecord {
  return record(MetadataRecordType.CLIENT_QUOTA, { entity: sortedEntity(entity), key, value, remove });
}

function describeEntity(entity: readonly QuotaEntityPart[]): string {
  return `ClientQuotaEntity(entries={${entity.map((e) => `${e.entityType}=${e.entityName}`).join(', ')}})`;
}
