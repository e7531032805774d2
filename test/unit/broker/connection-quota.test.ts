// Connection creation rates on a virtual clock: an IP over its connection_creation_rate is closed
// after the throttle time and not counted; the broker-wide max.connection.creation.rate delays, and
// so does a listener's own (listener.name.<l>.max.connection.creation.rate).
import { describe, expect, it } from 'vitest';
import { ConnectionQuotas } from '../../../src/broker/connection-quota.js';
import { applyClientQuotaRecord, type ClientQuotaEntry } from '../../../src/metadata/client-quotas.js';

const WINDOWS = { samples: 11, windowMs: 1000 };
const NONE = new Map<string, ClientQuotaEntry>();

function ipQuota(name: string | null, rate: number): Map<string, ClientQuotaEntry> {
  const out = new Map<string, ClientQuotaEntry>();
  applyClientQuotaRecord(out, { entity: [{ entityType: 'ip', entityName: name }], key: 'connection_creation_rate', value: rate, remove: false });
  return out;
}

describe('ConnectionQuotas', () => {
  it('closes connections of an IP over its rate after the throttle time, without counting them', () => {
    const q = new ConnectionQuotas(WINDOWS, 2 ** 31 - 1);
    const quotas = ipQuota('10.0.0.1', 1);
    for (let i = 0; i < 10; i++) expect(q.admit('10.0.0.1', quotas, 0)).toEqual({ delayMs: 0, closeAfterMs: null });
    // 11 in the 10 s a fresh rate is measured over: 1.1/s against 1/s, 1 s of throttle.
    expect(q.admit('10.0.0.1', quotas, 0)).toEqual({ delayMs: 0, closeAfterMs: 1000 });
    expect(q.admit('10.0.0.1', quotas, 0)).toEqual({ delayMs: 0, closeAfterMs: 1000 });
    // Other addresses have no quota.
    expect(q.admit('10.0.0.2', quotas, 0).closeAfterMs).toBeNull();
  });

  it('falls back to the default IP entity', () => {
    const q = new ConnectionQuotas(WINDOWS, 2 ** 31 - 1);
    const quotas = ipQuota(null, 0.1);
    expect(q.admit('10.0.0.3', quotas, 0).closeAfterMs).toBeNull();
    expect(q.admit('10.0.0.3', quotas, 0).closeAfterMs).toBe(10_000);
    expect(q.admit('10.0.0.4', quotas, 0).closeAfterMs).toBeNull();
  });

  it('delays connections over the broker-wide rate', () => {
    const q = new ConnectionQuotas(WINDOWS, 1);
    for (let i = 0; i < 10; i++) expect(q.admit('10.0.0.1', NONE, 0).delayMs).toBe(0);
    expect(q.admit('10.0.0.1', NONE, 0)).toEqual({ delayMs: 1000, closeAfterMs: null });
  });

  it('delays connections over a listener\'s own rate on that listener only', () => {
    const q = new ConnectionQuotas(WINDOWS, 2 ** 31 - 1, new Map([['EXTERNAL', { maxConnectionCreationRate: 1 }], ['INTERNAL', {}]]));
    for (let i = 0; i < 10; i++) expect(q.admit('10.0.0.1', NONE, 0, 'EXTERNAL').delayMs).toBe(0);
    expect(q.admit('10.0.0.1', NONE, 0, 'EXTERNAL')).toEqual({ delayMs: 1000, closeAfterMs: null });
    for (let i = 0; i < 20; i++) expect(q.admit('10.0.0.1', NONE, 0, 'INTERNAL').delayMs).toBe(0);
  });

  it('spares the protected (inter-broker) listener the broker-wide rate, not its own', () => {
    const listeners = new Map([['INTERNAL', { protectedFromBrokerRate: true }], ['EXTERNAL', {}], ['REPLICATION', { protectedFromBrokerRate: true, maxConnectionCreationRate: 2 }]]);
    const q = new ConnectionQuotas(WINDOWS, 1, listeners);
    for (let i = 0; i < 30; i++) expect(q.admit('10.0.0.1', NONE, 0, 'INTERNAL').delayMs).toBe(0);
    // The protected listener's connections did not count against the broker-wide rate either.
    for (let i = 0; i < 10; i++) expect(q.admit('10.0.0.1', NONE, 0, 'EXTERNAL').delayMs).toBe(0);
    expect(q.admit('10.0.0.1', NONE, 0, 'EXTERNAL').delayMs).toBe(1000);
    for (let i = 0; i < 20; i++) expect(q.admit('10.0.0.1', NONE, 0, 'REPLICATION').delayMs).toBe(0);
    expect(q.admit('10.0.0.1', NONE, 0, 'REPLICATION').delayMs).toBe(500);
  });

  it('takes the larger delay where both the broker-wide and the listener\'s rate are over', () => {
    const q = new ConnectionQuotas(WINDOWS, 2, new Map([['EXTERNAL', { maxConnectionCreationRate: 1 }]]));
    for (let i = 0; i < 10; i++) q.admit('10.0.0.1', NONE, 0, 'EXTERNAL');
    for (let i = 0; i < 10; i++) q.admit('10.0.0.1', NONE, 0, 'OTHER');
    // Broker-wide: 21 in 10 s against 2/s (500 ms); the listener: 11 against 1/s (1000 ms).
    expect(q.admit('10.0.0.1', NONE, 0, 'EXTERNAL').delayMs).toBe(1000);
  });

  it('counts open connections per address, refuses one over the maximum, and takes one again once another closes', () => {
    const q = new ConnectionQuotas(WINDOWS, 2 ** 31 - 1, new Map(), { max: 2, overrides: new Map([['10.0.0.9', 3], ['10.0.0.8', 0]]) });
    expect(q.limitsOpenConnections).toBe(true);
    expect([q.openConnection('10.0.0.1'), q.openConnection('10.0.0.1'), q.openConnection('10.0.0.1')]).toEqual([true, true, false]);
    q.closeConnection('10.0.0.1');
    expect(q.openConnection('10.0.0.1')).toBe(true);
    expect(q.openConnection('10.0.0.1')).toBe(false);
    // Overrides: more for one address, none for another; others keep the default.
    expect([1, 2, 3, 4].map(() => q.openConnection('10.0.0.9'))).toEqual([true, true, true, false]);
    expect(q.openConnection('10.0.0.8')).toBe(false);
    expect(q.openConnection('10.0.0.2')).toBe(true);
  });

  it('counts nothing where no address has a maximum', () => {
    expect(new ConnectionQuotas(WINDOWS, 2 ** 31 - 1).limitsOpenConnections).toBe(false);
  });
});
