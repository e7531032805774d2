// A group's committed offsets and the partitions' end offsets, for console-consumer --group and
// consumer-groups: FindCoordinator, OffsetFetch, OffsetCommit and ListOffsets.
import { FindCoordinatorApi } from '../../protocol/generated/api/10-find-coordinator.js';
import { ListOffsetsApi } from '../../protocol/generated/api/02-list-offsets.js';
import { OffsetCommitApi } from '../../protocol/generated/api/08-offset-commit.js';
import { OffsetFetchApi } from '../../protocol/generated/api/09-offset-fetch.js';
import { KafkaError, type Address, type KafkaClient } from './kafka-client.js';

export const EARLIEST = -2;
export const LATEST = -1;

export async function coordinator(client: KafkaClient, group: string): Promise<Address & { nodeId: number }> {
  for (let attempt = 0; ; attempt++) {
    const { res } = await client.request(FindCoordinatorApi, { key: group, keyType: 0, coordinatorKeys: [group] }, undefined, 3);
    if (res.errorCode === 0) return { host: res.host, port: res.port, nodeId: res.nodeId };
    // COORDINATOR_NOT_AVAILABLE while __consumer_offsets is being created: retriable.
    if (res.errorCode !== 15 || attempt >= 50) throw new KafkaError(res.errorCode, `group ${group}`, res.errorMessage);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Committed offset per "topic/partition" (partitions without a commit are left out). */
export async function committedOffsets(client: KafkaClient, group: string): Promise<Map<string, number>> {
  const { res } = await client.request(OffsetFetchApi, { groupId: group, topics: null, groups: [], requireStable: false }, await coordinator(client, group), 7);
  if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `group ${group}`);
  const out = new Map<string, number>();
  for (const t of res.topics) for (const p of t.partitions) if (p.committedOffset >= 0) out.set(`${t.name}/${p.partitionIndex}`, p.committedOffset);
  return out;
}

/**
 * Commits inside a member's generation, or (no member) as a client outside any generation, which
 * Kafka accepts from a group with no members.
 */
export async function commitOffsets(client: KafkaClient, group: string, topic: string, offsets: Map<number, number>,
  member: { generation: number; memberId: string } = { generation: -1, memberId: '' }): Promise<void> {
  if (offsets.size === 0) return;
  const { res } = await client.request(OffsetCommitApi, {
    groupId: group, generationIdOrMemberEpoch: member.generation, memberId: member.memberId, groupInstanceId: null, retentionTimeMs: -1,
    topics: [{ name: topic, partitions: [...offsets].map(([partitionIndex, committedOffset]) => ({ partitionIndex, committedOffset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' })) }],
  }, await coordinator(client, group), 7);
  for (const p of res.topics[0]?.partitions ?? []) if (p.errorCode !== 0) throw new KafkaError(p.errorCode, `committing ${topic}-${p.partitionIndex} for group ${group}`);
}

/** The earliest (-2) or latest (-1) offset of each partition, asked of its leader. */
export async function listOffsets(client: KafkaClient, topic: string, partitions: { partition: number; leader: number }[], which: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const p of partitions) {
    const { res } = await client.request(ListOffsetsApi, {
      replicaId: -1, isolationLevel: 0, timeoutMs: 30_000,
      topics: [{ name: topic, partitions: [{ partitionIndex: p.partition, currentLeaderEpoch: -1, timestamp: which, maxNumOffsets: 1 }] }],
    }, client.broker(p.leader), 7);
    const r = res.topics[0]?.partitions[0];
    if (!r || r.errorCode !== 0) throw new KafkaError(r?.errorCode ?? -1, `offsets of ${topic}-${p.partition}`);
    out.set(p.partition, r.offset);
  }
  return out;
}
