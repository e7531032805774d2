import { describe, expect, it } from 'vitest';
import { LeaderEpochCache, UNDEFINED_EPOCH } from '../../../storage/leader-epoch-cache.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';

function cacheWith(entries: [number, number][]): LeaderEpochCache {
  const fs = new MemoryFileSystem();
  fs.mkdir('/p');
  const { cache } = LeaderEpochCache.load(fs, '/p');
  for (const [epoch, offset] of entries) cache.assign(epoch, offset);
  return cache;
}

describe('LeaderEpochCache', () => {
  it('assigns only new epochs and drops entries a lower start offset contradicts', () => {
    const cache = cacheWith([[1, 0], [1, 5], [2, 10], [4, 20]]);
    expect(cache.all()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 10 }, { epoch: 4, startOffset: 20 }]);
    cache.assign(3, 15);
    expect(cache.all()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 10 }, { epoch: 3, startOffset: 15 }]);
    cache.assign(-1, 30);
    expect(cache.latestEpoch()).toBe(3);
  });

  it("answers endOffsetFor as Kafka's LeaderEpochFileCache does", () => {
    const cache = cacheWith([[2, 10], [4, 20], [7, 40]]);
    const leo = 55;
    expect(cache.endOffsetFor(7, leo)).toEqual({ epoch: 7, endOffset: 55 });
    expect(cache.endOffsetFor(4, leo)).toEqual({ epoch: 4, endOffset: 40 });
    expect(cache.endOffsetFor(5, leo)).toEqual({ epoch: 4, endOffset: 40 });
    expect(cache.endOffsetFor(1, leo)).toEqual({ epoch: 1, endOffset: 10 });
    expect(cache.endOffsetFor(8, leo)).toEqual({ epoch: UNDEFINED_EPOCH, endOffset: -1 });
    expect(cache.endOffsetFor(UNDEFINED_EPOCH, leo)).toEqual({ epoch: UNDEFINED_EPOCH, endOffset: -1 });
    expect(cacheWith([]).endOffsetFor(0, leo)).toEqual({ epoch: UNDEFINED_EPOCH, endOffset: -1 });
  });

  it('truncates from the end and from the start', () => {
    const cache = cacheWith([[2, 10], [4, 20], [7, 40]]);
    cache.truncateFromEnd(40);
    expect(cache.all()).toEqual([{ epoch: 2, startOffset: 10 }, { epoch: 4, startOffset: 20 }]);
    cache.truncateFromStart(25);
    expect(cache.all()).toEqual([{ epoch: 4, startOffset: 25 }]);
    expect(cache.epochForOffset(30)).toBe(4);
    expect(cache.epochForOffset(3)).toBe(UNDEFINED_EPOCH);
  });

  it("persists Kafka's leader-epoch-checkpoint format and loads it back", async () => {
    const fs = new MemoryFileSystem();
    fs.mkdir('/p');
    const { cache } = LeaderEpochCache.load(fs, '/p');
    cache.assign(0, 0);
    cache.assign(3, 120);
    await cache.persist();
    expect(fs.readFile('/p/leader-epoch-checkpoint').toString()).toBe('0\n2\n0 0\n3 120\n');
    const loaded = LeaderEpochCache.load(fs, '/p');
    expect(loaded.status).toBe('ok');
    expect(loaded.cache.all()).toEqual(cache.all());
  });

  it('flags a malformed checkpoint and starts empty', async () => {
    const fs = new MemoryFileSystem();
    fs.mkdir('/p');
    await fs.writeFileAtomic('/p/leader-epoch-checkpoint', Buffer.from('0\n2\n3 10\n1 20\n'));
    const loaded = LeaderEpochCache.load(fs, '/p');
    expect(loaded.status).toBe('malformed');
    expect(loaded.cache.all()).toEqual([]);
  });

  it('serialises concurrent persists so the last state wins', async () => {
    const fs = new MemoryFileSystem();
    fs.mkdir('/p');
    const { cache } = LeaderEpochCache.load(fs, '/p');
    cache.assign(1, 0);
    const first = cache.persist();
    cache.assign(2, 5);
    const second = cache.persist();
    cache.assign(3, 9);
    const third = cache.persist();
    await Promise.all([first, second, third]);
    expect(fs.readFile('/p/leader-epoch-checkpoint').toString()).toBe('0\n3\n1 0\n2 5\n3 9\n');
  });
});
