// `kraftling configs`: kafka-configs --describe and --alter (--add-config, --delete-config) for
// topics and brokers, over DescribeConfigs and IncrementalAlterConfigs.
import { DescribeConfigsApi } from '../../protocol/generated/api/32-describe-configs.js';
import { IncrementalAlterConfigsApi } from '../../protocol/generated/api/44-incremental-alter-configs.js';
import { nearest } from '../../src/config/nearest-name.js';
import { BROKER_KEY_BY_NAME } from '../../src/config/broker-keys.js';
import { TOPIC_KEY_BY_NAME } from '../../src/config/topic-keys.js';
import { UsageError } from '../usage.js';
import { KafkaError, withClient, type Address, type KafkaClient } from './kafka-client.js';

const TYPES: Record<string, number> = { topics: 2, brokers: 4 };
const SOURCES = ['UNKNOWN', 'DYNAMIC_TOPIC_CONFIG', 'DYNAMIC_BROKER_CONFIG', 'DYNAMIC_DEFAULT_BROKER_CONFIG', 'STATIC_BROKER_CONFIG', 'DEFAULT_CONFIG', 'DYNAMIC_BROKER_LOGGER_CONFIG', 'CLIENT_METRICS_CONFIG', 'GROUP_CONFIG'];
const SET = 0;
const DELETE = 1;

/** Kafka's "k1=v1,k2=[a,b]" form: commas inside brackets belong to the value. */
export function parseConfigList(text: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const part of text.match(/[^,=]+=(\[[^\]]*\]|[^,]*)/g) ?? []) {
    const eq = part.indexOf('=');
    out.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).replace(/^\[(.*)\]$/, '$1') });
  }
  if (out.length === 0) throw new UsageError(`--add-config takes k1=v1,k2=v2, got "${text}"`);
  return out;
}

export async function runConfigs(values: Record<string, unknown>): Promise<number> {
  const entityType = values['entity-type'] as string | undefined;
  const type = entityType === undefined ? undefined : TYPES[entityType];
  if (type === undefined) throw new UsageError(`--entity-type takes topics or brokers, got "${entityType ?? ''}"`);
  const name = values['entity-name'] as string | undefined;
  if (!name) throw new UsageError('--entity-name is required (a topic name or a broker id)');
  if ((values.describe === true) === (values.alter === true)) throw new UsageError('exactly one of --describe, --alter is needed');
  const keys = type === 2 ? TOPIC_KEY_BY_NAME : BROKER_KEY_BY_NAME;
  return withClient('configs', values, async (client) => {
    // Broker configs are answered by that broker.
    const at = type === 4 ? await brokerAddress(client, name) : undefined;
    if (values.describe === true) return describe(client, type, name, at, values.all === true);
    const changes = [
      ...(values['add-config'] !== undefined ? parseConfigList(values['add-config'] as string) : []).map((c) => ({ name: c.name, configOperation: SET, value: c.value })),
      ...((values['delete-config'] as string | undefined)?.split(',').filter((k) => k !== '') ?? []).map((k) => ({ name: k.trim(), configOperation: DELETE, value: null })),
    ];
    if (changes.length === 0) throw new UsageError('--alter needs --add-config or --delete-config');
    const { res } = await client.request(IncrementalAlterConfigsApi, { resources: [{ resourceType: type, resourceName: name, configs: changes }], validateOnly: false }, at);
    const r = res.responses[0]!;
    if (r.errorCode !== 0) {
      const unknown = changes.find((c) => !keys.has(c.name));
      const hint = unknown ? nearest(unknown.name, keys.keys()) : undefined;
      throw new KafkaError(r.errorCode, `${entityType} ${name}`, `${r.errorMessage ?? ''}${hint ? `; did you mean ${hint}?` : ''}`);
    }
    process.stdout.write(`Completed updating config for ${entityType === 'topics' ? 'topic' : 'broker'} ${name}.\n`);
    return 0;
  });
}

async function brokerAddress(client: KafkaClient, id: string): Promise<Address> {
  if (!/^\d+$/.test(id)) throw new UsageError(`--entity-name of a broker is its id, got "${id}"`);
  await client.metadata([]);
  return client.broker(Number(id));
}

async function describe(client: KafkaClient, type: number, name: string, at: Address | undefined, all: boolean): Promise<number> {
  const { res } = await client.request(DescribeConfigsApi, {
    resources: [{ resourceType: type, resourceName: name, configurationKeys: null }], includeSynonyms: false, includeDocumentation: false,
  }, at);
  const r = res.results[0]!;
  if (r.errorCode !== 0) throw new KafkaError(r.errorCode, `${type === 2 ? 'topic' : 'broker'} ${name}`, r.errorMessage);
  // Like kafka-configs: the dynamic configs, or every config with --all.
  const shown = r.configs.filter((c) => all || (c.configSource >= 1 && c.configSource <= 3)).sort((a, b) => a.name.localeCompare(b.name));
  const what = type === 2 ? `topic ${name}` : `broker ${name}`;
  process.stdout.write(`${all ? 'All' : 'Dynamic'} configs for ${what} are:\n`);
  for (const c of shown) {
    process.stdout.write(`  ${c.name}=${c.isSensitive ? '(sensitive)' : c.value ?? 'null'} source=${SOURCES[c.configSource] ?? c.configSource}\n`);
  }
  return 0;
}
