// DescribeClientQuotas (key 48), v0-v1.
// Answered from this broker's metadata image, with the filter rules of Kafka's ClientQuotasImage:
// each component names an entity type once (user, client-id or ip; ip not with the others) and
// matches an exact name (0), the default entity (1) or any entity of that type (2); strict
// excludes entities that have types the filter does not name. A bad filter fails the whole
// request (INVALID_REQUEST, or UNSUPPORTED_VERSION for an unknown entity type), with no entries.
import {
  DescribeClientQuotasApi, type DescribeClientQuotasRequest, type DescribeClientQuotasResponse, type EntryData,
} from '../../../protocol/generated/api/48-describe-client-quotas.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { QUOTA_CLIENT_ID, QUOTA_IP, QUOTA_USER, type ClientQuotaEntry } from '../../metadata/client-quotas.js';
import { handler } from '../handler.js';

const MATCH_EXACT = 0;
const MATCH_DEFAULT = 1;
const MATCH_SPECIFIED = 2;

interface Filter {
  exact: Map<string, string | null>;
  anyOf: Set<string>;
}

export const describeClientQuotasHandler = handler<DescribeClientQuotasRequest, DescribeClientQuotasResponse>({
  api: DescribeClientQuotasApi,
  minVersion: 0,
  maxVersion: 1,
  handle(req, { services }) {
    const filter = parseFilter(req);
    if (!('exact' in filter)) return { throttleTimeMs: 0, errorCode: filter[0], errorMessage: filter[1], entries: null };
    const entries: EntryData[] = [];
    for (const q of services.image().clientQuotas.values()) {
      if (!matches(q, filter, req.strict)) continue;
      entries.push({
        entity: q.entity.map((e) => ({ entityType: e.entityType, entityName: e.entityName })),
        values: [...q.values].map(([key, value]) => ({ key, value })),
      });
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, entries };
  },
});

function parseFilter(req: DescribeClientQuotasRequest): Filter | [number, string] {
  const exact = new Map<string, string | null>();
  const anyOf = new Set<string>();
  const invalid = (msg: string): [number, string] => [ErrorCode.INVALID_REQUEST, msg];
  for (const c of req.components) {
    const type = c.entityType;
    if (type === '') return invalid('Invalid empty entity type.');
    if (exact.has(type) || anyOf.has(type)) return invalid(`Entity type ${type} cannot appear more than once in the filter.`);
    if (type !== QUOTA_USER && type !== QUOTA_CLIENT_ID && type !== QUOTA_IP) return [ErrorCode.UNSUPPORTED_VERSION, `Unsupported entity type ${type}`];
    if (c.matchType === MATCH_EXACT) {
      if (c.match === null) return invalid('Request specified MATCH_TYPE_EXACT, but set match string to null.');
      exact.set(type, c.match);
    } else if (c.matchType === MATCH_DEFAULT) {
      if (c.match !== null) return invalid('Request specified MATCH_TYPE_DEFAULT, but also specified a match string.');
      exact.set(type, null);
    } else if (c.matchType === MATCH_SPECIFIED) {
      if (c.match !== null) return invalid('Request specified MATCH_TYPE_SPECIFIED, but also specified a match string.');
      anyOf.add(type);
    } else {
      return invalid(`Unknown match type ${c.matchType}`);
    }
  }
  const names = (t: string): boolean => exact.has(t) || anyOf.has(t);
  if (names(QUOTA_IP) && (names(QUOTA_USER) || names(QUOTA_CLIENT_ID))) {
    return invalid('Invalid entity filter component combination. IP filter component should not be used with user or clientId filter component.');
  }
  return { exact, anyOf };
}

function matches(q: ClientQuotaEntry, filter: Filter, strict: boolean): boolean {
  if (strict && q.entity.length !== filter.exact.size + filter.anyOf.size) return false;
  const names = new Map(q.entity.map((e) => [e.entityType, e.entityName]));
  for (const [type, name] of filter.exact) if (!names.has(type) || names.get(type) !== name) return false;
  for (const type of filter.anyOf) if (!names.has(type)) return false;
  return true;
}
