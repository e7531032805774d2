// Group-level steps of the consumer group protocol: resolving subscriptions (topic names and
// regexes) against the topics that exist, bumping the group epoch when what the group consumes
// changes, computing a new target assignment with the server-side assignor, and removing members.
// Each step returns the records Kafka writes for it; the caller appends them as one batch.
import type { AssignorMember } from './assignors/assignor.js';
import { ASSIGNORS } from './assignors/index.js';
import { EMPTY_ASSIGNMENT, equals } from './consumer-assignment.js';
import type { ConsumerGroup, ConsumerMember } from './consumer-group.js';
import { groupEpochRecord, memberTombstones, targetEpochRecord, targetMemberRecord } from './consumer-records.js';
import type { CoordinatorRecord } from './records.js';

/** The topics a consumer group can subscribe to: this broker's metadata image, by name and by id. */
export interface ConsumerTopicView {
  byName(name: string): { topicId: string; partitionCount: number } | undefined;
  /** Every topic name, internal ones included (regexes skip those). */
  names(): Iterable<string>;
  /** The name of a topic id; classic members of a consumer group speak in names. */
  nameById(topicId: string): string | undefined;
}

/** No topics: the view of a coordinator that was given none. */
export const NO_TOPICS: ConsumerTopicView = { byName: () => undefined, names: () => [], nameById: () => undefined };

/**
 * Regex subscriptions use JavaScript's RegExp matched against the whole topic name, where Kafka
 * uses RE2/J (`Pattern.matcher(name).matches()`): the common syntax agrees; RE2/J lacks
 * backreferences and lookaround, which JavaScript accepts. null: the pattern does not compile.
 */
export function compileRegex(regex: string): RegExp | null {
  try {
    return new RegExp(`^(?:${regex})$`);
  } catch {
    return null;
  }
}

/** Internal topics (`__consumer_offsets`, ...) are never matched by a regex, as in Kafka. */
export function subscribedTopicIds(m: ConsumerMember, topics: ConsumerTopicView): Set<string> {
  const ids = new Set<string>();
  for (const name of m.subscribedTopicNames) {
    const t = topics.byName(name);
    if (t) ids.add(t.topicId);
  }
  const re = m.subscribedTopicRegex === null ? null : compileRegex(m.subscribedTopicRegex);
  if (re) {
    for (const name of topics.names()) {
      if (name.startsWith('__') || !re.test(name)) continue;
      ids.add(topics.byName(name)!.topicId);
    }
  }
  return ids;
}

/** "topicId:partitionCount" of every topic some member consumes: a change means a new target. */
export function subscriptionSignature(group: ConsumerGroup, topics: ConsumerTopicView): string {
  const counts = new Map<string, number>();
  for (const m of group.members.values()) {
    for (const id of subscribedTopicIds(m, topics)) counts.set(id, -1);
  }
  const byId = topicCountsById(topics);
  return [...counts.keys()].sort().map((id) => `${id}:${byId.get(id) ?? 0}`).join(',');
}

function topicCountsById(topics: ConsumerTopicView): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of topics.names()) {
    const t = topics.byName(name)!;
    out.set(t.topicId, t.partitionCount);
  }
  return out;
}

export function bumpGroupEpoch(group: ConsumerGroup): CoordinatorRecord {
  group.groupEpoch++;
  return groupEpochRecord(group.groupId, group.groupEpoch);
}

/**
 * After a member joined or changed: bump the group epoch when its own subscription changed
 * (`changed`) or the group's subscribed topics did, and compute a new target assignment once the
 * group epoch has moved past the target's.
 */
export function refreshTarget(group: ConsumerGroup, topics: ConsumerTopicView, assignorName: string, changed: boolean): CoordinatorRecord[] {
  const records: CoordinatorRecord[] = [];
  const signature = subscriptionSignature(group, topics);
  const bump = changed || (group.subscriptionSignature !== null && group.subscriptionSignature !== signature);
  group.subscriptionSignature = signature;
  if (bump) records.push(bumpGroupEpoch(group));
  if (group.groupEpoch > group.assignmentEpoch) records.push(...computeTarget(group, topics, assignorName));
  return records;
}

/** A new target for every member at the group epoch, written as Kafka does: changed members, then the epoch. */
export function computeTarget(group: ConsumerGroup, topics: ConsumerTopicView, assignorName: string): CoordinatorRecord[] {
  const byId = topicCountsById(topics);
  const partitionCounts = new Map<string, number>();
  const members: AssignorMember[] = [...group.members.values()].map((m) => {
    const ids = subscribedTopicIds(m, topics);
    for (const id of ids) partitionCounts.set(id, byId.get(id)!);
    return { memberId: m.memberId, subscribedTopicIds: ids, currentTarget: group.target(m.memberId) };
  });
  const assign = ASSIGNORS.get(assignorName) ?? ASSIGNORS.get('uniform')!;
  const result = assign({ members, partitionCounts });
  const records: CoordinatorRecord[] = [];
  for (const m of members) {
    const next = result.get(m.memberId) ?? EMPTY_ASSIGNMENT;
    if (group.targets.has(m.memberId) && equals(next, group.target(m.memberId))) continue;
    group.targets.set(m.memberId, next);
    records.push(targetMemberRecord(group.groupId, m.memberId, next));
  }
  group.assignmentEpoch = group.groupEpoch;
  records.push(targetEpochRecord(group.groupId, group.assignmentEpoch));
  return records;
}

/** A member leaves or is fenced: its records go and the group epoch moves so the rest rebalance. */
export function removeMember(group: ConsumerGroup, memberId: string): CoordinatorRecord[] {
  group.remove(memberId);
  group.targets.delete(memberId);
  return [...memberTombstones(group.groupId, memberId), bumpGroupEpoch(group)];
}
