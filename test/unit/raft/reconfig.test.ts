// KIP-853 in the Raft core on the virtual clock: the voter set comes from VotersRecords (the bootstrap
// snapshot, then the log), changes one at a time and only after the leader committed in its epoch,
// a new voter must be a caught-up observer, a truncation rolls an uncommitted change back, and a
// leader that removes itself hands over once the removal commits.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { MemorySnapshotStore } from '../../../src/raft/memory-log.js';
import { encodeVotersBatch } from '../../../src/raft/voter-history.js';
import { VoterSet, type Voter } from '../../../src/raft/voter-set.js';
import { TestCluster } from './harness.js';
import type { UpdateRaftVoterRequest } from '../../../protocol/generated/api/82-update-raft-voter.js';

function voter(id: number): Voter {
  const directoryId = Buffer.alloc(16, id).toString('base64url');
  return { id, directoryId, endpoints: [{ name: 'CONTROLLER', host: `node-${id}`, port: 9000 + id }], kraftVersion: { min: 0, max: 1 }, weight: 1 };
}

/** Nodes formatted as `kraftling format --initial-controllers` does: a 0-0 snapshot with the voters. */
function dynamicCluster(voterIds: number[], observerIds: number[] = []): TestCluster {
  const bootstrap = encodeVotersBatch(1, new VoterSet(voterIds.map(voter)), 0, 0, 0);
  return new TestCluster([], (id) => {
    const snapshots = new MemorySnapshotStore();
    snapshots.add({ endOffset: 0, epoch: 0 }, bootstrap);
    return { snapshots, random: () => (id - 1) / 10, config: { directoryId: voter(id).directoryId, endpoints: voter(id).endpoints } };
  }, [...voterIds, ...observerIds]);
}

function elected(cluster: TestCluster, ms = 1000) {
  cluster.advance(ms);
  const leader = cluster.leader();
  expect(leader).toBeDefined();
  return leader!;
}

describe('dynamic voters (KIP-853) in the Raft core', () => {
  it('a standalone controller elects itself and writes the bootstrap voters into its log', () => {
    const cluster = dynamicCluster([1]);
    const leader = elected(cluster);
    expect(leader.id).toBe(1);
    expect(leader.status).toMatchObject({ kraftVersion: 1, voterIds: [1] });
    // LeaderChange, then the KRaftVersionRecord and VotersRecord batch.
    expect(leader.status.logEndOffset).toBe(3);
    expect(leader.status.highWatermark).toBe(3);
  });

  it('adds a caught-up observer, one change at a time, and the new voter learns it is one', () => {
    const cluster = dynamicCluster([1], [2, 3]);
    const leader = elected(cluster);
    cluster.advance(200);
    const first = leader.raft.addVoter(voter(2));
    expect(first).toMatchObject({ errorCode: ErrorCode.NONE });
    // The first change is not committed yet: the second waits (Kafka answers REQUEST_TIMED_OUT).
    expect(leader.raft.addVoter(voter(3)).errorCode).toBe(ErrorCode.REQUEST_TIMED_OUT);
    cluster.enqueue(1, leader.flush());
    cluster.advance(200);
    expect(leader.status.highWatermark).toBeGreaterThan(first.lastOffset!);
    expect(cluster.node(2).status.voterIds).toEqual([1, 2]);
    expect(leader.raft.addVoter(voter(2)).errorCode).toBe(ErrorCode.DUPLICATE_VOTER);
    expect(leader.raft.addVoter(voter(3)).errorCode).toBe(ErrorCode.NONE);
    cluster.enqueue(1, leader.flush());
    cluster.advance(200);
    for (const id of [1, 2, 3]) expect(cluster.node(id).status.voterIds).toEqual([1, 2, 3]);
    expect(leader.raft.describeQuorum().currentVoters.map((v) => v.replicaDirectoryId)).toEqual([1, 2, 3].map((id) => voter(id).directoryId));
  });

  it('refuses an observer that has not caught up, and a wrong directory id', () => {
    const cluster = dynamicCluster([1], [2]);
    cluster.deliverable = (from, to) => from !== 2 && to !== 2;
    const leader = elected(cluster);
    expect(leader.raft.addVoter(voter(2)).errorCode).toBe(ErrorCode.REQUEST_TIMED_OUT);
    cluster.deliverable = () => true;
    cluster.advance(300);
    expect(leader.raft.addVoter({ ...voter(2), directoryId: voter(9).directoryId }).errorCode).toBe(ErrorCode.REQUEST_TIMED_OUT);
    expect(leader.raft.removeVoter(1, voter(9).directoryId).errorCode).toBe(ErrorCode.VOTER_NOT_FOUND);
    expect(leader.raft.removeVoter(1, voter(1).directoryId).errorCode).toBe(ErrorCode.INVALID_REQUEST);
  });

  it('waits until the leader has committed an offset in its own epoch', () => {
    const cluster = dynamicCluster([1, 2], [3]);
    // Votes get through, fetches do not: node 1 wins but commits nothing in its epoch.
    cluster.deliverable = (_from, _to, m) => m.apiKey !== 1;
    const leader = elected(cluster, 400);
    expect(leader.raft.removeVoter(2, voter(2).directoryId)).toMatchObject({ errorCode: ErrorCode.REQUEST_TIMED_OUT });
    cluster.deliverable = () => true;
    cluster.advance(300);
    expect(leader.raft.removeVoter(2, voter(2).directoryId).errorCode).toBe(ErrorCode.NONE);
  });

  it('refuses changes to a static quorum (kraft.version 0)', () => {
    const cluster = new TestCluster([1], () => ({}), [2]);
    const leader = elected(cluster);
    cluster.advance(200);
    expect(leader.status.kraftVersion).toBe(0);
    expect(leader.raft.addVoter(voter(2)).errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
  });

  it('rolls an uncommitted change back when the log is truncated', () => {
    const cluster = dynamicCluster([1, 2, 3], [4]);
    const leader = elected(cluster);
    expect(leader.id).toBe(1);
    cluster.advance(200);
    // Node 1 keeps node 4 but loses 2 and 3: its change cannot commit, 2 and 3 elect without it.
    cluster.deliverable = (from, to) => !((from === 1 && (to === 2 || to === 3)) || (to === 1 && (from === 2 || from === 3)));
    expect(leader.raft.addVoter(voter(4)).errorCode).toBe(ErrorCode.NONE);
    expect(leader.status.voterIds).toEqual([1, 2, 3, 4]);
    cluster.enqueue(1, leader.flush());
    cluster.advance(3000);
    const next = cluster.leader();
    expect(next !== undefined && next.id !== 1).toBe(true);
    cluster.deliverable = () => true;
    cluster.advance(2000);
    for (const id of [1, 2, 3, 4]) expect(cluster.node(id).status.voterIds).toEqual([1, 2, 3]);
    const leaders = [...cluster.nodes.values()].filter((n) => n.status.role === 'leader');
    expect(leaders).toHaveLength(1);
  });

  it('a leader that removes itself leads until the removal commits, then hands over', () => {
    const cluster = dynamicCluster([1, 2, 3]);
    const leader = elected(cluster);
    cluster.advance(200);
    const epoch = leader.status.epoch;
    const removal = leader.raft.removeVoter(leader.id, voter(leader.id).directoryId);
    expect(removal.errorCode).toBe(ErrorCode.NONE);
    expect(leader.status.role).toBe('leader');
    cluster.enqueue(leader.id, leader.flush());
    cluster.advance(1000);
    const next = cluster.leader()!;
    expect(next.id).not.toBe(leader.id);
    expect(next.status.epoch).toBeGreaterThan(epoch);
    expect(next.status.voterIds).toEqual([1, 2, 3].filter((id) => id !== leader.id));
    expect(leader.status).toMatchObject({ role: 'follower', leaderId: next.id });
    expect(leader.status.highWatermark).toBeGreaterThan(removal.lastOffset!);
  });

  it('a voter whose endpoints changed sends UpdateRaftVoter until the leader takes it, once per epoch; the leader records them', () => {
    const moved = [{ name: 'CONTROLLER', host: 'node-2', port: 19002 }];
    const bootstrap = encodeVotersBatch(1, new VoterSet([voter(1), voter(2)]), 0, 0, 0);
    const cluster = new TestCluster([], (id) => {
      const snapshots = new MemorySnapshotStore();
      snapshots.add({ endOffset: 0, epoch: 0 }, bootstrap);
      return { snapshots, random: () => (id - 1) / 10, config: { directoryId: voter(id).directoryId, endpoints: id === 2 ? moved : voter(id).endpoints } };
    }, [1, 2]);
    const leader = elected(cluster);
    cluster.advance(2000);
    const sent = () => cluster.node(2).readies.flatMap((r) => r.messages).filter((m) => m.kind === 'request' && m.apiKey === 82);
    const updates = sent();
    // Sent again only while the leader refuses it (before it has committed in its epoch).
    expect(updates.length).toBeGreaterThanOrEqual(1);
    cluster.advance(2000);
    expect(sent()).toHaveLength(updates.length);
    const body = updates[0]!.body as UpdateRaftVoterRequest;
    expect(body).toMatchObject({ voterId: 2, voterDirectoryId: voter(2).directoryId, listeners: moved });
    // The harness serves it as the leader's driver does (the core only sends it): the new endpoints are in the log.
    expect(cluster.node(2).raft.endpointsOf(2)).toEqual(moved);
    expect(leader.raft.updateVoter({ ...voter(3) }).errorCode).toBe(ErrorCode.VOTER_NOT_FOUND);
  });
});
