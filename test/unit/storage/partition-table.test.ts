// The table by topic, then partition (the replica manager's hosted partitions, the log directory's
// unopened logs) against a plain Map keyed by directory name, through seeded runs of sets and
// deletes over a few topics with sparse partition ids, partition 2147483647 among them: the same
// lookups, sizes and answers of set and delete, the same values from values() and forEach (topics
// in the order first set, partitions ascending), and nothing left of a topic whose partitions are
// all gone. Iterating a topic holding partition 2147483647 must not walk every index below it.
import { describe, expect, it } from 'vitest';
import { PartitionTable } from '../../../storage/partition-table.js';
import { seededRandom } from '../../helpers/seeded-random.js';

interface Entry {
  topic: string;
  partition: number;
}

function visited<P>(table: PartitionTable<P>): P[] {
  const all: P[] = [];
  table.forEach((value) => all.push(value));
  return all;
}

const names = (entries: readonly Entry[]): string[] => entries.map((e) => `${e.topic}-${e.partition}`);

describe('PartitionTable', () => {
  it.each([1, 2, 3, 4, 5])('matches a Map under random sets and deletes (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const table = new PartitionTable<Entry>();
    const model = new Map<string, Entry>();
    const topics = ['a', 'b', 'a-1', 'orders', ''];
    for (let step = 0; step < 5_000; step++) {
      const topic = topics[Math.floor(random() * topics.length)]!;
      // Sparse ids, as a broker hosting some partitions of a topic has them, and now and then the
      // highest id a checkpoint line can name.
      const partition = random() < 0.02 ? 2_147_483_647 : Math.floor(random() * 6) * 7;
      const k = `${topic}-${partition}`;
      if (random() < 0.55) {
        const value = { topic, partition };
        expect(table.set(topic, partition, value)).toBe(model.has(k));
        model.set(k, value);
      } else {
        expect(table.delete(topic, partition)).toBe(model.delete(k));
      }
      expect(table.get(topic, partition)).toBe(model.get(k));
      expect(table.has(topic, partition)).toBe(model.has(k));
      expect(table.size).toBe(model.size);
    }
    const all = visited(table);
    expect(new Set(all)).toEqual(new Set(model.values()));
    expect(all.length).toBe(model.size);
    expect([...table.values()]).toEqual(all);
    for (let i = 1; i < all.length; i++) {
      if (all[i]!.topic === all[i - 1]!.topic) expect(all[i]!.partition).toBeGreaterThan(all[i - 1]!.partition);
    }
  });

  it('iterates topics in the order first set and a sparse topic by the partitions it has', () => {
    const table = new PartitionTable<Entry>();
    for (const [topic, partition] of [['b', 3], ['a', 2_147_483_647], ['a', 0], ['b', 1]] as const) table.set(topic, partition, { topic, partition });
    expect(names(visited(table))).toEqual(['b-1', 'b-3', 'a-0', 'a-2147483647']);
    expect(names([...table.values()])).toEqual(['b-1', 'b-3', 'a-0', 'a-2147483647']);
    expect(table.delete('a', 2_147_483_647) && table.delete('a', 0)).toBe(true);
    expect(names(visited(table))).toEqual(['b-1', 'b-3']);
    expect([table.size, table.get('a', 0)]).toEqual([2, undefined]);
    // A visit may delete the value it is given (opening drops the partitions whose directory is gone).
    table.forEach((e) => e.partition === 1 && table.delete(e.topic, e.partition));
    table.forEach((e) => e.partition === 3 && table.delete(e.topic, e.partition));
    expect([visited(table), table.size, table.get('b', 3)]).toEqual([[], 0, undefined]);
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
