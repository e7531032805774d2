// Recovering a quorum that lost its majority (metadata-quorum force-voters) in the Raft core on the
// virtual clock: the survivors restart with the forced voters and a jumped epoch, elect, and commit
// the new set; the lost side, alive after all and cut off, can only lead in epochs far below theirs,
// and when it reconnects it follows the recovered leader and drops what it wrote alone.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { FORCED_EPOCH_JUMP } from '../../../src/raft/forced-voters.js';
import { MemorySnapshotStore } from '../../../src/raft/memory-log.js';
import { encodeVotersBatch } from '../../../src/raft/voter-history.js';
import { VoterSet, type Voter } from '../../../src/raft/voter-set.js';
import { TestCluster, type TestNodeOptions } from './harness.js';

function voter(id: number, weight = 1): Voter {
  const directoryId = Buffer.alloc(16, id).toString('base64url');
  return { id, directoryId, endpoints: [{ name: 'CONTROLLER', host: `node-${id}`, port: 9000 + id }], kraftVersion: { min: 0, max: 1 }, weight };
}

const identity = (id: number) => ({ directoryId: voter(id).directoryId, endpoints: voter(id).endpoints });

describe('force-voters', () => {
  it('lets the survivors of a lost heavy voter elect; the lost one, back, cannot disturb them', () => {
    // Node 1 weighs 3 of 5: it alone is a quorum, and 2 and 3 without it are not.
    const bootstrap = encodeVotersBatch(1, new VoterSet([voter(1, 3), voter(2), voter(3)]), 0, 0, 0);
    const first = new TestCluster([], (id) => {
      const snapshots = new MemorySnapshotStore();
      snapshots.add({ endOffset: 0, epoch: 0 }, bootstrap);
      return { snapshots, random: () => (id - 1) / 10, config: identity(id) };
    }, [1, 2, 3]);
    first.advance(1500);
    expect(first.leader()?.id).toBe(1);
    // Node 1's data center is lost; 2 and 3 wait in vain.
    first.deliverable = (from, to) => from !== 1 && to !== 1;
    first.advance(5000);
    expect([2, 3].map((id) => first.node(id).status.role)).not.toContain('leader');
    const oldEpoch = Math.max(...[1, 2, 3].map((id) => first.node(id).status.epoch));

    // The operator runs force-voters on 2 and 3 and starts them; node 1 comes back too, still cut off.
    const restart = (id: number): TestNodeOptions => {
      const old = first.node(id);
      if (id === 1) return { log: old.log, snapshots: old.snapshots, quorumState: old.quorumState, random: () => 0, config: identity(id) };
      const epoch = old.quorumState!.leaderEpoch + FORCED_EPOCH_JUMP;
      return {
        log: old.log, snapshots: old.snapshots, random: () => (id - 1) / 10, quorumState: { ...old.quorumState!, leaderEpoch: epoch, leaderId: -1, votedId: -1 },
        config: { ...identity(id), forcedVoters: { ids: [2, 3], epoch } },
      };
    };
    const second = new TestCluster([], restart, [1, 2, 3]);
    second.deliverable = (from, to) => from !== 1 && to !== 1;
    second.advance(3000);
    const leader = [2, 3].map((id) => second.node(id)).find((n) => n.status.role === 'leader')!;
    expect(leader).toBeDefined();
    expect(leader.status.epoch).toBeGreaterThan(oldEpoch + FORCED_EPOCH_JUMP - 1);
    for (const id of [2, 3]) {
      expect(second.node(id).raft.forcedVotersPending).toBe(false);
      expect(second.node(id).status.voterIds).toEqual([2, 3]);
    }
    const committed = leader.raft.propose([Buffer.from('after-recovery')]);
    expect(committed.errorCode).toBe(ErrorCode.NONE);
    second.enqueue(leader.id, leader.flush());
    second.advance(300);

    // Node 1, alone, is a quorum of its old set: it leads, but in an epoch far below theirs.
    const lost = second.node(1);
    expect(lost.status.role).toBe('leader');
    expect(lost.status.epoch).toBeLessThan(oldEpoch + 10);
    lost.raft.propose([Buffer.from('written-alone')]);
    second.enqueue(1, lost.flush());
    second.advance(300);

    // Reconnected, it learns the higher epoch and steps down; what it committed alone is not in the
    // recovered log, so it stops (neither fetching nor standing) until its metadata log is wiped.
    const leaderEpoch = leader.status.epoch;
    second.deliverable = () => true;
    second.advance(5000);
    const leaders = [1, 2, 3].map((id) => second.node(id)).filter((n) => n.status.role === 'leader');
    expect(leaders.map((n) => n.id)).toEqual([leader.id]);
    expect(leader.status.epoch).toBe(leaderEpoch);
    expect(lost.status.role).not.toBe('leader');
    expect(lost.raft.haltReason).toContain('force-voters');
    // The recovered quorum goes on committing.
    const later = leader.raft.propose([Buffer.from('later')]);
    second.enqueue(leader.id, leader.flush());
    second.advance(300);
    expect(leader.status.highWatermark).toBeGreaterThan('lastOffset' in later ? later.lastOffset : Infinity);
  });

  it('refuses ids that are not voters, and a static quorum', () => {
    const bootstrap = encodeVotersBatch(1, new VoterSet([voter(1), voter(2)]), 0, 0, 0);
    const snapshots = new MemorySnapshotStore();
    snapshots.add({ endOffset: 0, epoch: 0 }, bootstrap);
    expect(() => new TestCluster([], () => ({ snapshots, config: { ...identity(1), forcedVoters: { ids: [7], epoch: 5 } } }), [1]))
      .toThrow(/names 7, not voters/);
    expect(() => new TestCluster([1, 2], () => ({ config: { forcedVoters: { ids: [1], epoch: 5 } } })))
      .toThrow(/needs a dynamic quorum/);
  });
});
