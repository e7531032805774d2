// `kraftling configs --entity-type users|clients|ips`: kafka-configs' client quota form, over
// DescribeClientQuotas and AlterClientQuotas. One entity type per command (kafka-configs also
// takes users and clients together); --entity-default names the default entity.
import { AlterClientQuotasApi } from '../../protocol/generated/api/49-alter-client-quotas.js';
import { DescribeClientQuotasApi } from '../../protocol/generated/api/48-describe-client-quotas.js';
import { UsageError } from '../usage.js';
import { KafkaError, withClient } from './kafka-client.js';

export const QUOTA_ENTITY_TYPES: Record<string, string> = { users: 'user', clients: 'client-id', ips: 'ip' };
const MATCH_EXACT = 0;
const MATCH_DEFAULT = 1;
const MATCH_ANY = 2;

export async function runQuotaConfigs(values: Record<string, unknown>): Promise<number> {
  const entityType = QUOTA_ENTITY_TYPES[values['entity-type'] as string]!;
  const name = values['entity-default'] === true ? null : (values['entity-name'] as string | undefined);
  if ((values.describe === true) === (values.alter === true)) throw new UsageError('exactly one of --describe, --alter is needed');
  return withClient('configs', values, async (client) => {
    if (values.describe === true) {
      const component = name === undefined ? { entityType, matchType: MATCH_ANY, match: null }
        : { entityType, matchType: name === null ? MATCH_DEFAULT : MATCH_EXACT, match: name };
      const { res } = await client.request(DescribeClientQuotasApi, { components: [component], strict: true });
      if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `${entityType} quotas`, res.errorMessage);
      for (const e of res.entries ?? []) {
        const who = e.entity.map((x) => (x.entityName === null ? `the default ${x.entityType}` : `${x.entityType} '${x.entityName}'`)).join(', ');
        process.stdout.write(`Quota configs for ${who} are ${e.values.map((v) => `${v.key}=${formatDouble(v.value)}`).join(', ')}\n`);
      }
      return 0;
    }
    if (name === undefined) throw new UsageError('--alter of a quota needs --entity-name NAME or --entity-default');
    const ops = [
      ...((values['add-config'] as string | undefined)?.split(',').filter((p) => p !== '') ?? []).map((pair) => {
        const [key, value] = pair.split('=');
        const n = Number(value);
        if (!key || value === undefined || !Number.isFinite(n)) throw new UsageError(`--add-config takes key=number[,key=number], got "${pair}"`);
        return { key: key.trim(), value: n, remove: false };
      }),
      ...((values['delete-config'] as string | undefined)?.split(',').filter((k) => k !== '') ?? []).map((k) => ({ key: k.trim(), value: 0, remove: true })),
    ];
    if (ops.length === 0) throw new UsageError('--alter needs --add-config or --delete-config');
    const { res } = await client.request(AlterClientQuotasApi, { entries: [{ entity: [{ entityType, entityName: name }], ops }], validateOnly: false });
    const r = res.entries[0]!;
    if (r.errorCode !== 0) throw new KafkaError(r.errorCode, `${entityType} ${name ?? '<default>'}`, r.errorMessage);
    process.stdout.write(`Completed updating config for ${entityType} ${name ?? '<default>'}.\n`);
    return 0;
  });
}

/** Kafka prints quota values as Java doubles: 1024.0. */
function formatDouble(v: number): string {
  return Number.isInteger(v) ? `${v}.0` : String(v);
}
