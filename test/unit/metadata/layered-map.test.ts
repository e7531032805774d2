// LayeredMap against a plain Map: random sets and deletes over chains of images (each `over` the
// last, some iterated, which flattens them), with the same answers from get, has, size and
// iteration, in Map's order; and earlier images keep what they held.
import { describe, expect, it } from 'vitest';
import { LayeredMap } from '../../../src/metadata/layered-map.js';
import { seededRandom } from '../../helpers/seeded-random.js';

/** The same answers as the reference Map, entries in the same order. */
function sameAs(layered: ReadonlyMap<string, number>, reference: Map<string, number>, seed: number, keys: string[]): void {
  // Plain comparisons, one expect: this runs for every image and every earlier one.
  const wrong: string[] = [];
  if (layered.size !== reference.size) wrong.push(`size ${layered.size} != ${reference.size}`);
  for (const k of keys) {
    if (layered.get(k) !== reference.get(k)) wrong.push(`get ${k}: ${layered.get(k)} != ${reference.get(k)}`);
    if (layered.has(k) !== reference.has(k)) wrong.push(`has ${k}`);
  }
  if (JSON.stringify([...layered]) !== JSON.stringify([...reference])) wrong.push('entries');
  if ([...layered.values()].length !== reference.size) wrong.push('values');
  let visited = 0;
  layered.forEach((v, k, m) => {
    if (reference.get(k) !== v || m !== layered) wrong.push(`forEach ${k}`);
    visited++;
  });
  if (visited !== reference.size) wrong.push(`forEach visited ${visited}`);
  expect(wrong, `seed ${seed}`).toEqual([]);
}

describe('LayeredMap', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`answers as a Map through 60 images of random changes, and earlier images keep theirs (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
      let previous: ReadonlyMap<string, number> = new Map();
      let reference = new Map<string, number>();
      const history: [ReadonlyMap<string, number>, Map<string, number>][] = [];
      for (let image = 0; image < 60; image++) {
        const next = LayeredMap.over(previous);
        reference = new Map(reference);
        const changes = image === 0 ? 250 : Math.floor(random() * (random() < 0.2 ? 120 : 8));
        for (let c = 0; c < changes; c++) {
          const key = keys[Math.floor(random() * keys.length)]!;
          if (random() < 0.3) expect(next.delete(key)).toBe(reference.delete(key));
          else {
            const value = Math.floor(random() * 1000);
            next.set(key, value);
            reference.set(key, value);
          }
        }
        sameAs(next, reference, seed, keys);
        if (random() < 0.3) [...next]; // iterated: flattened
        history.push([next, reference]);
        previous = next;
      }
      for (const [layered, ref] of history) sameAs(layered, ref, seed, keys);
    });
  }

  it('iterates in Map order: base order (a replaced key keeps its place), then additions and keys set again after a delete', () => {
    const base = new Map([['a', 1], ['b', 2], ['c', 3], ['f', 6]]);
    const next = LayeredMap.over(base);
    next.set('b', 20);
    next.delete('f');
    next.set('d', 4);
    next.delete('a');
    next.set('f', 60);
    next.set('e', 5);
    expect([...next]).toEqual([['b', 20], ['c', 3], ['d', 4], ['f', 60], ['e', 5]]);
    expect([...next.keys()]).toEqual(['b', 'c', 'd', 'f', 'e']);
    expect(next.size).toBe(5);
    expect(base.get('a')).toBe(1);
    const after = LayeredMap.over(next);
    after.delete('f');
    after.set('f', 61);
    expect([...after.keys()]).toEqual(['b', 'c', 'd', 'e', 'f']);
  });
});
