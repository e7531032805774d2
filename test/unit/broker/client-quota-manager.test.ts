// The quota core on a virtual clock: Kafka's resolution order, its rate over sampled windows, and
// its throttle time X = (rate - quota) / quota * window; and quotas in the image and its snapshot.
import { describe, expect, it } from 'vitest';
import { ClientQuotaManager, SampledRate } from '../../../src/broker/client-quota-manager.js';
import { applyClientQuotaRecord, type ClientQuotaEntry, type QuotaEntityPart } from '../../../src/metadata/client-quotas.js';
import { MetadataDelta } from '../../../src/metadata/delta.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { imageRecords } from '../../../src/metadata/image-records.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';

const WINDOWS = { samples: 11, windowMs: 1000 };
const user = (name: string | null): QuotaEntityPart => ({ entityType: 'user', entityName: name });
const client = (name: string | null): QuotaEntityPart => ({ entityType: 'client-id', entityName: name });

function quotas(...sets: [QuotaEntityPart[], number][]): Map<string, ClientQuotaEntry> {
  const out = new Map<string, ClientQuotaEntry>();
  for (const [entity, value] of sets) applyClientQuotaRecord(out, { entity, key: 'producer_byte_rate', value, remove: false });
  return out;
}

describe('SampledRate', () => {
  it('measures a fresh sensor over samples-1 windows, then over the windows it has seen', () => {
    const rate = new SampledRate(WINDOWS);
    rate.record(10_000, 0);
    expect(rate.measure(0)).toEqual({ perSecond: 1000, windowMs: 10_000 });
    rate.record(10_000, 15_000);
    // The first window (opened at 0) is older than 11 windows at 15 s: purged.
    expect(rate.measure(15_000).perSecond).toBe(1000);
  });
});

describe('ClientQuotaManager', () => {
  it('throttles by (rate - quota) / quota * window, and not within quota', () => {
    const m = new ClientQuotaManager('producer_byte_rate', WINDOWS);
    const q = quotas([[client('app')], 1000]);
    expect(m.recordAndGetThrottleTimeMs(q, 'ANONYMOUS', 'app', 10_000, 0)).toBe(0);
    // 20,000 bytes over a 10 s window: 2000 B/s, double the quota: throttled for one more window.
    expect(m.recordAndGetThrottleTimeMs(q, 'ANONYMOUS', 'app', 10_000, 0)).toBe(10_000);
    expect(m.recordAndGetThrottleTimeMs(q, 'ANONYMOUS', 'other', 1e9, 0)).toBe(0);
  });

  it('applies the most specific quota in Kafka order, sharing usage per quota id', () => {
    const m = new ClientQuotaManager('producer_byte_rate', WINDOWS);
    const q = quotas([[user(null)], 5000], [[client('app')], 1], [[user('ANONYMOUS'), client(null)], 2000], [[client(null)], 7]);
    // user+default client beats default user beats client-id beats default client.
    expect(m.maxValueInWindow(q, 'ANONYMOUS', 'app')).toBe(2000 * 10);
    expect(m.maxValueInWindow(q, 'bob', 'app')).toBe(5000 * 10);
    const clientsOnly = quotas([[client('app')], 100], [[client(null)], 300]);
    expect(m.maxValueInWindow(clientsOnly, 'bob', 'app')).toBe(100 * 10);
    expect(m.maxValueInWindow(clientsOnly, 'bob', 'x')).toBe(300 * 10);
    // A user quota is shared by all the user's client ids.
    const userQuota = quotas([[user('ANONYMOUS')], 1000]);
    expect(m.recordAndGetThrottleTimeMs(userQuota, 'ANONYMOUS', 'a', 10_000, 0)).toBe(0);
    expect(m.recordAndGetThrottleTimeMs(userQuota, 'ANONYMOUS', 'b', 10_000, 0)).toBe(10_000);
  });

  it('costs nothing and records nothing when no quota sets the key', () => {
    const m = new ClientQuotaManager('consumer_byte_rate', WINDOWS);
    expect(m.recordAndGetThrottleTimeMs(quotas([[client('app')], 1]), 'ANONYMOUS', 'app', 1e9, 0)).toBe(0);
    expect(m.maxValueInWindow(EMPTY_IMAGE.clientQuotas, 'ANONYMOUS', 'app')).toBe(Infinity);
  });
});

describe('client quotas in the image', () => {
  it('are replayed, removed with their last key, and rebuilt from a snapshot', () => {
    const set = (entity: QuotaEntityPart[], key: string, value: number, remove = false) =>
      record(MetadataRecordType.CLIENT_QUOTA, { entity, key, value, remove });
    const delta = new MetadataDelta(EMPTY_IMAGE);
    for (const r of [
      set([client('app'), user(null)], 'producer_byte_rate', 100), set([user(null), client('app')], 'consumer_byte_rate', 200),
      set([client('gone')], 'producer_byte_rate', 1), set([client('gone')], 'producer_byte_rate', 0, true),
    ]) delta.apply(r);
    const image = delta.finish(3, 1);
    expect([...image.clientQuotas.values()]).toEqual([{
      entity: [client('app'), user(null)], values: new Map([['producer_byte_rate', 100], ['consumer_byte_rate', 200]]),
    }]);
    const rebuilt = new MetadataDelta(EMPTY_IMAGE);
    for (const r of imageRecords(image)) rebuilt.apply(r);
    expect(rebuilt.finish(3, 1).clientQuotas).toEqual(image.clientQuotas);
  });
});
