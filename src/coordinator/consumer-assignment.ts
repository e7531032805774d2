// Partition sets of the consumer group protocol (KIP-848): topic id -> sorted partition ids, as the
// records and the ConsumerGroupHeartbeat wire format carry them. Sets are never mutated once built.

export type Assignment = ReadonlyMap<string, readonly number[]>;

export const EMPTY_ASSIGNMENT: Assignment = new Map();

export interface WireTopicPartitions {
  topicId: string;
  partitions: number[];
}

export function fromWire(topics: readonly WireTopicPartitions[]): Assignment {
  const out = new Map<string, number[]>();
  for (const t of topics) {
    const set = new Set([...(out.get(t.topicId) ?? []), ...t.partitions]);
    if (set.size > 0) out.set(t.topicId, [...set].sort((a, b) => a - b));
  }
  return out;
}

export function toWire(a: Assignment): WireTopicPartitions[] {
  return [...a].map(([topicId, partitions]) => ({ topicId, partitions: [...partitions] }));
}

function combine(a: Assignment, b: Assignment, keep: (inA: boolean, inB: boolean) => boolean): Assignment {
  const out = new Map<string, number[]>();
  for (const topicId of new Set([...a.keys(), ...b.keys()])) {
    const pa = new Set(a.get(topicId) ?? []);
    const pb = new Set(b.get(topicId) ?? []);
    const kept = [...new Set([...pa, ...pb])].filter((p) => keep(pa.has(p), pb.has(p))).sort((x, y) => x - y);
    if (kept.length > 0) out.set(topicId, kept);
  }
  return out;
}

export const union = (a: Assignment, b: Assignment): Assignment => combine(a, b, (x, y) => x || y);
export const intersect = (a: Assignment, b: Assignment): Assignment => combine(a, b, (x, y) => x && y);
/** The partitions of a that are not in b. */
export const minus = (a: Assignment, b: Assignment): Assignment => combine(a, b, (x, y) => x && !y);

export function isEmpty(a: Assignment): boolean {
  return a.size === 0;
}

export function equals(a: Assignment, b: Assignment): boolean {
  return isEmpty(minus(a, b)) && isEmpty(minus(b, a));
}

export function isSubset(a: Assignment, b: Assignment): boolean {
  return isEmpty(minus(a, b));
}

export function contains(a: Assignment, topicId: string, partition: number): boolean {
  return a.get(topicId)?.includes(partition) ?? false;
}

export function partitionCount(a: Assignment): number {
  let n = 0;
  for (const ps of a.values()) n += ps.length;
  return n;
}

/** Builds an assignment from (topicId, partition) pairs. */
export function fromPairs(pairs: Iterable<readonly [string, number]>): Assignment {
  const out = new Map<string, number[]>();
  for (const [topicId, p] of pairs) out.set(topicId, [...(out.get(topicId) ?? []), p]);
  for (const ps of out.values()) ps.sort((a, b) => a - b);
  return out;
}
