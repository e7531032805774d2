// controller_mutation_rate's token bucket on a virtual clock (Kafka's TokenBucket and KIP-599):
// a full bucket of samples x window x rate, refilled at the rate; strict quotas refuse once it is
// below zero (checked before each item, so one request may overdraw it), permissive ones never
// refuse; the wait is the time to refill to zero.
import { describe, expect, it } from 'vitest';
import { ControllerMutationQuotaManager } from '../../../src/broker/controller-mutation-quota.js';
import { applyClientQuotaRecord, type ClientQuotaEntry } from '../../../src/metadata/client-quotas.js';

const WINDOWS = { samples: 11, windowMs: 1000 };

function quotas(rate: number): Map<string, ClientQuotaEntry> {
  const out = new Map<string, ClientQuotaEntry>();
  applyClientQuotaRecord(out, { entity: [{ entityType: 'client-id', entityName: 'admin' }], key: 'controller_mutation_rate', value: rate, remove: false });
  return out;
}

describe('ControllerMutationQuotaManager', () => {
  it('lets a strict client overdraw once, then refuses until the bucket refills', () => {
    const m = new ControllerMutationQuotaManager(WINDOWS);
    const q = quotas(2); // burst 22 partitions, 2 per second
    const first = m.quotaFor(q, 'ANONYMOUS', 'admin', true, 1_000);
    expect(first.record(20)).toBe(true);
    expect(first.record(10)).toBe(true); // 2 left before it: accepted, now -8
    expect(first.record(1)).toBe(false);
    expect(first.throttleTimeMs()).toBe(4_000);
    // 3 s later: -2, still refused, 1 s to wait.
    const later = m.quotaFor(q, 'ANONYMOUS', 'admin', true, 4_000);
    expect(later.record(1)).toBe(false);
    expect(later.throttleTimeMs()).toBe(1_000);
    // 1 s after that it is at zero again: accepted.
    expect(m.quotaFor(q, 'ANONYMOUS', 'admin', true, 5_000).record(1)).toBe(true);
  });

  it('never refuses a permissive client but tells it how long to wait', () => {
    const m = new ControllerMutationQuotaManager(WINDOWS);
    const q = m.quotaFor(quotas(1), 'ANONYMOUS', 'admin', false, 0);
    expect(q.record(11)).toBe(true);
    expect(q.throttleTimeMs()).toBe(0);
    expect(q.record(3)).toBe(true);
    expect(q.throttleTimeMs()).toBe(3_000);
  });

  it('leaves clients without a quota alone', () => {
    const m = new ControllerMutationQuotaManager(WINDOWS);
    const q = m.quotaFor(quotas(1), 'ANONYMOUS', 'other', true, 0);
    expect(q.record(1_000)).toBe(true);
    expect(q.record(1)).toBe(true);
    expect(q.throttleTimeMs()).toBe(0);
  });
});
