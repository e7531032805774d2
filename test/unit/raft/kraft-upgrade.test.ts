// kraft.version 0 -> 1 on a running static quorum, in the Raft core on the virtual clock: voters
// announce themselves with UpdateRaftVoter, the leader refuses the upgrade until every voter has,
// the upgrade is one control batch that every node applies, a truncation rolls an uncommitted one
// back, and afterwards the voter set is dynamic (AddRaftVoter works).
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import type { Voter } from '../../../src/raft/voter-set.js';
import { TestCluster } from './harness.js';

function voter(id: number): Voter {
  const directoryId = Buffer.alloc(16, id).toString('base64url');
  return { id, directoryId, endpoints: [{ name: 'CONTROLLER', host: `node-${id}`, port: 9000 + id }], kraftVersion: { min: 0, max: 1 }, weight: 1 };
}

/** Nodes started with controller.quorum.voters only (kraft.version 0), each knowing its directory id. */
function staticCluster(voterIds: number[], observerIds: number[] = []): TestCluster {
  return new TestCluster(voterIds, (id) => ({
    random: () => (id - 1) / 10, config: { directoryId: voter(id).directoryId, endpoints: voter(id).endpoints },
  }), observerIds);
}

function committedLeader(cluster: TestCluster) {
  cluster.advance(1500);
  const leader = cluster.leader();
  expect(leader).toBeDefined();
  return leader!;
}

describe('kraft.version upgrade of a static quorum', () => {
  it('waits for every voter to announce itself, then writes kraft.version 1 and the voters in one batch', () => {
    const cluster = staticCluster([1, 2, 3], [4]);
    // Node 3 is cut off: it cannot announce itself, so the upgrade must wait for it.
    cluster.deliverable = (from, to) => from !== 3 && to !== 3;
    const leader = committedLeader(cluster);
    const refused = leader.raft.upgradeKraftVersion(1, false);
    expect(refused.errorCode).toBe(ErrorCode.INVALID_UPDATE_VERSION);
    expect(refused.errorMessage).toContain('voter 3 has not announced');
    expect(leader.status.kraftVersion).toBe(0);

    cluster.deliverable = () => true;
    cluster.advance(1500);
    const end = leader.status.logEndOffset;
    expect(leader.raft.upgradeKraftVersion(1, true).errorCode).toBe(ErrorCode.NONE);
    expect(leader.status.logEndOffset).toBe(end);
    const upgrade = leader.raft.upgradeKraftVersion(1, false);
    expect(upgrade.errorCode).toBe(ErrorCode.NONE);
    cluster.enqueue(leader.id, leader.flush());
    cluster.advance(300);
    expect(leader.status.highWatermark).toBeGreaterThan(upgrade.lastOffset!);
    for (const id of [1, 2, 3, 4]) {
      const node = cluster.node(id);
      expect(node.status.kraftVersion).toBe(1);
      expect(node.raft.voters.voters.map((v) => v.directoryId)).toEqual([1, 2, 3].map((v) => voter(v).directoryId));
      expect(node.raft.endpointsOf(3)).toEqual(voter(3).endpoints);
    }
    // The same level again is a no-op; a lower one is refused; the set is dynamic now.
    expect(leader.raft.upgradeKraftVersion(1, false).errorCode).toBe(ErrorCode.NONE);
    expect(leader.raft.upgradeKraftVersion(0, false).errorCode).toBe(ErrorCode.INVALID_UPDATE_VERSION);
    expect(leader.raft.addVoter(voter(4)).errorCode).toBe(ErrorCode.NONE);
    cluster.enqueue(leader.id, leader.flush());
    cluster.advance(300);
    for (const id of [1, 2, 3, 4]) expect(cluster.node(id).status.voterIds).toEqual([1, 2, 3, 4]);
  });

  it('refuses a voter that does not support kraft.version 1, or has no directory id', () => {
    const cluster = staticCluster([1, 2]);
    const leader = committedLeader(cluster);
    const other = leader.id === 1 ? 2 : 1;
    expect(leader.raft.updateVoter({ ...voter(other), kraftVersion: { min: 0, max: 0 } }).errorCode).toBe(ErrorCode.NONE);
    expect(leader.raft.upgradeKraftVersion(1, false).errorMessage).toBe(`voter ${other} only supports kraft.version [0, 0]`);
    expect(leader.raft.updateVoter({ ...voter(other), directoryId: 'AAAAAAAAAAAAAAAAAAAAAA' }).errorCode).toBe(ErrorCode.NONE);
    expect(leader.raft.upgradeKraftVersion(1, false).errorMessage).toContain(`voter ${other} has no directory id`);
    expect(leader.raft.upgradeKraftVersion(2, false).errorCode).toBe(ErrorCode.INVALID_UPDATE_VERSION);
    expect(leader.raft.updateVoter(voter(7)).errorCode).toBe(ErrorCode.VOTER_NOT_FOUND);
    const follower = cluster.node(other);
    expect(follower.raft.upgradeKraftVersion(1, false).errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  });

  it('an upgrade the leader could not commit is rolled back when the others elect without it', () => {
    const cluster = staticCluster([1, 2, 3]);
    const leader = committedLeader(cluster);
    const upgrade = leader.raft.upgradeKraftVersion(1, false);
    expect(upgrade.errorCode).toBe(ErrorCode.NONE);
    // The leader is cut off before its batch leaves: it believes kraft.version 1, nobody else has it.
    cluster.deliverable = (from, to) => from !== leader.id && to !== leader.id;
    cluster.enqueue(leader.id, leader.flush());
    expect(leader.status.kraftVersion).toBe(1);
    cluster.advance(3000);
    const next = cluster.leader();
    expect(next !== undefined && next.id !== leader.id).toBe(true);
    cluster.deliverable = () => true;
    cluster.advance(2000);
    for (const id of [1, 2, 3]) expect(cluster.node(id).status.kraftVersion).toBe(0);
    expect([...cluster.nodes.values()].filter((n) => n.status.role === 'leader')).toHaveLength(1);
    // The new leader heard every voter in its own epoch: the upgrade can be done again there.
    const again = cluster.leader()!;
    expect(again.raft.upgradeKraftVersion(1, false).errorCode).toBe(ErrorCode.NONE);
    cluster.enqueue(again.id, again.flush());
    cluster.advance(300);
    for (const id of [1, 2, 3]) expect(cluster.node(id).status.kraftVersion).toBe(1);
  });
});
