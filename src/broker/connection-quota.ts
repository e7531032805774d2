// Connection creation rates, as Kafka's ConnectionQuotas: `max.connection.creation.rate` caps new
// connections per second on the broker's listeners (over the limit the listener waits before it
// takes the next one in, as Kafka's acceptor does), `listener.name.<l>.max.connection.creation.rate`
// caps one listener the same way, and `connection_creation_rate` quotas on the `ip` entity (a named
// IP, else the default IP entity) cap one address: a connection over that rate is not served, and
// is closed once the throttle time has passed (Kafka's delayed close), and not counted. The
// inter-broker listener, where a node has other broker listeners, is spared the broker-wide rate
// (KIP-612's protected listener) but not its own. Rates use the same sampled windows as the other
// client quotas. `max.connections.per.ip` (with `max.connections.per.ip.overrides`) caps the open
// connections of one address on the broker listeners: one more is closed at once, as Kafka's
// acceptor closes it (TooManyConnectionsException). Sans-IO.
import { QUOTA_IP, quotaEntityKey, type ClientQuotas } from '../metadata/client-quotas.js';
import { SampledRate, type QuotaWindows } from './client-quota-manager.js';

const CONNECTION_RATE_KEY = 'connection_creation_rate';
const MAX_SENSORS = 10_000;
const MAX_THROTTLE_MS = 2 ** 31 - 1;

/** What to do with a new connection: start it after delayMs, or close it after closeAfterMs unserved. */
export type ConnectionAdmission = { delayMs: number; closeAfterMs: null } | { delayMs: 0; closeAfterMs: number };

/** A listener's own connection creation rate, and whether the broker-wide one spares it. */
export interface ListenerRateLimit {
  /** listener.name.<l>.max.connection.creation.rate; absent: none of its own. */
  maxConnectionCreationRate?: number;
  /** The inter-broker listener of a node with other broker listeners. */
  protectedFromBrokerRate?: boolean;
}

/** max.connections.per.ip and its overrides (by address). */
export interface PerIpLimit {
  max: number;
  overrides: ReadonlyMap<string, number>;
}

const NO_PER_IP_LIMIT: PerIpLimit = { max: MAX_THROTTLE_MS, overrides: new Map() };

export class ConnectionQuotas {
  private readonly brokerRate: SampledRate;
  private readonly ipRates = new Map<string, SampledRate>();
  private readonly listenerRates = new Map<string, SampledRate>();
  private readonly openByIp = new Map<string, number>();

  constructor(
    private readonly windows: QuotaWindows,
    private readonly maxConnectionCreationRate: number,
    private readonly listeners: ReadonlyMap<string, ListenerRateLimit> = new Map(),
    private readonly perIp: PerIpLimit = NO_PER_IP_LIMIT,
  ) {
    this.brokerRate = new SampledRate(windows);
  }

  /** Whether any address has a connection count limit (else nothing need be counted). */
  get limitsOpenConnections(): boolean {
    return this.perIp.max < MAX_THROTTLE_MS || this.perIp.overrides.size > 0;
  }

  /** Counts a new connection of `ip`; false (and not counted) when the address has its maximum open. */
  openConnection(ip: string): boolean {
    const open = this.openByIp.get(ip) ?? 0;
    if (open >= (this.perIp.overrides.get(ip) ?? this.perIp.max)) return false;
    this.openByIp.set(ip, open + 1);
    return true;
  }

  /** A counted connection of `ip` closed. */
  closeConnection(ip: string): void {
    const open = this.openByIp.get(ip) ?? 0;
    if (open <= 1) this.openByIp.delete(ip);
    else this.openByIp.set(ip, open - 1);
  }

  admit(ip: string, quotas: ClientQuotas, nowMs: number, listener = ''): ConnectionAdmission {
    const ipLimit = ipQuota(quotas, ip);
    if (ipLimit !== undefined) {
      const rate = this.ipRate(ip);
      const throttleMs = recordAndThrottle(rate, ipLimit, nowMs);
      if (throttleMs > 0) {
        rate.record(-1, nowMs);
        return { delayMs: 0, closeAfterMs: throttleMs };
      }
    }
    const own = this.listeners.get(listener);
    let delayMs = 0;
    if (this.maxConnectionCreationRate < MAX_THROTTLE_MS && own?.protectedFromBrokerRate !== true) {
      delayMs = recordAndThrottle(this.brokerRate, this.maxConnectionCreationRate, nowMs);
    }
    const limit = own?.maxConnectionCreationRate;
    if (limit !== undefined && limit < MAX_THROTTLE_MS) {
      let rate = this.listenerRates.get(listener);
      if (rate === undefined) this.listenerRates.set(listener, (rate = new SampledRate(this.windows)));
      delayMs = Math.max(delayMs, recordAndThrottle(rate, limit, nowMs));
    }
    return { delayMs, closeAfterMs: null };
  }

  private ipRate(ip: string): SampledRate {
    let r = this.ipRates.get(ip);
    if (r === undefined) {
      if (this.ipRates.size >= MAX_SENSORS) this.ipRates.clear();
      r = new SampledRate(this.windows);
      this.ipRates.set(ip, r);
    }
    return r;
  }
}

function recordAndThrottle(rate: SampledRate, limit: number, nowMs: number): number {
  rate.record(1, nowMs);
  const { perSecond, windowMs } = rate.measure(nowMs);
  if (perSecond <= limit) return 0;
  return Math.min(MAX_THROTTLE_MS, Math.round(((perSecond - limit) / limit) * windowMs));
}

/** The quota of this IP, else of the default IP entity; undefined when neither sets one. */
function ipQuota(quotas: ClientQuotas, ip: string): number | undefined {
  if (quotas.size === 0) return undefined;
  return quotas.get(quotaEntityKey([{ entityType: QUOTA_IP, entityName: ip }]))?.values.get(CONNECTION_RATE_KEY)
    ?? quotas.get(quotaEntityKey([{ entityType: QUOTA_IP, entityName: null }]))?.values.get(CONNECTION_RATE_KEY);
}
