// Replica placement for new partitions: stripe replicas over the live brokers, starting at a
// different broker for each partition so leadership (the first replica) spreads evenly, as
// Kafka's StripedReplicaPlacer does. When brokers name racks (broker.rack), the stripes go over
// racks first: each partition's replicas take one broker from each rack in turn, starting at a
// different rack for each partition, so a partition spans as many racks as its replication
// factor allows and a lost rack takes at most its share of each partition.

/** A live broker as placement sees it. */
export interface PlacementBroker {
  id: number;
  rack: string | null;
}

/**
 * Replica lists for `count` partitions of replication factor `rf` over `brokers` (ascending ids,
 * at least `rf` of them). `start` picks the first broker (or rack); the controller passes a random
 * value so topics do not all lead on the same node.
 */
export function placeReplicas(brokers: readonly PlacementBroker[], count: number, rf: number, start: number): number[][] {
  if (rf > brokers.length) throw new RangeError(`replication factor ${rf} exceeds ${brokers.length} brokers`);
  const racks = new Map<string | null, number[]>();
  for (const b of brokers) {
    const ids = racks.get(b.rack);
    if (ids === undefined) racks.set(b.rack, [b.id]);
    else ids.push(b.id);
  }
  if (racks.size <= 1) return striped(brokers.map((b) => b.id), count, rf, start);
  // Racks in name order, brokers without one as a rack of their own (first), as Kafka orders them.
  const names = [...racks.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return byRack(names.map((n) => racks.get(n)!), count, rf, start);
}

/** Rack-less striping: followers follow the first replica at a shift that grows every full round,
 * so replica sets differ between rounds and never repeat the first replica (Kafka's rule). */
function striped(brokers: readonly number[], count: number, rf: number, start: number): number[][] {
  const out: number[][] = [];
  const n = brokers.length;
  for (let p = 0; p < count; p++) {
    const first = (start + p) % n;
    const shift = Math.floor((start + p) / n) % Math.max(1, n - 1);
    const replicas = [brokers[first]!];
    for (let j = 0; j < rf - 1; j++) replicas.push(brokers[(first + 1 + ((shift + j) % (n - 1))) % n]!);
    out.push(replicas);
  }
  return out;
}

/** Each partition takes the next broker of rack after rack, from rack (start + p): one per rack
 * before any rack gives a second. Each rack hands out its brokers in turn, so leaders and replicas
 * spread over a rack's brokers too. */
function byRack(racks: readonly (readonly number[])[], count: number, rf: number, start: number): number[][] {
  const next = racks.map((ids, r) => (start + r) % ids.length);
  const out: number[][] = [];
  for (let p = 0; p < count; p++) {
    const replicas: number[] = [];
    for (let i = 0; replicas.length < rf; i++) {
      const r = (start + p + i) % racks.length;
      const ids = racks[r]!;
      // The rack's next broker this partition does not hold yet (none once all of it is used).
      for (let k = 0; k < ids.length; k++) {
        const id = ids[(next[r]! + k) % ids.length]!;
        if (replicas.includes(id)) continue;
        replicas.push(id);
        next[r] = (next[r]! + k + 1) % ids.length;
        break;
      }
    }
    out.push(replicas);
  }
  return out;
}
