// KIP-392: a consumer may read from a follower in its own rack rather than from the leader. With
// replica.selector.class set to Kafka's RackAwareReplicaSelector, a leader asked by a consumer that
// sends a rack id (Fetch v11+) names a replica in that rack as its preferred read replica, and
// returns no records: the client fetches from there until its metadata next refreshes. The choice
// is Kafka's: the leader itself when it is in the client's rack; else, of the in-sync followers
// in that rack that hold the fetch offset (and are registered, unfenced, on the client's
// listener), the one with the highest log end offset, then the one caught up most recently, then
// the highest id.
import type { BrokerState } from '../metadata/image.js';
import type { Partition } from './partition.js';

/** What a Fetch v11+ says of its consumer: the rack it gave, and the listener it came in on. */
export interface ClientMetadata {
  rack: string;
  listener: string;
}

/** The follower `client` should read `p` from at `fetchOffset`, or -1 for this leader. */
export function preferredReadReplica(p: Partition, client: ClientMetadata, fetchOffset: number, nowMs: number,
  brokers: ReadonlyMap<number, BrokerState>, self: number): number {
  if (client.rack === '' || brokers.get(self)?.rack === client.rack) return -1;
  let best = -1;
  let bestEnd = -1;
  let bestSinceMs = 0;
  for (const id of p.state.isr) {
    if (id === self) continue;
    const f = p.followers.get(id);
    if (f === undefined || f.logEndOffset < fetchOffset || f.logStartOffset > fetchOffset) continue;
    const broker = brokers.get(id);
    if (broker === undefined || broker.fenced || broker.rack !== client.rack) continue;
    // Reachable as the client's Metadata lists it (see brokerEndpoints in broker/cluster-view.ts).
    if (broker.endpoints.length !== 1 && !broker.endpoints.some((e) => e.name === client.listener)) continue;
    const sinceMs = nowMs - f.lastCaughtUpMs;
    const better = best < 0 || f.logEndOffset > bestEnd
      || (f.logEndOffset === bestEnd && (sinceMs < bestSinceMs || (sinceMs === bestSinceMs && id > best)));
    if (better) {
      best = id;
      bestEnd = f.logEndOffset;
      bestSinceMs = sinceMs;
    }
  }
  return best;
}
