// Replica placement of new partitions: striped over brokers without racks, and over racks first
// when brokers name them, so each partition spans as many racks as it can and leadership spreads
// over racks and over each rack's brokers.
import { describe, expect, it } from 'vitest';
import { placeReplicas, type PlacementBroker } from '../../../src/controller/placement.js';

const brokers = (...racks: (string | null)[]): PlacementBroker[] => racks.map((rack, i) => ({ id: i + 1, rack }));
const rackOf = (list: PlacementBroker[]) => (id: number): string | null => list.find((b) => b.id === id)!.rack;

function count(values: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

describe('placeReplicas', () => {
  it('without racks: every broker leads and holds an even share, never twice in a partition', () => {
    const list = brokers(null, null, null, null);
    for (const start of [0, 1, 3, 6]) {
      const placed = placeReplicas(list, 12, 3, start);
      for (const replicas of placed) expect(new Set(replicas).size).toBe(3);
      expect([...count(placed.map((r) => r[0]!)).values()]).toEqual([3, 3, 3, 3]);
      expect([...count(placed.flat()).values()]).toEqual([9, 9, 9, 9]);
    }
    // One rack for all is no rack at all.
    expect(placeReplicas(brokers('a', 'a', 'a', 'a'), 12, 3, 2)).toEqual(placeReplicas(list, 12, 3, 2));
  });

  it('over racks: a partition takes one broker per rack before a second from any, and leaders spread over racks and brokers', () => {
    const list = brokers('a', 'a', 'b', 'b', 'c', 'c');
    const rack = rackOf(list);
    for (const start of [0, 1, 4, 5]) {
      const placed = placeReplicas(list, 60, 3, start);
      for (const replicas of placed) expect(new Set(replicas.map(rack)).size).toBe(3);
      expect([...count(placed.map((r) => r[0]!)).values()]).toEqual([10, 10, 10, 10, 10, 10]);
      expect([...count(placed.flat()).values()]).toEqual([30, 30, 30, 30, 30, 30]);
      const two = placeReplicas(list, 60, 2, start);
      for (const replicas of two) expect(new Set(replicas.map(rack)).size).toBe(2);
    }
  });

  it('more replicas than racks, uneven racks and brokers without a rack: every rack first, no broker twice', () => {
    const uneven = brokers('a', 'a', 'a', 'b');
    for (const replicas of placeReplicas(uneven, 20, 3, 1)) {
      expect(new Set(replicas).size).toBe(3);
      expect(replicas).toContain(4);
    }
    // All four brokers in every partition of replication factor 4.
    for (const replicas of placeReplicas(uneven, 5, 4, 2)) expect([...replicas].sort()).toEqual([1, 2, 3, 4]);
    const mixed = brokers(null, 'a', 'b');
    const rack = rackOf(mixed);
    for (const replicas of placeReplicas(mixed, 9, 3, 0)) expect(new Set(replicas.map(rack)).size).toBe(3);
  });

  it('refuses more replicas than brokers', () => {
    expect(() => placeReplicas(brokers('a', 'b'), 1, 3, 0)).toThrow(RangeError);
  });
});
