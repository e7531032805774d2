// Group-level configs (KIP-848, Kafka's GroupConfig), set with IncrementalAlterConfigs on resource
// type GROUP and kept as ConfigRecords like topic configs: a consumer group's own session timeout
// and heartbeat interval, in place of the broker's group.consumer.* values. Share-group keys are
// not here: kraftling has no share groups.
import { BROKER_KEY_BY_NAME } from './broker-keys.js';
import { checkValue, type ConfigKey } from './definition.js';
import type { ServerConfig } from './server-config.js';

export const GROUP_SESSION_TIMEOUT = 'consumer.session.timeout.ms';
export const GROUP_HEARTBEAT_INTERVAL = 'consumer.heartbeat.interval.ms';

/** A group key whose default is its broker key's (Kafka's GroupConfig takes the same defaults). */
function groupKey(name: string, brokerKey: string, doc: string): ConfigKey & { brokerKey: string } {
  return { name, type: 'int', default: BROKER_KEY_BY_NAME.get(brokerKey)!.default, min: 1, brokerKey, doc };
}

/** Each group key, with the broker key that gives its default. */
export const GROUP_KEYS: readonly (ConfigKey & { brokerKey: string })[] = [
  groupKey(GROUP_SESSION_TIMEOUT, 'group.consumer.session.timeout.ms', 'The timeout to detect client failures when using the consumer group protocol.'),
  groupKey(GROUP_HEARTBEAT_INTERVAL, 'group.consumer.heartbeat.interval.ms', 'The heartbeat interval given to the members.'),
];

export const GROUP_KEY_BY_NAME: ReadonlyMap<string, (typeof GROUP_KEYS)[number]> = new Map(GROUP_KEYS.map((k) => [k.name, k]));

/**
 * Checks a group's whole config after a change, as Kafka's GroupConfig.validate does: known names,
 * integers, each within the broker's group.consumer.min/max bounds, and the session timeout above
 * the heartbeat interval. A key the group does not set counts at the broker's group.consumer.*
 * value, as in Kafka's GroupConfigManager.validate. Returns a message, or null when it is valid.
 */
export function checkGroupConfig(configs: ReadonlyMap<string, string>, broker: ServerConfig): string | null {
  for (const [name, value] of configs) {
    const key = GROUP_KEY_BY_NAME.get(name);
    if (!key) return `Unknown group config name: ${name}`;
    const problem = checkValue(key, value);
    if (problem) return `Invalid value ${value} for configuration ${name}: ${problem}`;
  }
  const value = (name: string): number => {
    const own = configs.get(name);
    return own !== undefined ? Number(own) : broker.int(GROUP_KEY_BY_NAME.get(name)!.brokerKey);
  };
  const session = value(GROUP_SESSION_TIMEOUT);
  const heartbeat = value(GROUP_HEARTBEAT_INTERVAL);
  const bounds: [name: string, boundKey: string, within: (bound: number) => boolean][] = [
    [GROUP_HEARTBEAT_INTERVAL, 'group.consumer.min.heartbeat.interval.ms', (b) => heartbeat >= b],
    [GROUP_HEARTBEAT_INTERVAL, 'group.consumer.max.heartbeat.interval.ms', (b) => heartbeat <= b],
    [GROUP_SESSION_TIMEOUT, 'group.consumer.min.session.timeout.ms', (b) => session >= b],
    [GROUP_SESSION_TIMEOUT, 'group.consumer.max.session.timeout.ms', (b) => session <= b],
  ];
  for (const [name, boundKey, within] of bounds) {
    if (!within(broker.int(boundKey))) {
      return `${name} must be ${boundKey.includes('.min.') ? 'greater' : 'less'} than or equal to ${boundKey}`;
    }
  }
  if (session <= heartbeat) return `${GROUP_SESSION_TIMEOUT} must be greater than ${GROUP_HEARTBEAT_INTERVAL}`;
  return null;
}
