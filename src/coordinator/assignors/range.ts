// The `range` assignor, with the semantics of Kafka's server-side RangeAssignor: per topic, the
// members subscribed to it are sorted by member id and each takes a contiguous range of partitions,
// the first (partitions % members) members one more. Members subscribed to the same topics with the
// same partition counts get the same partition numbers (co-partitioning, for joins). Not done here:
// Kafka's stickiness pass for members that keep their range across epochs (ranges are recomputed).
import { fromPairs, type Assignment } from '../consumer-assignment.js';
import type { AssignorInput } from './assignor.js';

export function rangeAssign(input: AssignorInput): Map<string, Assignment> {
  const pairs = new Map<string, [string, number][]>(input.members.map((m) => [m.memberId, []]));
  const topicIds = [...input.partitionCounts.keys()].sort();
  for (const topicId of topicIds) {
    const count = input.partitionCounts.get(topicId)!;
    const members = input.members.filter((m) => m.subscribedTopicIds.has(topicId)).map((m) => m.memberId).sort();
    if (members.length === 0) continue;
    const quota = Math.floor(count / members.length);
    const extra = count % members.length;
    let next = 0;
    members.forEach((memberId, i) => {
      const take = quota + (i < extra ? 1 : 0);
      for (let k = 0; k < take; k++) pairs.get(memberId)!.push([topicId, next++]);
    });
  }
  return new Map([...pairs].map(([memberId, ps]) => [memberId, fromPairs(ps)]));
}
