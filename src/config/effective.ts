// Effective topic configs with their sources, as DescribeConfigs and CreateTopics (v5+) report
// them, and validation of topic config changes.
import { BROKER_KEY_BY_NAME } from './broker-keys.js';
import { checkValue } from './definition.js';
import type { ServerConfig } from './server-config.js';
import { TOPIC_KEY_BY_NAME, TOPIC_KEYS } from './topic-keys.js';

/** Kafka's DescribeConfigsResponse ConfigSource values. */
export const enum ConfigSourceCode {
  UNKNOWN = 0,
  DYNAMIC_TOPIC_CONFIG = 1,
  DYNAMIC_BROKER_CONFIG = 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG = 3,
  STATIC_BROKER_CONFIG = 4,
  DEFAULT_CONFIG = 5,
  DYNAMIC_BROKER_LOGGER_CONFIG = 6,
  GROUP_CONFIG = 8,
}

export interface EffectiveConfig {
  name: string;
  value: string | null;
  source: ConfigSourceCode;
  readOnly: boolean;
  sensitive: boolean;
  /** Where the value could also come from, most specific first (DescribeConfigs synonyms). */
  synonyms: { name: string; value: string | null; source: ConfigSourceCode }[];
}

/** Dynamic broker-level configs from the metadata image: this broker's own, then the cluster default. */
export interface DynamicBrokerConfigs {
  perBroker: ReadonlyMap<string, string>;
  clusterDefault: ReadonlyMap<string, string>;
}

/**
 * Broker keys a topic key falls back to, most preferred first, with the factor that turns each
 * one's unit into the topic key's (Kafka's ServerTopicConfigSynonyms): retention.ms also comes
 * from log.retention.minutes and .hours, segment.ms from log.roll.hours.
 */
const UNIT_SYNONYMS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  'retention.ms': [['log.retention.ms', 1], ['log.retention.minutes', 60_000], ['log.retention.hours', 3_600_000]],
  'segment.ms': [['log.roll.ms', 1], ['log.roll.hours', 3_600_000]],
  'flush.ms': [['log.flush.interval.ms', 1], ['log.flush.scheduler.interval.ms', 1]],
};

function synonymsOf(name: string): readonly (readonly [string, number])[] {
  return UNIT_SYNONYMS[name] ?? [[TOPIC_KEY_BY_NAME.get(name)!.brokerKey, 1]];
}

/** Every broker key some topic key falls back to: Kafka lets all of them change at runtime. */
export function topicDefaultBrokerKeys(): string[] {
  return TOPIC_KEYS.flatMap((k) => synonymsOf(k.name).map(([n]) => n));
}

const STATIC_SOURCES: ReadonlySet<string> = new Set(['file', 'override', 'profile']);

/**
 * The broker-level synonyms of a topic key as Kafka's ConfigHelper lists them: by source (this
 * broker's dynamic config, the cluster-wide dynamic default, server.properties, Kafka's default),
 * and within a source in synonym order; each with its own raw value.
 */
function brokerSynonyms(config: ServerConfig, dynamic: DynamicBrokerConfigs, topicKey: string): EffectiveConfig['synonyms'] {
  const names = synonymsOf(topicKey).map(([n]) => n);
  const out: EffectiveConfig['synonyms'] = [];
  const fromMap = (map: ReadonlyMap<string, string>, source: ConfigSourceCode) => {
    for (const name of names) {
      const value = map.get(name);
      if (value !== undefined) out.push({ name, value, source });
    }
  };
  fromMap(dynamic.perBroker, ConfigSourceCode.DYNAMIC_BROKER_CONFIG);
  fromMap(dynamic.clusterDefault, ConfigSourceCode.DYNAMIC_DEFAULT_BROKER_CONFIG);
  for (const name of names) {
    if (STATIC_SOURCES.has(config.source(name) ?? '')) out.push({ name, value: config.get(name), source: ConfigSourceCode.STATIC_BROKER_CONFIG });
  }
  for (const name of names) {
    const def = BROKER_KEY_BY_NAME.get(name)?.default ?? null;
    if (def !== null) out.push({ name, value: def, source: ConfigSourceCode.DEFAULT_CONFIG });
  }
  return out;
}

/** A broker synonym's value in the topic key's unit (hours and minutes become milliseconds). */
function inTopicUnit(topicKey: string, synonym: { name: string; value: string | null }): string | null {
  const factor = synonymsOf(topicKey).find(([n]) => n === synonym.name)?.[1] ?? 1;
  if (factor === 1 || synonym.value === null) return synonym.value;
  return String(Number(synonym.value.trim()) * factor);
}

function effectiveOne(config: ServerConfig, dynamic: DynamicBrokerConfigs, overrides: ReadonlyMap<string, string>,
  name: string): EffectiveConfig {
  const synonyms: EffectiveConfig['synonyms'] = [];
  const own = overrides.get(name);
  if (own !== undefined) synonyms.push({ name, value: own, source: ConfigSourceCode.DYNAMIC_TOPIC_CONFIG });
  synonyms.push(...brokerSynonyms(config, dynamic, name));
  const top = synonyms[0];
  const value = top === undefined ? TOPIC_KEY_BY_NAME.get(name)!.default
    : top.source === ConfigSourceCode.DYNAMIC_TOPIC_CONFIG ? top.value : inTopicUnit(name, top);
  const source = top?.source ?? ConfigSourceCode.DEFAULT_CONFIG;
  return { name, value, source, readOnly: false, sensitive: false, synonyms };
}

/** Every topic key with its effective value for a topic whose own overrides are `overrides`. */
export function effectiveTopicConfigs(config: ServerConfig, dynamic: DynamicBrokerConfigs,
  overrides: ReadonlyMap<string, string>): EffectiveConfig[] {
  return TOPIC_KEYS.map((key) => effectiveOne(config, dynamic, overrides, key.name));
}

/** A topic config value for code that acts on it: the override, else the broker default. */
export function topicConfigValue(config: ServerConfig, dynamic: DynamicBrokerConfigs,
  overrides: ReadonlyMap<string, string>, name: string): string {
  return effectiveOne(config, dynamic, overrides, name).value ?? TOPIC_KEY_BY_NAME.get(name)!.default!;
}

/** A broker key's value for code that acts on it: this broker's dynamic config, the cluster-wide
 * dynamic default, then server.properties (or the key's default). */
export function brokerConfigValue(config: ServerConfig, dynamic: DynamicBrokerConfigs, name: string): string | null {
  return dynamic.perBroker.get(name) ?? dynamic.clusterDefault.get(name) ?? config.get(name);
}

/** null when `name=value` is a valid topic config, else the message Kafka's INVALID_CONFIG carries. */
export function checkTopicConfig(name: string, value: string | null): string | null {
  const key = TOPIC_KEY_BY_NAME.get(name);
  if (!key) return `Unknown topic config name: ${name}`;
  if (value === null) return null;
  const problem = checkValue(key, value) ?? (THROTTLED_REPLICAS.has(name) ? checkThrottledReplicas(name, value) : null);
  return problem === null ? null : `Invalid value ${value} for configuration ${name}: ${problem}`;
}

const THROTTLED_REPLICAS = new Set(['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas']);

/** Kafka's ThrottledReplicaListValidator: "*" or partition:broker pairs. */
function checkThrottledReplicas(name: string, value: string): string | null {
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 1 && entries[0] === '*') return null;
  if (entries.every((e) => /^\d+:\d+$/.test(e))) return null;
  return `${name} must be the literal '*' or a list of replicas in the following format: [partitionId]:[brokerId],[partitionId]:[brokerId],...`;
}
