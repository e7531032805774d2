// UnopenedLogs against a Map by directory name (what LogDir kept before): seeded sets and deletes
// give the same entries, sizes and lookups, iteration stays in topic order then partition order,
// and a partition id at the top of the range (as a checkpoint line may name) is iterated without
// walking every index below it.
import { describe, expect, it } from 'vitest';
import { UnopenedLogs, type UnopenedLog } from '../../../storage/unopened-logs.js';
import { seededRandom } from '../../helpers/seeded-random.js';

function listed(logs: UnopenedLogs): UnopenedLog[] {
  const all: UnopenedLog[] = [];
  logs.forEach((log) => all.push(log));
  return all;
}

const entry = (topic: string, partition: number, recoveryPoint = 0): UnopenedLog =>
  ({ topic, partition, recoveryPoint, logStartOffset: undefined, listed: false });

describe('UnopenedLogs', () => {
  for (const seed of [1, 2, 3]) {
    it(`answers as a Map by directory name through random sets and deletes (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const logs = new UnopenedLogs();
      const reference = new Map<string, UnopenedLog>();
      const topics = ['a', 'b', 'a-1', 'c.d'];
      for (let step = 0; step < 2_000; step++) {
        const topic = topics[Math.floor(random() * topics.length)]!;
        const partition = random() < 0.05 ? 2_147_483_647 : Math.floor(random() * 40);
        const name = `${topic}-${partition}`;
        if (random() < 0.35) {
          expect(logs.delete(topic, partition)).toBe(reference.delete(name));
        } else {
          const e = entry(topic, partition, step);
          expect(logs.set(e)).toBe(reference.has(name));
          reference.set(name, e);
        }
        expect(logs.size).toBe(reference.size);
        expect(logs.get(topic, partition)).toBe(reference.get(name));
      }
      const all = listed(logs);
      expect(all.length).toBe(reference.size);
      expect(new Set(all)).toEqual(new Set(reference.values()));
      // Within a topic, ascending partitions.
      for (let i = 1; i < all.length; i++) {
        if (all[i]!.topic === all[i - 1]!.topic) expect(all[i]!.partition).toBeGreaterThan(all[i - 1]!.partition);
      }
    });
  }

  it('iterates topics in the order first set and a sparse topic by the partitions it has', () => {
    const logs = new UnopenedLogs();
    logs.set(entry('b', 3));
    logs.set(entry('a', 2_147_483_647));
    logs.set(entry('a', 0));
    logs.set(entry('b', 1));
    expect(listed(logs).map((e) => `${e.topic}-${e.partition}`)).toEqual(['b-1', 'b-3', 'a-0', 'a-2147483647']);
    // Walking every index below 2147483647 would not end within the test's timeout.
    expect(logs.delete('a', 2_147_483_647) && logs.delete('a', 0)).toBe(true);
    expect(listed(logs).map((e) => `${e.topic}-${e.partition}`)).toEqual(['b-1', 'b-3']);
    expect([logs.size, logs.get('a', 0)]).toEqual([2, undefined]);
    // A visit may delete the entry it is given (opening drops the partitions whose directory is gone).
    logs.forEach((log) => log.partition === 1 && logs.delete(log.topic, log.partition));
    logs.forEach((log) => log.partition === 3 && logs.delete(log.topic, log.partition));
    expect([listed(logs), logs.size, logs.get('b', 3)]).toEqual([[], 0, undefined]);
  });
});
