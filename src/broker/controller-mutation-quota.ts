// controller_mutation_rate (KIP-599): partitions created or deleted per second, per (user,
// client-id), as Kafka's ControllerMutationQuotaManager. Each client has a token bucket of
// quota.window.num x quota.window.size.seconds x rate tokens, refilled at the rate; a mutation
// takes as many tokens as partitions. Strict (CreateTopics v6+, CreatePartitions v3+, DeleteTopics
// v5+): a topic is refused with THROTTLING_QUOTA_EXCEEDED once the bucket is below zero, checked
// before each topic (so one request may overdraw it); permissive (older versions): everything is
// accepted and the client is told to wait. Either way the wait is the time to refill to zero.
import type { ClientQuotas } from '../metadata/client-quotas.js';
import { ClientQuotaManager, type QuotaWindows } from './client-quota-manager.js';

interface Bucket {
  tokens: number;
  lastUpdateMs: number;
}

/** One request's view of the client's bucket. */
export interface MutationQuota {
  /** Takes the permits; false when strict and the bucket was already overdrawn (the item is refused). */
  record(permits: number): boolean;
  /** How long the client must wait, as of now (0 within quota). */
  throttleTimeMs(): number;
}

const UNBOUNDED: MutationQuota = { record: () => true, throttleTimeMs: () => 0 };
const MAX_BUCKETS = 10_000;

export class ControllerMutationQuotaManager {
  private readonly limits: ClientQuotaManager;
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly windows: QuotaWindows) {
    this.limits = new ClientQuotaManager('controller_mutation_rate', windows);
  }

  quotaFor(quotas: ClientQuotas, user: string, clientId: string, strict: boolean, nowMs: number): MutationQuota {
    if (!this.limits.active(quotas)) return UNBOUNDED;
    const q = this.limits.quotaFor(quotas, user, clientId);
    if (q === null) return UNBOUNDED;
    const rate = q.limit;
    const burst = this.windows.samples * (this.windows.windowMs / 1000) * rate;
    const bucket = this.bucket(q.sensorKey, burst);
    const refill = (): void => {
      bucket.tokens = Math.min(burst, bucket.tokens + (rate * (nowMs - bucket.lastUpdateMs)) / 1000);
      bucket.lastUpdateMs = nowMs;
    };
    const waitMs = (): number => (bucket.tokens < 0 ? Math.round((-bucket.tokens / rate) * 1000) : 0);
    let throttleMs = 0;
    return {
      record: (permits) => {
        refill();
        if (strict && bucket.tokens < 0) {
          throttleMs = waitMs();
          return false;
        }
        bucket.tokens = Math.min(burst, bucket.tokens - permits);
        if (!strict) throttleMs = waitMs();
        return true;
      },
      throttleTimeMs: () => throttleMs,
    };
  }

  private bucket(key: string, burst: number): Bucket {
    let b = this.buckets.get(key);
    if (b === undefined) {
      if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
      // A new bucket starts full, as Kafka's TokenBucket refilled from time zero.
      b = { tokens: burst, lastUpdateMs: 0 };
      this.buckets.set(key, b);
    }
    return b;
  }
}

/** Splits items into those the predicate accepts and the rest, in order. */
export function partition<T>(items: readonly T[], accept: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (accept(item) ? yes : no).push(item);
  return [yes, no];
}
