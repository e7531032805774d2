// Byte-rate quotas per (user, client-id), as Kafka's ClientQuotaManager computes them. The quota
// that applies is the most specific entity that sets the key, in Kafka's order:
// user+client-id, user+default client, user, default user+client-id, default user+default client,
// default user, client-id, default client. Usage is tracked per quota id (the tags Kafka gives the
// sensor: a client-id quota is shared by every user with that client id, a user quota by every
// client id of that user), as a rate over `quota.window.num` windows of `quota.window.size.seconds`
// (Kafka's SampledStat and Rate), and a request that takes the rate over the quota is throttled
// for X = (rate - quota) / quota * window: the delay that brings the rate back to the quota.
// Sans-IO: callers pass the time. With no quota set for the key, a call costs one comparison.
import type { ClientQuotas } from '../metadata/client-quotas.js';
import { QUOTA_CLIENT_ID, QUOTA_IP, QUOTA_USER } from '../metadata/client-quotas.js';

export interface QuotaWindows {
  /** quota.window.num */
  samples: number;
  /** quota.window.size.seconds, in ms */
  windowMs: number;
}

const MAX_THROTTLE_MS = 2 ** 31 - 1;
/** Sensors idle this long are dropped (Kafka expires them after an hour). */
const SENSOR_EXPIRY_MS = 3_600_000;

/** Kafka's SampledStat of sums: a ring of windows, each opened when a value arrives after the last one closed. */
export class SampledRate {
  private readonly starts: number[] = [];
  private readonly totals: number[] = [];
  private current = 0;
  lastRecordMs = 0;

  constructor(private readonly w: QuotaWindows) {}

  record(value: number, nowMs: number): void {
    this.lastRecordMs = nowMs;
    if (this.starts.length === 0) {
      this.starts.push(nowMs);
      this.totals.push(0);
    } else if (nowMs - this.starts[this.current]! >= this.w.windowMs) {
      this.current = (this.current + 1) % this.w.samples;
      if (this.current === this.starts.length) this.starts.push(nowMs), this.totals.push(0);
      else this.starts[this.current] = nowMs, this.totals[this.current] = 0;
    }
    this.totals[this.current]! += value;
  }

  /** The rate per second and the window it was measured over (Kafka's Rate.windowSize). */
  measure(nowMs: number): { perSecond: number; windowMs: number } {
    const span = this.w.samples * this.w.windowMs;
    let total = 0;
    let oldest = nowMs;
    for (let i = 0; i < this.starts.length; i++) {
      // Samples older than the whole span are reset, as Kafka's purgeObsoleteSamples does.
      if (nowMs - this.starts[i]! >= span) {
        this.starts[i] = nowMs;
        this.totals[i] = 0;
      }
      total += this.totals[i]!;
      oldest = Math.min(oldest, this.starts[i]!);
    }
    let elapsedMs = nowMs - oldest;
    const fullWindows = Math.floor(elapsedMs / this.w.windowMs);
    // A young sensor is measured as if it had seen samples-1 full windows, so one burst after a
    // quiet time is not mistaken for a high rate.
    if (fullWindows < this.w.samples - 1) elapsedMs += (this.w.samples - 1 - fullWindows) * this.w.windowMs;
    const windowMs = Math.max(elapsedMs, 1);
    return { perSecond: total / (windowMs / 1000), windowMs };
  }
}

/** The quota that applies to a client and the key its usage is tracked under. */
export interface ResolvedQuota {
  limit: number;
  sensorKey: string;
}
type Resolved = ResolvedQuota;

export class ClientQuotaManager {
  private seen: ClientQuotas | null = null;
  /** Limits of this key by entity: `[user, client]`, each 0 for absent, null for default. */
  private limits = new Map<string, number>();
  private resolved = new Map<string, Resolved | null>();
  private readonly sensors = new Map<string, SampledRate>();

  constructor(private readonly quotaKey: string, private readonly windows: QuotaWindows) {}

  /** Whether any entity sets this manager's key: when not, callers skip everything else. */
  active(quotas: ClientQuotas): boolean {
    if (quotas !== this.seen) this.refresh(quotas);
    return this.limits.size > 0;
  }

  /** Records `value` bytes for the client and returns the throttle time (0 within quota). */
  recordAndGetThrottleTimeMs(quotas: ClientQuotas, user: string, clientId: string, value: number, nowMs: number): number {
    const q = this.quotaFor(quotas, user, clientId);
    if (q === null) return 0;
    const sensor = this.sensor(q.sensorKey, nowMs);
    sensor.record(value, nowMs);
    const { perSecond, windowMs } = sensor.measure(nowMs);
    if (perSecond <= q.limit) return 0;
    return Math.min(MAX_THROTTLE_MS, Math.round(((perSecond - q.limit) / q.limit) * windowMs));
  }

  /** Takes back a recorded value (a throttled fetch answers empty, so its bytes never left). */
  unrecord(quotas: ClientQuotas, user: string, clientId: string, value: number, nowMs: number): void {
    const q = this.quotaFor(quotas, user, clientId);
    if (q !== null) this.sensor(q.sensorKey, nowMs).record(-value, nowMs);
  }

  /** The most that can be recorded at once without certain throttling (caps a fetch's max_bytes). */
  maxValueInWindow(quotas: ClientQuotas, user: string, clientId: string): number {
    const q = this.quotaFor(quotas, user, clientId);
    return q === null ? Infinity : q.limit * (this.windows.samples - 1) * (this.windows.windowMs / 1000);
  }

  /** The most specific quota of this key for the client; null when none applies. */
  quotaFor(quotas: ClientQuotas, user: string, clientId: string): Resolved | null {
    if (quotas !== this.seen) this.refresh(quotas);
    if (this.limits.size === 0) return null;
    const key = `${user}\u0000${clientId}`;
    let r = this.resolved.get(key);
    if (r === undefined) {
      if (this.resolved.size >= 10_000) this.resolved.clear();
      r = this.resolve(user, clientId);
      this.resolved.set(key, r);
    }
    return r;
  }

  private resolve(user: string, clientId: string): Resolved | null {
    // [user part, client part] of the entity, then the quota id's tags: u = the user, c = the client id.
    const order: [string | null | 0, string | null | 0, boolean, boolean][] = [
      [user, clientId, true, true], [user, null, true, true], [user, 0, true, false],
      [null, clientId, true, true], [null, null, true, true], [null, 0, true, false],
      [0, clientId, false, true], [0, null, false, true],
    ];
    for (const [u, c, tagUser, tagClient] of order) {
      const limit = this.limits.get(JSON.stringify([u, c]));
      if (limit !== undefined) return { limit, sensorKey: JSON.stringify([tagUser ? user : '', tagClient ? clientId : '']) };
    }
    return null;
  }

  private refresh(quotas: ClientQuotas): void {
    this.seen = quotas;
    this.limits = new Map();
    this.resolved = new Map();
    for (const q of quotas.values()) {
      const limit = q.values.get(this.quotaKey);
      if (limit === undefined || q.entity.some((e) => e.entityType === QUOTA_IP)) continue;
      const part = (type: string): string | null | 0 => {
        const e = q.entity.find((x) => x.entityType === type);
        return e === undefined ? 0 : e.entityName;
      };
      this.limits.set(JSON.stringify([part(QUOTA_USER), part(QUOTA_CLIENT_ID)]), limit);
    }
  }

  private sensor(key: string, nowMs: number): SampledRate {
    let s = this.sensors.get(key);
    if (s === undefined) {
      if (this.sensors.size >= 10_000) this.expire(nowMs);
      s = new SampledRate(this.windows);
      this.sensors.set(key, s);
    }
    return s;
  }

  private expire(nowMs: number): void {
    for (const [key, s] of this.sensors) if (nowMs - s.lastRecordMs > SENSOR_EXPIRY_MS) this.sensors.delete(key);
  }
}
