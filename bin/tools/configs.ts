// `kraftling configs`: kafka-configs --describe and --alter (--add-config, --delete-config) for
// topics, brokers, groups and broker loggers (a broker's log level, until it restarts), over
// DescribeConfigs and IncrementalAlterConfigs (client quotas: client-quotas.ts).
import { DescribeConfigsApi } from '../../protocol/generated/api/32-describe-configs.js';
import { IncrementalAlterConfigsApi } from '../../protocol/generated/api/44-incremental-alter-configs.js';
import { nearest } from '../../src/config/nearest-name.js';
import { BROKER_KEY_BY_NAME } from '../../src/config/broker-keys.js';
import { GROUP_KEY_BY_NAME } from '../../src/config/group-keys.js';
import { ROOT_LOGGER } from '../../src/broker/broker-loggers.js';
import { TOPIC_KEY_BY_NAME } from '../../src/config/topic-keys.js';
import { UsageError } from '../usage.js';
import { KafkaError, withClient, type Address, type KafkaClient } from './kafka-client.js';
import { QUOTA_ENTITY_TYPES, runQuotaConfigs } from './client-quotas.js';

const TYPES: Record<string, number> = { topics: 2, brokers: 4, groups: 32, 'broker-loggers': 8 };
/** Singular names for messages, as kafka-configs prints them. */
const NOUNS: Record<number, string> = { 2: 'topic', 4: 'broker', 32: 'group', 8: 'broker-logger' };
/** The source kafka-configs --describe lists without --all (ConfigCommand's dynamicConfigSource):
 * a topic's overrides, a broker's own dynamic configs (the cluster defaults for ""), a group's;
 * every logger of a broker. */
function dynamicSource(type: number, name: string): number | undefined {
  if (type === 2) return 1;
  if (type === 32) return 8;
  if (type === 8) return undefined;
  return name === '' ? 3 : 2;
}
const SOURCES = ['UNKNOWN', 'DYNAMIC_TOPIC_CONFIG', 'DYNAMIC_BROKER_CONFIG', 'DYNAMIC_DEFAULT_BROKER_CONFIG', 'STATIC_BROKER_CONFIG', 'DEFAULT_CONFIG', 'DYNAMIC_BROKER_LOGGER_CONFIG', 'CLIENT_METRICS_CONFIG', 'GROUP_CONFIG'];
const LOGGERS: ReadonlyMap<string, unknown> = new Map([[ROOT_LOGGER, null]]);
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
  if (entityType !== undefined && QUOTA_ENTITY_TYPES[entityType] !== undefined) return runQuotaConfigs(values);
  const type = entityType === undefined ? undefined : TYPES[entityType];
  if (type === undefined) throw new UsageError(`--entity-type takes topics, brokers, groups, broker-loggers, users, clients or ips, got "${entityType ?? ''}"`);
  // --entity-default of brokers: the cluster-wide dynamic defaults, Kafka's "" broker resource.
  const clusterDefault = type === 4 && values['entity-default'] === true;
  const name = clusterDefault ? '' : values['entity-name'] as string | undefined;
  if (name === undefined || (name === '' && !clusterDefault)) {
    throw new UsageError('--entity-name is required (a topic name, a broker id or a group id; --entity-default for every broker)');
  }
  if ((values.describe === true) === (values.alter === true)) throw new UsageError('exactly one of --describe, --alter is needed');
  const keys: ReadonlyMap<string, unknown> = type === 2 ? TOPIC_KEY_BY_NAME : type === 32 ? GROUP_KEY_BY_NAME : type === 8 ? LOGGERS : BROKER_KEY_BY_NAME;
  return withClient('configs', values, async (client) => {
    // Broker configs and loggers are answered by that broker (the cluster defaults by any).
    const at = (type === 4 && !clusterDefault) || type === 8 ? await brokerAddress(client, name) : undefined;
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
    process.stdout.write(clusterDefault ? 'Completed updating default config for brokers in the cluster.\n' : `Completed updating config for ${NOUNS[type]} ${name}.\n`);
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
  const what = type === 4 && name === '' ? 'the brokers\' defaults' : `${NOUNS[type]} ${name}`;
  if (r.errorCode !== 0) throw new KafkaError(r.errorCode, what, r.errorMessage);
  // Like kafka-configs: the dynamic configs, or every config with --all.
  const source = dynamicSource(type, name);
  const shown = r.configs.filter((c) => all || source === undefined || c.configSource === source).sort((a, b) => a.name.localeCompare(b.name));
  process.stdout.write(type === 4 && name === '' ? 'Default configs for brokers in the cluster are:\n' : `${all ? 'All' : 'Dynamic'} configs for ${what} are:\n`);
  for (const c of shown) {
    process.stdout.write(`  ${c.name}=${c.isSensitive ? '(sensitive)' : c.value ?? 'null'} source=${SOURCES[c.configSource] ?? c.configSource}\n`);
  }
  return 0;
}
