// The `uniform` assignor (Kafka's default server-side assignor, UniformAssignor): partitions spread
// as evenly as the subscriptions allow, and sticky: a member keeps the partitions of its current
// target while that stays within its fair share, so a rebalance moves as few partitions as it can.
// Homogeneous subscriptions end with counts differing by at most one, as Kafka's optimized builder
// guarantees. Heterogeneous ones are balanced greedily (each partition to the least-loaded
// subscribed member), a simpler rule than Kafka's general builder, which also iterates to balance.
import { fromPairs, type Assignment } from '../consumer-assignment.js';
import type { AssignorInput, AssignorMember } from './assignor.js';

interface Slot {
  member: AssignorMember;
  owned: [string, number][];
}

export function uniformAssign(input: AssignorInput): Map<string, Assignment> {
  const slots = [...input.members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0))
    .map((member): Slot => ({ member, owned: [] }));
  const all = allPartitions(input.partitionCounts);
  const quota = slots.length === 0 ? 0 : Math.floor(all.length / slots.length);
  let withExtra = slots.length === 0 ? 0 : all.length % slots.length;
  const taken = new Set<string>();
  // Stickiness: keep current partitions still subscribed and existing, up to the fair share.
  for (const slot of slots) {
    for (const [topicId, ps] of slot.member.currentTarget) {
      const count = input.partitionCounts.get(topicId);
      if (count === undefined || !slot.member.subscribedTopicIds.has(topicId)) continue;
      for (const p of ps) {
        const k = `${topicId}:${p}`;
        if (p >= count || taken.has(k)) continue;
        if (slot.owned.length >= quota + (withExtra > 0 ? 1 : 0)) break;
        slot.owned.push([topicId, p]);
        taken.add(k);
      }
    }
    if (slot.owned.length > quota && withExtra > 0) withExtra--;
  }
  // The rest go, in (topic, partition) order, to the subscribed member holding the fewest.
  for (const [topicId, p] of all) {
    if (taken.has(`${topicId}:${p}`)) continue;
    let best: Slot | null = null;
    for (const slot of slots) {
      if (!slot.member.subscribedTopicIds.has(topicId)) continue;
      if (best === null || slot.owned.length < best.owned.length) best = slot;
    }
    if (best) best.owned.push([topicId, p]);
  }
  return new Map(slots.map((s) => [s.member.memberId, fromPairs(s.owned)]));
}

function allPartitions(counts: ReadonlyMap<string, number>): [string, number][] {
  const out: [string, number][] = [];
  for (const topicId of [...counts.keys()].sort()) for (let p = 0; p < counts.get(topicId)!; p++) out.push([topicId, p]);
  return out;
}
