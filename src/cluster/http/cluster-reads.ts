// Reads across the nodes of this process for /metrics and the console: consumer groups with their
// members, committed offsets and lag, and partition end offsets from whichever node leads. Only
// read paths of the node's parts are used (image, replica manager, group coordinator).
import type { GroupRequestContext } from '../../coordinator/access.js';
import type { MetadataImage } from '../../metadata/image.js';
import type { NodeView } from '../../node/node.js';
import type { Partition } from '../../replication/partition.js';

export interface GroupMemberView {
  memberId: string;
  clientId: string;
  clientHost: string;
  /** topic -> partitions, from the consumer protocol's assignment (empty when not a consumer group). */
  assignment: Record<string, number[]>;
}

export interface GroupOffsetView {
  topic: string;
  partition: number;
  committedOffset: number;
  /** The partition's high watermark on its leader, -1 when no node here hosts it. */
  endOffset: number;
  /** endOffset - committedOffset, -1 when unknown. */
  lag: number;
}

export interface GroupView {
  groupId: string;
  state: string;
  protocolType: string;
  coordinator: number;
  members: GroupMemberView[];
  offsets: GroupOffsetView[];
  totalLag: number;
}

/** A node's image that is running, the freshest of them: what the console shows as "the cluster". */
export function clusterImage(nodes: NodeView[]): MetadataImage | undefined {
  let best: MetadataImage | undefined;
  for (const n of nodes) {
    if (n.state !== 'running') continue;
    const image = n.image();
    if (best === undefined || image.offset > best.offset) best = image;
  }
  return best;
}

/** The hosted replica of a partition that leads it, else any hosted replica. */
export function replicaOf(nodes: NodeView[], topic: string, partition: number): Partition | undefined {
  let any: Partition | undefined;
  for (const n of nodes) {
    if (n.state !== 'running' || !n.replicas) continue;
    const found = n.replicas.lookup(topic, partition);
    if (!('partition' in found)) continue;
    if (found.partition.isLeader) return found.partition;
    any ??= found.partition;
  }
  return any;
}

const CONTEXT: GroupRequestContext = { nowMs: 0, apiVersion: 5, clientId: 'kraftling-console', clientHost: '/127.0.0.1' };

/** Every group the coordinators of this process hold, with members, offsets and lag. */
export function groupViews(nodes: NodeView[]): GroupView[] {
  const out: GroupView[] = [];
  for (const n of nodes) {
    if (n.state !== 'running' || !n.groups) continue;
    const ctx = { ...CONTEXT, nowMs: Date.now() };
    const listed = n.groups.listGroups([], [], ctx).groups;
    if (listed.length === 0) continue;
    const described = n.groups.describeGroups(listed.filter((g) => g.groupType !== 'consumer').map((g) => g.groupId), ctx);
    // KIP-848 groups answer DescribeGroups as Dead: their members come from ConsumerGroupDescribe.
    const modern = consumerGroupMembers(n, listed.filter((g) => g.groupType === 'consumer').map((g) => g.groupId), ctx);
    const offsets = n.groups.fetchOffsets(listed.map((g) => ({ groupId: g.groupId, topics: null })), false, { ...ctx, apiVersion: 8 });
    for (const g of listed) {
      const d = described.find((x) => x.groupId === g.groupId);
      const o = offsets.find((x) => x.groupId === g.groupId);
      const rows = (o?.topics ?? []).flatMap((t) => t.partitions.filter((p) => p.committedOffset >= 0).map((p) => offsetView(nodes, t.name, p.partitionIndex, p.committedOffset)));
      const classic = (d?.members ?? []).map((m) => ({ memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost, assignment: consumerAssignment(m.memberAssignment) }));
      out.push({
        groupId: g.groupId, state: d?.groupState || g.groupState, protocolType: g.protocolType, coordinator: n.nodeId,
        members: modern.get(g.groupId) ?? classic,
        offsets: rows,
        totalLag: rows.reduce((sum, r) => sum + Math.max(0, r.lag), 0),
      });
    }
  }
  return out.sort((a, b) => a.groupId.localeCompare(b.groupId));
}

function consumerGroupMembers(n: NodeView, groupIds: string[], ctx: GroupRequestContext): Map<string, GroupView['members']> {
  const out = new Map<string, GroupView['members']>();
  if (groupIds.length === 0 || !n.groups) return out;
  const image = n.image();
  for (const g of n.groups.consumerGroupDescribe(groupIds, ctx, (id) => image.topicsById.get(id)?.name ?? id)) {
    out.set(g.groupId, g.members.map((m) => ({
      memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost,
      assignment: Object.fromEntries(m.assignment.topicPartitions.map((t) => [t.topicName, t.partitions])),
    })));
  }
  return out;
}

function offsetView(nodes: NodeView[], topic: string, partition: number, committedOffset: number): GroupOffsetView {
  const endOffset = replicaOf(nodes, topic, partition)?.highWatermark ?? -1;
  return { topic, partition, committedOffset, endOffset, lag: endOffset < 0 ? -1 : Math.max(0, endOffset - committedOffset) };
}

/**
 * The consumer protocol's Assignment (version int16, [topic string, [partition int32]], user data):
 * which partitions a member reads. Anything that does not parse shows as no assignment.
 */
export function consumerAssignment(buf: Buffer): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  try {
    let pos = 2;
    const topics = buf.readInt32BE(pos);
    pos += 4;
    for (let t = 0; t < topics && t < 10_000; t++) {
      const len = buf.readInt16BE(pos);
      const name = buf.toString('utf8', pos + 2, pos + 2 + len);
      pos += 2 + len;
      const count = buf.readInt32BE(pos);
      pos += 4;
      const partitions: number[] = [];
      for (let i = 0; i < count && i < 100_000; i++, pos += 4) partitions.push(buf.readInt32BE(pos));
      out[name] = partitions;
    }
  } catch {
    return {};
  }
  return out;
}
