// A node's connection limits from Kafka's keys: each broker listener's own connection creation
// rate (listener.name.<l>.max.connection.creation.rate) and whether the broker-wide rate spares it,
// and the open connections allowed per address (max.connections.per.ip and its overrides). The
// quotas themselves are src/broker/connection-quota.ts.
import dns from 'node:dns/promises';
import net from 'node:net';
import type { ListenerRateLimit, PerIpLimit } from '../broker/connection-quota.js';
import { BROKER_KEY_BY_NAME } from '../config/broker-keys.js';
import { ConfigError, checkValue, parseNumber, splitList } from '../config/definition.js';
import type { ServerConfig } from '../config/server-config.js';
import { interBrokerListenerName } from './listener-security.js';

/**
 * Each broker listener's own connection creation rate (listener.name.<l>.max.connection.creation.rate,
 * only the prefixed key: the plain one is the broker-wide rate), and whether it is spared the
 * broker-wide rate: the inter-broker listener of a node with other broker listeners, as Kafka's
 * ConnectionQuotas protects it.
 */
export function listenerRateLimits(config: ServerConfig): Map<string, ListenerRateLimit> {
  const controllerNames = new Set(config.controllerListenerNames);
  const brokerListeners = config.listeners.filter((l) => !controllerNames.has(l.name));
  const interBroker = interBrokerListenerName(config);
  const out = new Map<string, ListenerRateLimit>();
  for (const { name } of brokerListeners) {
    const key = `listener.name.${name.toLowerCase()}.max.connection.creation.rate`;
    const value = config.get(key);
    const limit: ListenerRateLimit = {};
    if (value !== null) {
      // Checked as the broker-wide key is: an int, 0 or more.
      const problem = checkValue(BROKER_KEY_BY_NAME.get('max.connection.creation.rate')!, value);
      if (problem !== null) throw new ConfigError(key, problem);
      limit.maxConnectionCreationRate = parseNumber(value);
    }
    if (name === interBroker && brokerListeners.length > 1) limit.protectedFromBrokerRate = true;
    out.set(name, limit);
  }
  return out;
}

/**
 * max.connections.per.ip and max.connections.per.ip.overrides ("host:count,..."; a host name counts
 * for every address it resolves to, looked up once at start, as Kafka resolves it). As in Kafka, a
 * maximum of 0 needs overrides (the addresses that may connect at all).
 */
export async function perIpLimit(config: ServerConfig): Promise<PerIpLimit> {
  const max = config.int('max.connections.per.ip');
  const overrides = new Map<string, number>();
  for (const entry of splitList(config.get('max.connections.per.ip.overrides') ?? '')) {
    const at = entry.lastIndexOf(':');
    const host = entry.slice(0, at).trim().replace(/^\[(.*)\]$/, '$1');
    const count = entry.slice(at + 1).trim();
    if (at <= 0 || !/^\d+$/.test(count)) {
      throw new ConfigError('max.connections.per.ip.overrides', `"${entry}" is not host:count`);
    }
    const addresses = net.isIP(host) !== 0 ? [host] : await lookupAll(host);
    for (const address of addresses) overrides.set(address, Number(count));
  }
  if (max === 0 && overrides.size === 0) {
    throw new ConfigError('max.connections.per.ip', '0 lets no address connect: set max.connections.per.ip.overrides for those that may');
  }
  return { max, overrides };
}

async function lookupAll(host: string): Promise<string[]> {
  try {
    return (await dns.lookup(host, { all: true })).map((a) => a.address.replace(/^::ffff:/, ''));
  } catch (err) {
    throw new ConfigError('max.connections.per.ip.overrides', `cannot resolve ${host}: ${(err as Error).message}`);
  }
}
