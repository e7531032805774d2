import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { defaultQuorumStateData } from '../../../protocol/generated/data/quorum-state-data.js';
import { encodeDataBatch } from '../../../src/raft/batches.js';
import { MemoryLog, MemorySnapshotStore, applyReadyToMemory } from '../../../src/raft/memory-log.js';
import { TestCluster, TestNode, type TestNodeOptions } from './harness.js';
import { fetchFrom, fetchReplies, requestsOf, voteAnswer } from './raft-messages.js';

const VOTERS = [1, 2, 3];

function logOf(epochs: number[]): TestNodeOptions {
  const snapshots = new MemorySnapshotStore();
  const log = new MemoryLog(snapshots);
  for (const e of epochs) log.append(encodeDataBatch([Buffer.from(`e${e}a`), Buffer.from(`e${e}b`)], log.logEndOffset, e, 0));
  return { log, snapshots, quorumState: { ...defaultQuorumStateData(), leaderEpoch: Math.max(0, ...epochs) } };
}

/** Node 1 elected leader of epoch `epoch` by granting every vote request by hand. */
function leaderByHand(options: TestNodeOptions): TestNode {
  const node = new TestNode(1, VOTERS, options);
  node.flush();
  const epoch = node.status.epoch;
  let out = node.tick(node.config.electionTimeoutMs);
  for (let round = 0; round < 2 && node.status.role !== 'leader'; round++) {
    const requests = requestsOf(out, 52);
    out = [];
    for (const r of requests) out.push(...node.step(voteAnswer(r, true, round === 0 ? epoch : epoch + 1)));
  }
  expect(node.status).toMatchObject({ role: 'leader', epoch: epoch + 1 });
  return node;
}

describe('high watermark', () => {
  it('commits nothing until a majority holds a record of the leader own epoch (Raft commit rule)', () => {
    const leader = leaderByHand(logOf([1, 1]));
    const epoch = leader.status.epoch;
    // Old records 0..3 of epoch 1; the LeaderChange record of epoch 2 sits at offset 4.
    expect(leader.status).toMatchObject({ logEndOffset: 5, highWatermark: 0 });
    leader.step(fetchFrom(2, epoch, 4, 1));
    leader.step(fetchFrom(3, epoch, 4, 1));
    expect(leader.status.highWatermark).toBe(0);
    expect(leader.readies.every((r) => r.highWatermark === undefined)).toBe(true);
    const replies = leader.step(fetchFrom(2, epoch, 5, epoch));
    expect(leader.status.highWatermark).toBe(5);
    expect(leader.readies.at(-1)!.highWatermark).toBe(5);
    expect(fetchReplies(replies).at(-1)!.highWatermark).toBe(5);
  });

  it('counts the leader own records only once they are durable', () => {
    const node = new TestNode(1, [1]);
    node.tick(node.config.electionTimeoutMs);
    expect(node.status).toMatchObject({ role: 'leader', highWatermark: 1 });
    node.raft.propose([Buffer.from('x')]);
    const ready = node.raft.ready();
    expect(ready.appends).toHaveLength(1);
    expect(node.status.highWatermark).toBe(1);
    applyReadyToMemory(ready, node.log, node.snapshots);
    node.raft.advance(ready);
    expect(node.status.highWatermark).toBe(2);
  });

  it('lets a follower commit no further than its own log', () => {
    const cluster = new TestCluster(VOTERS, (id) => ({ random: () => (id - 1) / 10, config: { fetchMaxBytes: 100 } }));
    cluster.advance(1000);
    const leader = cluster.leader()!;
    for (let i = 0; i < 20; i++) leader.raft.propose([Buffer.from(`value-${i}`)]);
    cluster.enqueue(leader.id, leader.flush());
    cluster.advance(2000);
    for (const node of cluster.nodes.values()) {
      for (const r of node.readies) if (r.highWatermark !== undefined) expect(r.highWatermark).toBeLessThanOrEqual(node.log.logEndOffset);
      expect(node.status.highWatermark).toBe(leader.status.logEndOffset);
    }
  });
});

describe('divergence', () => {
  it('truncates a follower to where its log and the leader agree, then catches it up', () => {
    // Node 2 wrote epoch 2 records that nobody else has; nodes 1 and 3 moved on in epoch 3.
    const logs: Record<number, number[]> = { 1: [1, 1, 3, 3], 2: [1, 1, 2], 3: [1, 1, 3, 3] };
    const cluster = new TestCluster(VOTERS, (id) => ({ ...logOf(logs[id]!), random: () => (id - 1) / 10 }));
    cluster.advance(1000);
    const leader = cluster.leader()!;
    expect(leader.id).toBe(1);
    const follower = cluster.node(2);
    expect(follower.readies.map((r) => r.truncateToOffset).filter((t) => t !== undefined)).toEqual([4]);
    const epochsOf = (n: TestNode) => n.log.batches.map((b) => [b.baseOffset, b.epoch]);
    expect(epochsOf(follower)).toEqual(epochsOf(leader));
    expect(follower.status.highWatermark).toBe(leader.status.highWatermark);
  });

  it('answers a fetch from the diverged position with the diverging epoch and no records', () => {
    const leader = leaderByHand(logOf([1, 1, 3]));
    const reply = fetchReplies(leader.step(fetchFrom(2, 4, 6, 2)))[0]!;
    expect(reply).toMatchObject({ errorCode: ErrorCode.NONE, divergingEpoch: { epoch: 1, endOffset: 4 } });
    expect(reply.records?.length ?? 0).toBe(0);
  });
});

describe('fetch', () => {
  it('holds a fetch with nothing new until a record arrives or its wait ends', () => {
    const leader = leaderByHand(logOf([]));
    const epoch = leader.status.epoch;
    const end = leader.status.logEndOffset;
    // The first fetches commit the LeaderChange record, which is news for both followers.
    leader.step(fetchFrom(2, epoch, end, epoch));
    leader.step(fetchFrom(3, epoch, end, epoch));
    expect(fetchReplies(leader.step(fetchFrom(2, epoch, end, epoch, 100)))).toHaveLength(0);
    expect(fetchReplies(leader.step(fetchFrom(3, epoch, end, epoch, 100)))).toHaveLength(0);
    leader.raft.propose([Buffer.from('x')]);
    const replies = fetchReplies(leader.flush());
    expect(replies).toHaveLength(2);
    expect(replies.every((p) => (p.records?.length ?? 0) > 0)).toBe(true);

    leader.step(fetchFrom(3, epoch, end + 1, epoch));
    // Replica 3's fetch committed the record; replica 2 has not been told yet, so it is not held.
    const told = fetchReplies(leader.step(fetchFrom(2, epoch, end + 1, epoch, 100)));
    expect(told.map((p) => p.highWatermark)).toEqual([end + 1]);
    // Now nothing is new for it: held until its wait ends.
    expect(fetchReplies(leader.step(fetchFrom(2, epoch, end + 1, epoch, 100)))).toHaveLength(0);
    expect(fetchReplies(leader.tick(leader.nowMs + 99))).toHaveLength(0);
    expect(fetchReplies(leader.tick(leader.nowMs + 1))).toHaveLength(1);
  });

  it('tells a fetcher of another epoch who leads', () => {
    const leader = leaderByHand(logOf([]));
    const epoch = leader.status.epoch;
    expect(fetchReplies(leader.step(fetchFrom(2, epoch - 1, 0, 0)))[0]).toMatchObject({
      errorCode: ErrorCode.FENCED_LEADER_EPOCH,
      currentLeader: { leaderId: 1, leaderEpoch: epoch },
    });
    expect(fetchReplies(leader.step(fetchFrom(2, epoch + 1, 0, 0)))[0]!.errorCode).toBe(ErrorCode.UNKNOWN_LEADER_EPOCH);
  });

  it('reports each replica in DescribeQuorum', () => {
    const leader = leaderByHand(logOf([]));
    const epoch = leader.status.epoch;
    const fetchedAtMs = leader.nowMs + 40;
    leader.tick(fetchedAtMs);
    leader.step(fetchFrom(2, epoch, 1, epoch));
    leader.step(fetchFrom(7, epoch, 0, 0));
    const described = leader.raft.describeQuorum();
    expect(described).toMatchObject({ errorCode: ErrorCode.NONE, leaderId: 1, leaderEpoch: epoch, highWatermark: 1 });
    expect(described.currentVoters.map((v) => [v.replicaId, v.logEndOffset, v.lastFetchTimestamp])).toEqual([
      [1, 1, fetchedAtMs],
      [2, 1, fetchedAtMs],
      [3, -1, -1],
    ]);
    expect(described.observers.map((v) => [v.replicaId, v.logEndOffset])).toEqual([[7, 0]]);
  });
});

describe('observers', () => {
  it('find the leader through any voter, replicate, and never vote or count', () => {
    const cluster = new TestCluster(VOTERS, (id) => ({ random: () => (id - 1) / 10 }), [4]);
    cluster.advance(1000);
    const leader = cluster.leader()!;
    const observer = cluster.node(4);
    expect(observer.status).toMatchObject({ role: 'follower', leaderId: leader.id, epoch: leader.status.epoch });
    leader.raft.propose([Buffer.from('x')]);
    cluster.enqueue(leader.id, leader.flush());
    cluster.advance(200);
    expect(observer.status.highWatermark).toBe(leader.status.highWatermark);
    expect(leader.raft.describeQuorum().observers.map((o) => o.replicaId)).toEqual([4]);
    expect(observer.readies.some((r) => r.quorumState?.votedId === 4)).toBe(false);

    // Without voters to fetch from, an observer waits; it never runs for election.
    cluster.deliverable = (from, to) => from !== 4 && to !== 4;
    cluster.advance(3000);
    expect(observer.status.role).toBe('unattached');
    expect(observer.readies.some((r) => r.role?.role === 'prospective' || r.role?.role === 'candidate')).toBe(false);
  });
});
