// Effective topic configs with their sources, as DescribeConfigs and CreateTopics (v5+) report
// them, and validation of topic config changes.
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

function brokerSynonyms(config: ServerConfig, dynamic: DynamicBrokerConfigs, brokerKey: string): EffectiveConfig['synonyms'] {
  const out: EffectiveConfig['synonyms'] = [];
  const own = dynamic.perBroker.get(brokerKey);
  if (own !== undefined) out.push({ name: brokerKey, value: own, source: ConfigSourceCode.DYNAMIC_BROKER_CONFIG });
  const def = dynamic.clusterDefault.get(brokerKey);
  if (def !== undefined) out.push({ name: brokerKey, value: def, source: ConfigSourceCode.DYNAMIC_DEFAULT_BROKER_CONFIG });
  const src = config.source(brokerKey);
  if (src === 'file' || src === 'override' || src === 'profile') {
    out.push({ name: brokerKey, value: config.get(brokerKey), source: ConfigSourceCode.STATIC_BROKER_CONFIG });
  }
  return out;
}

/** Every topic key with its effective value for a topic whose own overrides are `overrides`. */
export function effectiveTopicConfigs(config: ServerConfig, dynamic: DynamicBrokerConfigs,
  overrides: ReadonlyMap<string, string>): EffectiveConfig[] {
  return TOPIC_KEYS.map((key) => {
    const synonyms: EffectiveConfig['synonyms'] = [];
    const own = overrides.get(key.name);
    if (own !== undefined) synonyms.push({ name: key.name, value: own, source: ConfigSourceCode.DYNAMIC_TOPIC_CONFIG });
    synonyms.push(...brokerSynonyms(config, dynamic, key.brokerKey));
    const fallback = config.topicDefault(key.name) ?? key.default;
    synonyms.push({ name: key.brokerKey, value: fallback, source: ConfigSourceCode.DEFAULT_CONFIG });
    const top = synonyms[0]!;
    return { name: key.name, value: top.value, source: top.source, readOnly: false, sensitive: false, synonyms };
  });
}

/** A topic config value for code that acts on it: the override, else the broker default. */
export function topicConfigValue(config: ServerConfig, dynamic: DynamicBrokerConfigs,
  overrides: ReadonlyMap<string, string>, name: string): string {
  const own = overrides.get(name);
  if (own !== undefined) return own;
  const brokerKey = TOPIC_KEY_BY_NAME.get(name)!.brokerKey;
  return dynamic.perBroker.get(brokerKey) ?? dynamic.clusterDefault.get(brokerKey) ??
    config.topicDefault(name) ?? TOPIC_KEY_BY_NAME.get(name)!.default!;
}

/** null when `name=value` is a valid topic config, else the message Kafka's INVALID_CONFIG carries. */
export function checkTopicConfig(name: string, value: string | null): string | null {
  const key = TOPIC_KEY_BY_NAME.get(name);
  if (!key) return `Unknown topic config name: ${name}`;
  if (value === null) return null;
  const problem = checkValue(key, value);
  return problem === null ? null : `Invalid value ${value} for configuration ${name}: ${problem}`;
}
