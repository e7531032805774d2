// The replication throttle's measure (Kafka's Rate over 11 one-second windows) and the topic
// configs that name throttled replicas.
import { describe, expect, it } from 'vitest';
import { isThrottled, ReplicationQuota, throttledReplicas } from '../../../src/replication/replication-quota.js';
import { checkTopicConfig } from '../../../src/config/effective.js';

describe('ReplicationQuota', () => {
  it('measures bytes over at least ten whole windows, as Kafka\'s Rate does', () => {
    let bound = 1000;
    const q = new ReplicationQuota(() => bound, 11, 1000);
    expect(q.exceeded(0)).toBe(false);
    q.record(5_000, 0);
    // 5,000 bytes in a young rate count over 10 s: 500 B/s, under the bound.
    expect(q.rate(0)).toBe(500);
    expect(q.exceeded(0)).toBe(false);
    q.record(6_000, 500);
    expect(q.rate(500)).toBeCloseTo(11_000 / 10.5, 6);
    expect(q.exceeded(500)).toBe(true);
    // The bound is read at each check (a dynamic broker config).
    bound = 2000;
    expect(q.exceeded(500)).toBe(false);
    bound = 1000;
    // Samples older than 11 windows are dropped: the rate falls back under the bound.
    expect(q.exceeded(12_000)).toBe(false);
    expect(q.rate(12_000)).toBe(0);
  });

  it('never holds back at the default rate (Long.MAX_VALUE)', () => {
    const q = new ReplicationQuota(() => Number.MAX_SAFE_INTEGER, 11, 1000);
    q.record(1e15, 0);
    expect(q.exceeded(0)).toBe(false);
  });
});

describe('throttled replicas', () => {
  it('names partition:broker pairs or every replica', () => {
    const some = throttledReplicas('0:1, 0:2,3:1');
    expect([isThrottled(some, 0, 1), isThrottled(some, 0, 2), isThrottled(some, 3, 1), isThrottled(some, 3, 2), isThrottled(some, 1, 1)])
      .toEqual([true, true, true, false, false]);
    expect(isThrottled(throttledReplicas('*'), 7, 9)).toBe(true);
    expect(throttledReplicas('')).toBeNull();
    expect(throttledReplicas(undefined)).toBeNull();
  });

  it('are checked as Kafka checks them when set', () => {
    expect(checkTopicConfig('leader.replication.throttled.replicas', '0:1,1:2')).toBeNull();
    expect(checkTopicConfig('follower.replication.throttled.replicas', '*')).toBeNull();
    expect(checkTopicConfig('leader.replication.throttled.replicas', '0-1')).toBe('Invalid value 0-1 for configuration leader.replication.throttled.replicas: '
      + 'leader.replication.throttled.replicas must be the literal \'*\' or a list of replicas in the following format: [partitionId]:[brokerId],[partitionId]:[brokerId],...');
  });
});
