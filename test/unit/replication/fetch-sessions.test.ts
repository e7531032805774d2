// The fetch session cache's admission and eviction, as Kafka's FetchSessionCache decides them: a
// full cache takes a new session only in place of a stale one, or of one worth less (a consumer's
// below a follower's, then by size) that is not protected by its age.
import { describe, expect, it } from 'vitest';
import { EVICTION_MS, FetchSessionCache, nextEpoch, type SessionPartition } from '../../../src/replication/fetch-sessions.js';

function partitions(n: number): SessionPartition[] {
  return Array.from({ length: n }, (_, partition) => ({
    topicKey: 't', topicId: 't', topic: 't', partition, fetchOffset: 0, partitionMaxBytes: 1024,
    currentLeaderEpoch: -1, lastFetchedEpoch: -1, logStartOffset: -1,
  }));
}

/** Distinct session ids, in a fixed order. */
function ids(): () => number {
  let n = 0;
  return () => (++n / 1000) % 1;
}

function open(cache: FetchSessionCache, nowMs: number, privileged: boolean, size: number): number | undefined {
  const session = cache.create(nowMs, privileged, true, size);
  session?.update(partitions(size), []);
  return session?.id;
}

describe('FetchSessionCache', () => {
  it('keeps young sessions from consumers, and lets a follower take a consumer\'s place', () => {
    const cache = new FetchSessionCache(2, ids());
    const small = open(cache, 0, false, 3)!;
    const large = open(cache, 0, false, 5)!;
    expect(open(cache, 1, false, 100)).toBeUndefined();
    const follower = open(cache, 2, true, 4)!;
    expect([cache.get(small), cache.get(large)?.id, cache.get(follower)?.id]).toEqual([undefined, large, follower]);
    // A young follower's session is safe from another follower, even a larger one.
    expect(open(cache, 3, true, 50)).not.toBeUndefined();
    expect(cache.get(large)).toBeUndefined();
    expect(open(cache, 4, true, 50)).toBeUndefined();
  });

  it('evicts a session unused for the eviction time first, whatever it is worth', () => {
    const cache = new FetchSessionCache(2, ids());
    const follower = open(cache, 0, true, 100)!;
    const used = open(cache, 0, false, 1)!;
    cache.touch(cache.get(used)!, EVICTION_MS);
    const late = open(cache, EVICTION_MS + 1, false, 1);
    expect(late).not.toBeUndefined();
    expect([cache.get(follower), cache.get(used)?.id]).toEqual([undefined, used]);
  });

  it('does not evict for a session worth no more, once age no longer protects', () => {
    const cache = new FetchSessionCache(1, ids());
    const first = open(cache, 0, false, 5)!;
    cache.touch(cache.get(first)!, EVICTION_MS + 1);
    expect(open(cache, EVICTION_MS + 2, false, 5)).toBeUndefined();
    expect(open(cache, EVICTION_MS + 2, false, 6)).not.toBeUndefined();
    expect(cache.get(first)).toBeUndefined();
  });

  it('finds a free id whatever its source of randomness returns', () => {
    const cache = new FetchSessionCache(3, () => 0.5);
    const opened = [open(cache, 0, false, 1), open(cache, 0, false, 1), open(cache, 0, false, 1)];
    expect(new Set(opened).size).toBe(3);
  });

  it('holds no session when it has no slots', () => {
    expect(open(new FetchSessionCache(0, ids()), 0, true, 1)).toBeUndefined();
  });

  it('counts epochs as Kafka does, wrapping to 1', () => {
    expect([nextEpoch(1), nextEpoch(0x7fffffff), nextEpoch(-1)]).toEqual([2, 1, -1]);
  });
});
