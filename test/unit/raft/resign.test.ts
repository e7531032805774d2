import { describe, expect, it } from 'vitest';
import type { EndQuorumEpochRequest } from '../../../protocol/generated/api/54-end-quorum-epoch.js';
import { TestCluster, TestNode } from './harness.js';
import { requestsOf } from './raft-messages.js';

const VOTERS = [1, 2, 3];

function electedCluster(): TestCluster {
  const cluster = new TestCluster(VOTERS, (id) => ({ random: () => (id - 1) / 10 }));
  cluster.advance(1000);
  return cluster;
}

describe('resignation', () => {
  it('hands over gracefully: EndQuorumEpoch names successors, the first one runs at once', () => {
    const cluster = electedCluster();
    const leader = cluster.leader()!;
    const epoch = leader.status.epoch;
    expect(leader.raft.resign()).toBe(true);
    const sent = leader.flush();
    expect(leader.status).toMatchObject({ role: 'resigned', epoch, leaderId: leader.id });
    const ends = requestsOf(sent, 54);
    expect(ends.map((r) => r.destinationId).sort()).toEqual(VOTERS.filter((id) => id !== leader.id));
    const successors = (ends[0]!.body as EndQuorumEpochRequest).topics[0]!.partitions[0]!.preferredSuccessors;
    expect(successors).toHaveLength(2);
    expect(leader.raft.propose([Buffer.from('late')]).errorCode).not.toBe(0);

    cluster.enqueue(leader.id, sent);
    cluster.exchange();
    cluster.advance(50);
    const next = cluster.leader()!;
    expect(next.id).toBe(successors[0]);
    expect(next.status.epoch).toBe(epoch + 1);
    expect(leader.status).toMatchObject({ role: 'follower', leaderId: next.id });
  });

  it('resigns when no majority has fetched for the fetch timeout (check quorum)', () => {
    const cluster = electedCluster();
    const leader = cluster.leader()!;
    cluster.deliverable = (from, to) => from !== leader.id && to !== leader.id;
    cluster.advance(leader.config.fetchTimeoutMs - 10);
    expect(leader.status.role).toBe('leader');
    cluster.advance(2 * leader.config.fetchTimeoutMs);
    expect(leader.status.role).not.toBe('leader');
    const others = VOTERS.filter((id) => id !== leader.id).map((id) => cluster.node(id).status);
    expect(others.some((s) => s.role === 'leader' && s.epoch > leader.status.epoch - 1)).toBe(true);
  });

  it('restarts a former leader as resigned, which announces the end of its epoch', () => {
    const cluster = electedCluster();
    const leader = cluster.leader()!;
    const restarted = new TestNode(leader.id, VOTERS, { quorumState: leader.quorumState, log: leader.log, snapshots: leader.snapshots });
    const sent = restarted.flush();
    expect(restarted.status).toMatchObject({ role: 'resigned', epoch: leader.status.epoch });
    expect(requestsOf(sent, 54)).toHaveLength(2);
    expect(restarted.raft.describeQuorum().errorCode).not.toBe(0);
  });
});
