// MetadataDelta's shortcuts for replay speed: topics put are set into the topic maps only when the
// maps are next read (so lookups between puts, and deltas of any length, must see every put), and
// replica/ISR lists are shared between partitions that hold the same one; and no delta changes an
// image made before it (it changes copies of the topics it touches, and its own copies in place).
import { describe, expect, it } from 'vitest';
import { MetadataDelta } from '../../../src/metadata/delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../../../src/metadata/records.js';
import { seededRandom } from '../../helpers/seeded-random.js';

function prngOf(seed: number): { int(min: number, max: number): number } {
  const random = seededRandom(seed);
  return { int: (min, max) => min + Math.floor(random() * (max - min + 1)) };
}

const partition = (topicId: string, partitionId: number, replicas: number[]) => record(MetadataRecordType.PARTITION, {
  partitionId, topicId, replicas, isr: replicas, removingReplicas: [], addingReplicas: [], leader: replicas[0]!,
  leaderRecoveryState: 0, leaderEpoch: 0, partitionEpoch: 0, directories: [], eligibleLeaderReplicas: null, lastKnownElr: null,
});

const change = (topicId: string, partitionId: number, leader: number) => record(MetadataRecordType.PARTITION_CHANGE, {
  partitionId, topicId, isr: [leader], leader, replicas: null, removingReplicas: null, addingReplicas: null, leaderRecoveryState: -1,
  directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
});

const summary = (image: MetadataImage) => ({
  byName: [...image.topicsByName].map(([name, t]) => [name, t.topicId, t.partitions.map((p) => p.leader)]),
  byId: [...image.topicsById].map(([id, t]) => [id, t.name]),
});

/** Replays `records` in deltas of the given sizes (the last one takes the rest). Every image must
 * still hold at the end what it held when it was made: a delta changes copies, never its base. */
function replay(records: MetadataRecord[], sizes: number[]): MetadataImage {
  let image = EMPTY_IMAGE;
  const made: [MetadataImage, string[], string[], string][] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  let at = 0;
  for (let i = 0; at < records.length; i++) {
    const n = i < sizes.length ? sizes[i]! : records.length - at;
    const delta = new MetadataDelta(image);
    for (const r of records.slice(at, at + n)) {
      delta.apply(r);
      if (r.type === MetadataRecordType.TOPIC) {
        ids.add(r.data.topicId);
        names.add(r.data.name);
      }
    }
    at += n;
    image = delta.finish(at - 1, 1);
    made.push([image, [...ids], [...names], peek(image, [...ids], [...names])]);
  }
  const changed = made.findIndex(([earlier, topicIds, topicNames, held]) => peek(earlier, topicIds, topicNames) !== held);
  expect(changed, 'the first image changed after it was made').toBe(-1);
  return image;
}

/** What an image holds for these topics, read by lookups only: iterating it would flatten its maps,
 * and the next delta would start from them flat instead of layered. */
function peek(image: MetadataImage, ids: string[], names: string[]): string {
  return JSON.stringify([
    ids.map((id) => image.topicsById.get(id)).map((t) => t && [t.name, t.partitions.map((p) => p.leader)]),
    names.map((name) => image.topicsByName.get(name)?.topicId),
  ]);
}

/** What a plain model of the records holds: name -> [topic id, leader per partition]. */
type Model = Map<string, [string, number[]]>;

function randomLog(seed: number): { records: MetadataRecord[]; model: Model } {
  const prng = prngOf(seed);
  const model: Model = new Map();
  const records: MetadataRecord[] = [];
  let ids = 0;
  for (let i = 0; i < 400; i++) {
    const names = [...model.keys()];
    const pick = () => names[prng.int(0, names.length - 1)]!;
    const roll = prng.int(0, 9);
    if (names.length === 0 || roll < 3) {
      const name = `t${prng.int(0, 40)}`;
      if (model.has(name)) continue;
      const id = Buffer.alloc(16);
      id.writeUInt32BE(++ids, 12);
      records.push(record(MetadataRecordType.TOPIC, { name, topicId: id.toString('base64url') }));
      model.set(name, [id.toString('base64url'), []]);
    } else if (roll < 6) {
      // A partition record, for the topic put last or for any other one.
      const [id, leaders] = model.get(pick())!;
      const leader = prng.int(1, 3);
      records.push(partition(id, leaders.length, [leader, 1 + (leader % 3)]));
      leaders.push(leader);
    } else if (roll < 9) {
      const [id, leaders] = model.get(pick())!;
      if (leaders.length === 0) continue;
      const p = prng.int(0, leaders.length - 1);
      const leader = prng.int(1, 3);
      records.push(change(id, p, leader));
      leaders[p] = leader;
    } else {
      const name = pick();
      records.push(record(MetadataRecordType.REMOVE_TOPIC, { topicId: model.get(name)![0] }));
      model.delete(name);
    }
  }
  return { records, model };
}

describe('MetadataDelta', () => {
  it('sees every topic put, whether the records come in one delta or in many', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { records, model } = randomLog(seed);
      const whole = replay(records, []);
      expect([...whole.topicsByName].map(([name, t]) => [name, [t.topicId, t.partitions.map((p) => p.leader)]]).sort(), `seed ${seed}`)
        .toEqual([...model].sort());
      expect(whole.topicsById.size, `seed ${seed}`).toBe(model.size);
      const prng = prngOf(seed * 7919);
      const pieces = Array.from({ length: 60 }, () => prng.int(1, 12));
      expect(summary(replay(records, pieces)), `seed ${seed}`).toEqual(summary(whole));
      expect(summary(replay(records, records.map(() => 1))), `seed ${seed}`).toEqual(summary(whole));
    }
  });

  it("changes copies of an earlier image's topics, never the topics, also once the maps have flattened", () => {
    const ids = Array.from({ length: 300 }, (_, i) => {
      const id = Buffer.alloc(16);
      id.writeUInt32BE(i + 1, 12);
      return id.toString('base64url');
    });
    const records: MetadataRecord[] = ids.flatMap((id, i) => [record(MetadataRecordType.TOPIC, { name: `t${i}`, topicId: id }), partition(id, 0, [1, 2])]);
    // Two changes of every partition per delta: far more than a layered map holds before it
    // flattens, so most second changes find the delta's own copy in a flat map.
    for (const leader of [2, 1, 1, 2]) for (const id of ids) records.push(change(id, 0, leader));
    const image = replay(records, [600, 600, 600]);
    expect([...image.topicsByName.values()].map((t) => t.partitions[0]!.leader)).toEqual(ids.map(() => 2));
    expect([...image.topicsByName.values()].map((t) => t.partitions[0]!.partitionEpoch)).toEqual(ids.map(() => 4));
  });

  it('shares equal replica and ISR lists, and keeps none the records go on to change', () => {
    const replicas = [1, 2, 3];
    const records = [
      record(MetadataRecordType.TOPIC, { name: 'a', topicId: 'dGhpcy1pcy10b3BpYy0xAA' }),
      partition('dGhpcy1pcy10b3BpYy0xAA', 0, replicas),
      record(MetadataRecordType.TOPIC, { name: 'b', topicId: 'dGhpcy1pcy10b3BpYy0yAA' }),
      partition('dGhpcy1pcy10b3BpYy0yAA', 0, [1, 2, 3]),
      partition('dGhpcy1pcy10b3BpYy0yAA', 1, [1, 2, 3, 4]),
    ];
    const image = replay(records, []);
    const a = image.topicsByName.get('a')!.partitions[0]!;
    const b = image.topicsByName.get('b')!.partitions;
    expect(b[0]!.replicas).toBe(a.replicas);
    expect(b[0]!.isr).toBe(a.replicas);
    expect(b[1]!.replicas).toEqual([1, 2, 3, 4]);
    replicas[0] = 9;
    expect(a.replicas).toEqual([1, 2, 3]);
  });
});
