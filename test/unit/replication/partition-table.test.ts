// The hosted-partition table against a plain Map keyed by "topic/partition", through a seeded run of
// sets and deletes over a few topics with sparse partition ids: same lookups, same size, same set of
// values, and nothing left of a topic whose partitions are all gone.
import { describe, expect, it } from 'vitest';
import { PartitionTable } from '../../../src/replication/partition-table.js';
import { seededRandom } from '../../helpers/seeded-random.js';

describe('PartitionTable', () => {
  it.each([1, 2, 3, 4, 5])('matches a Map under random sets and deletes (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const table = new PartitionTable<string>();
    const model = new Map<string, string>();
    const topics = ['a', 'b', 'orders', ''];
    for (let step = 0; step < 5_000; step++) {
      const topic = topics[Math.floor(random() * topics.length)]!;
      // Sparse ids, as a broker hosting some partitions of a topic has them.
      const partition = Math.floor(random() * 6) * 7;
      const k = `${topic}/${partition}`;
      if (random() < 0.55) {
        const value = `${k}@${step}`;
        table.set(topic, partition, value);
        model.set(k, value);
      } else {
        expect(table.delete(topic, partition)).toBe(model.delete(k));
      }
      expect(table.get(topic, partition)).toBe(model.get(k));
      expect(table.has(topic, partition)).toBe(model.has(k));
      expect(table.size).toBe(model.size);
    }
    expect([...table.values()].sort()).toEqual([...model.values()].sort());
  });

  it('forgets a topic once its last partition goes', () => {
    const table = new PartitionTable<number>();
    table.set('t', 3, 3);
    table.set('t', 9, 9);
    table.delete('t', 3);
    table.delete('t', 9);
    expect(table.size).toBe(0);
    expect((table as unknown as { topics: Map<string, unknown> }).topics.size).toBe(0);
    expect(table.get('t', 9)).toBeUndefined();
  });
});
