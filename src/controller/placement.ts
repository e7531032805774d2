// Replica placement for new partitions: stripe replicas over the live brokers, starting at a
// different broker for each partition so leadership (the first replica) spreads evenly, as
// Kafka's StripedReplicaPlacer does for a rack-less cluster.

/**
 * Replica lists for `count` partitions of replication factor `rf` over `brokers` (ascending ids).
 * `start` picks the first broker; the controller passes a random value so topics do not all lead
 * on the same node.
 */
export function placeReplicas(brokers: readonly number[], count: number, rf: number, start: number): number[][] {
  if (rf > brokers.length) throw new RangeError(`replication factor ${rf} exceeds ${brokers.length} brokers`);
  const out: number[][] = [];
  const n = brokers.length;
  for (let p = 0; p < count; p++) {
    const first = (start + p) % n;
    // Kafka's rule: followers follow the first replica at a shift that grows every full round, so
    // replica sets differ between rounds and never repeat the first replica.
    const shift = Math.floor((start + p) / n) % Math.max(1, n - 1);
    const replicas = [brokers[first]!];
    for (let j = 0; j < rf - 1; j++) replicas.push(brokers[(first + 1 + ((shift + j) % (n - 1))) % n]!);
    out.push(replicas);
  }
  return out;
}
