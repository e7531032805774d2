// Weighted voters (kraftling's extension of KIP-853) in the Raft core on the virtual clock: the
// weights come from the VotersRecord, a quorum by weight elects and commits, and a weight change
// goes through the leader as a VotersRecord, refused when an old and a new quorum could decide apart.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { MemorySnapshotStore } from '../../../src/raft/memory-log.js';
import { encodeVotersBatch } from '../../../src/raft/voter-history.js';
import { VoterSet, type Voter } from '../../../src/raft/voter-set.js';
import { TestCluster } from './harness.js';

function voter(id: number, weight = 1): Voter {
  const directoryId = Buffer.alloc(16, id).toString('base64url');
  return { id, directoryId, endpoints: [{ name: 'CONTROLLER', host: `node-${id}`, port: 9000 + id }], kraftVersion: { min: 0, max: 1 }, weight };
}

/** Formatted with --initial-controllers, each voter with its weight. */
function weightedCluster(weights: Record<number, number>): TestCluster {
  const ids = Object.keys(weights).map(Number);
  const bootstrap = encodeVotersBatch(1, new VoterSet(ids.map((id) => voter(id, weights[id]))), 0, 0, 0);
  return new TestCluster([], (id) => {
    const snapshots = new MemorySnapshotStore();
    snapshots.add({ endOffset: 0, epoch: 0 }, bootstrap);
    return { snapshots, random: () => (id - 1) / 10, config: { directoryId: voter(id).directoryId, endpoints: voter(id).endpoints } };
  }, ids);
}

function commitOne(cluster: TestCluster, ms = 500): number {
  const leader = cluster.leader()!;
  const result = leader.raft.propose([Buffer.from('x')]);
  expect(result.errorCode).toBe(ErrorCode.NONE);
  cluster.enqueue(leader.id, leader.flush());
  cluster.advance(ms);
  return 'lastOffset' in result ? result.lastOffset : -1;
}

describe('weighted voters in the Raft core', () => {
  it('the heavy data center elects and commits without the light one, and the light one alone cannot', () => {
    const cluster = weightedCluster({ 1: 2, 2: 2, 3: 1 });
    cluster.advance(1500);
    expect(cluster.node(3).raft.voters.weights).toEqual(new Map([[1, 2], [2, 2], [3, 1]]));
    // Node 3 (weight 1 of 5) is cut off: 1 and 2 (4 of 5) go on committing.
    cluster.deliverable = (from, to) => from !== 3 && to !== 3;
    const leader = cluster.leader()!;
    expect(leader.id).not.toBe(3);
    const offset = commitOne(cluster);
    expect(leader.status.highWatermark).toBeGreaterThan(offset);
    // Now only 3 and one heavy voter are left: 3 of 5 is still a quorum.
    const heavy = leader.id === 1 ? 2 : 1;
    cluster.deliverable = (from, to) => from !== leader.id && to !== leader.id;
    cluster.advance(3000);
    const next = cluster.leader();
    expect(next !== undefined && next.id !== leader.id).toBe(true);
    expect(commitOne(cluster)).toBeLessThan(cluster.node(heavy).status.highWatermark);
    // Node 3 alone (1 of 5) never becomes leader, however long it waits.
    cluster.deliverable = (from, to) => from === to;
    cluster.advance(5000);
    expect(cluster.node(3).status.role).not.toBe('leader');
  });

  it('changes a weight through the leader in steps, refusing a step that breaks the overlap', () => {
    const cluster = weightedCluster({ 1: 1, 2: 1, 3: 1 });
    cluster.advance(1500);
    const leader = cluster.leader()!;
    const id = leader.id;
    const others = [1, 2, 3].filter((n) => n !== id);
    // {1,1,1} -> {5,1,1}: the leader alone would be a new quorum while the other two still are an old one.
    const tooBig = leader.raft.setVoterWeight(id, voter(id).directoryId, 5);
    expect(tooBig.errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(tooBig.errorMessage).toContain('smaller steps');
    expect(leader.raft.setVoterWeight(id, voter(id).directoryId, -1).errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(leader.raft.setVoterWeight(9, voter(9).directoryId, 1).errorCode).toBe(ErrorCode.VOTER_NOT_FOUND);
    for (const weight of [2, 5]) {
      const step = leader.raft.setVoterWeight(id, voter(id).directoryId, weight);
      expect(step.errorCode).toBe(ErrorCode.NONE);
      cluster.enqueue(leader.id, leader.flush());
      cluster.advance(300);
      expect(leader.status.highWatermark).toBeGreaterThan(step.lastOffset!);
    }
    for (const n of [1, 2, 3]) expect(cluster.node(n).raft.voters.get(id)!.weight).toBe(5);
    // Weight 5 of 7: the leader commits with both others cut off, and keeps leading.
    cluster.deliverable = (from, to) => !others.includes(from) && !others.includes(to);
    const offset = commitOne(cluster, 3000);
    expect(leader.status).toMatchObject({ role: 'leader' });
    expect(leader.status.highWatermark).toBeGreaterThan(offset);
  });

  it('a weight-0 voter follows and votes but is never needed', () => {
    const cluster = weightedCluster({ 1: 1, 2: 1, 3: 0 });
    cluster.advance(1500);
    const leader = cluster.leader()!;
    expect(leader.id).not.toBe(3);
    const other = leader.id === 1 ? 2 : 1;
    // Without the other weight-1 voter nothing commits: 3 adds nothing.
    cluster.deliverable = (from, to) => from !== other && to !== other;
    const offset = commitOne(cluster, 300);
    expect(leader.status.highWatermark).toBeLessThanOrEqual(offset);
    cluster.deliverable = () => true;
    cluster.advance(3000);
    expect(cluster.node(3).status.highWatermark).toBeGreaterThan(offset);
  });
});
