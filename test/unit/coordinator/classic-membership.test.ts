import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { Harness, TEST_CONFIG, subscription } from './harness.js';

interface Formed {
  memberIds: string[];
  generationId: number;
  leader: string;
}

/** Members join one after another (as real consumers do) and sync; the group ends Stable. */
function formGroup(h: Harness, groupId: string, count: number): Formed {
  const memberIds: string[] = [];
  let generationId = 0;
  let leader = '';
  for (let i = 0; i < count; i++) {
    const first = h.join({ groupId });
    expect(first.value!.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    const id = first.value!.memberId;
    const parked = [id, ...memberIds].map((memberId) => h.join({ groupId, memberId }));
    memberIds.push(id);
    for (const p of parked) expect(p.value!.errorCode).toBe(ErrorCode.NONE);
    generationId = parked[0]!.value!.generationId;
    leader = parked[0]!.value!.leader;
  }
  const followers = memberIds.filter((m) => m !== leader).map((memberId) => h.sync({ groupId, memberId, generationId }));
  const assignments = memberIds.map((memberId) => ({ memberId, assignment: Buffer.from(`a-${memberId}`) }));
  const leaderSync = h.sync({ groupId, memberId: leader, generationId, assignments });
  h.flush();
  for (const s of [...followers, leaderSync]) expect(s.value!.errorCode).toBe(ErrorCode.NONE);
  expect(h.groupState(groupId)).toBe('Stable');
  return { memberIds, generationId, leader };
}

describe('JoinGroup and SyncGroup', () => {
  it('answers a first consumer at once with initial delay 0, after the member-id round trip', () => {
    const h = new Harness();
    const first = h.join({ groupId: 'g' });
    expect(first.value).toMatchObject({ errorCode: ErrorCode.MEMBER_ID_REQUIRED, memberId: 'client-uuid1', generationId: -1 });
    const joined = h.join({ groupId: 'g', memberId: 'client-uuid1' });
    expect(joined.value).toMatchObject({
      errorCode: ErrorCode.NONE, generationId: 1, leader: 'client-uuid1', memberId: 'client-uuid1',
      protocolType: 'consumer', protocolName: 'range',
    });
    expect(joined.value!.members.map((m) => m.memberId)).toEqual(['client-uuid1']);

    const sync = h.sync({ groupId: 'g', memberId: 'client-uuid1', generationId: 1, assignments: [{ memberId: 'client-uuid1', assignment: Buffer.from('A') }] });
    expect(sync.value).toBeUndefined(); // waits for the group record to be written
    expect(h.pending).toHaveLength(1);
    h.flush();
    expect(sync.value).toMatchObject({ errorCode: ErrorCode.NONE, assignment: Buffer.from('A'), protocolName: 'range' });
    expect(h.groupState('g')).toBe('Stable');
    expect(h.heartbeat('g', 'client-uuid1', 1).errorCode).toBe(ErrorCode.NONE);
  });

  it('adds a member without the round trip before JoinGroup v4', () => {
    const h = new Harness();
    const joined = h.join({ groupId: 'g' }, 3);
    expect(joined.value).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, memberId: 'client-uuid1' });
  });

  it('waits group.initial.rebalance.delay.ms and extends it while members keep arriving', () => {
    const h = new Harness({ ...TEST_CONFIG, initialRebalanceDelayMs: 3000 });
    const a = h.join({ groupId: 'g' }, 3);
    h.advance(2000);
    const b = h.join({ groupId: 'g' }, 3);
    h.advance(1000);
    expect(a.value).toBeUndefined(); // B arrived during the delay: one more delay
    h.advance(2999);
    expect(a.value).toBeUndefined();
    h.advance(1);
    expect(a.value).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1 });
    expect(b.value).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1 });
    expect(a.value!.members).toHaveLength(2);
    expect(b.value!.members).toHaveLength(0);
  });

  it('rebalances when a member joins a Stable group; heartbeats say REBALANCE_IN_PROGRESS', () => {
    const h = new Harness();
    const g = formGroup(h, 'g', 1);
    const newcomer = h.join({ groupId: 'g' }).value!.memberId;
    const parked = h.join({ groupId: 'g', memberId: newcomer });
    expect(parked.value).toBeUndefined();
    expect(h.groupState('g')).toBe('PreparingRebalance');
    expect(h.heartbeat('g', g.leader, g.generationId).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const rejoin = h.join({ groupId: 'g', memberId: g.leader });
    expect(rejoin.value).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, leader: g.leader });
    expect(rejoin.value!.members).toHaveLength(2);
    expect(parked.value).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, members: [] });
  });

  it('selects the protocol that every member supports, by preference votes', () => {
    const h = new Harness();
    const a = h.join({ groupId: 'g', protocols: [{ name: 'sticky', metadata: subscription(['t']) }, { name: 'range', metadata: subscription(['t']) }] }, 3);
    expect(a.value!.protocolName).toBe('sticky');
    const b = h.join({ groupId: 'g', protocols: [{ name: 'range', metadata: subscription(['t']) }] }, 3);
    expect(b.value).toBeUndefined();
    const rejoin = h.join({ groupId: 'g', memberId: a.value!.memberId, protocols: [{ name: 'sticky', metadata: subscription(['t']) }, { name: 'range', metadata: subscription(['t']) }] }, 3);
    expect(rejoin.value!.protocolName).toBe('range');
    const c = h.join({ groupId: 'g', protocols: [{ name: 'roundrobin', metadata: subscription(['t']) }] }, 3);
    expect(c.value!.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const other = h.join({ groupId: 'g', protocolType: 'connect' }, 3);
    expect(other.value!.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  });

  it('checks SyncGroup protocol type and name against the group', () => {
    const h = new Harness();
    const g = formGroup(h, 'g', 1);
    expect(h.sync({ groupId: 'g', memberId: g.leader, generationId: g.generationId, protocolType: 'connect' }).value!.errorCode)
      .toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect(h.sync({ groupId: 'g', memberId: g.leader, generationId: g.generationId, protocolName: 'sticky' }).value!.errorCode)
      .toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const stable = h.sync({ groupId: 'g', memberId: g.leader, generationId: g.generationId });
    expect(stable.value).toMatchObject({ errorCode: ErrorCode.NONE, assignment: Buffer.from(`a-${g.leader}`) });
  });

  it('rejects session timeouts outside group.min/max.session.timeout.ms and empty group ids', () => {
    const h = new Harness();
    expect(h.join({ groupId: 'g', sessionTimeoutMs: 999 }).value!.errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect(h.join({ groupId: 'g', sessionTimeoutMs: 300_001 }).value!.errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect(h.join({ groupId: '' }).value!.errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    expect(h.join({ groupId: 'nope', memberId: 'ghost' }).value!.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('answers GROUP_MAX_SIZE_REACHED beyond group.max.size', () => {
    const h = new Harness({ ...TEST_CONFIG, maxGroupSize: 1 });
    formGroup(h, 'g', 1);
    expect(h.join({ groupId: 'g' }).value!.errorCode).toBe(ErrorCode.GROUP_MAX_SIZE_REACHED);
  });
});

describe('Session and rebalance timeouts', () => {
  it('expels a member whose session times out and rebalances the rest', () => {
    const h = new Harness();
    const g = formGroup(h, 'g', 2);
    const [alive, silent] = g.memberIds[0] === g.leader ? g.memberIds : [...g.memberIds].reverse();
    for (let i = 0; i < 2; i++) {
      h.advance(4000);
      expect(h.heartbeat('g', alive!, g.generationId).errorCode).toBe(ErrorCode.NONE);
    }
    expect(h.groupState('g')).toBe('Stable');
    h.advance(2000); // the other member has now been silent for its whole 10 s session
    expect(h.groupState('g')).toBe('PreparingRebalance');
    expect(h.heartbeat('g', silent!, g.generationId).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const rejoin = h.join({ groupId: 'g', memberId: alive! });
    expect(rejoin.value).toMatchObject({ errorCode: ErrorCode.NONE, generationId: g.generationId + 1 });
    expect(rejoin.value!.members.map((m) => m.memberId)).toEqual([alive]);
  });

  it('drops members that do not rejoin within the rebalance timeout', () => {
    const h = new Harness();
    const g = formGroup(h, 'g', 2);
    const follower = g.memberIds.find((m) => m !== g.leader)!;
    const leaderRejoin = h.join({ groupId: 'g', memberId: g.leader, rebalanceTimeoutMs: 30_000 });
    // The follower keeps heartbeating but never rejoins.
    for (let t = 0; t < 60_000; t += 5_000) {
      h.advance(5_000);
      if (leaderRejoin.value) break;
      h.heartbeat('g', follower, g.generationId);
    }
    expect(leaderRejoin.value).toMatchObject({ errorCode: ErrorCode.NONE, generationId: g.generationId + 1 });
    expect(leaderRejoin.value!.members.map((m) => m.memberId)).toEqual([g.leader]);
    expect(h.heartbeat('g', follower, g.generationId).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('forgets a member id handed out with MEMBER_ID_REQUIRED that never comes back', () => {
    const h = new Harness();
    const g = formGroup(h, 'g', 1);
    const pendingId = h.join({ groupId: 'g' }).value!.memberId;
    h.advance(5_000);
    h.heartbeat('g', g.leader, g.generationId);
    h.advance(6_000);
    expect(h.join({ groupId: 'g', memberId: pendingId }).value!.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(h.groupState('g')).toBe('Stable');
  });

  it('removes members that never sync and rebalances', () => {
    const h = new Harness();
    const g = formGroup(h, 'g', 2);
    const follower = g.memberIds.find((m) => m !== g.leader)!;
    const a = h.join({ groupId: 'g', memberId: g.leader, rebalanceTimeoutMs: 20_000 });
    const b = h.join({ groupId: 'g', memberId: follower, rebalanceTimeoutMs: 20_000 });
    expect(a.value!.generationId).toBe(g.generationId + 1);
    expect(b.value!.generationId).toBe(g.generationId + 1);
    const leaderSync = h.sync({ groupId: 'g', memberId: g.leader, generationId: g.generationId + 1 });
    h.flush();
    expect(leaderSync.value!.errorCode).toBe(ErrorCode.NONE);
    h.heartbeat('g', g.leader, g.generationId + 1);
    h.advance(9_000);
    h.heartbeat('g', g.leader, g.generationId + 1);
    h.advance(9_000);
    h.heartbeat('g', g.leader, g.generationId + 1);
    h.advance(2_000);
    expect(h.groupState('g')).toBe('PreparingRebalance');
    expect(h.heartbeat('g', follower, g.generationId + 1).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });
});

describe('Fencing and leaving', () => {
  it('fences stale generations in Heartbeat, SyncGroup and OffsetCommit', () => {
    const h = new Harness();
    const g = formGroup(h, 'g', 2);
    const follower = g.memberIds.find((m) => m !== g.leader)!;
    const a = h.join({ groupId: 'g', memberId: g.leader });
    const b = h.join({ groupId: 'g', memberId: follower });
    const next = a.value!.generationId;
    expect(b.value!.generationId).toBe(next);
    expect(h.heartbeat('g', follower, g.generationId).errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(h.sync({ groupId: 'g', memberId: follower, generationId: g.generationId }).value!.errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    const stale = h.commit({ groupId: 'g', memberId: follower, generationIdOrMemberEpoch: g.generationId }, [['t1', 0, 5]]);
    expect(stale.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    // Current generation but not synced yet: the member must sync first.
    const early = h.commit({ groupId: 'g', memberId: follower, generationIdOrMemberEpoch: next }, [['t1', 0, 5]]);
    expect(early.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(h.heartbeat('g', 'ghost', next).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('removes members in one batched LeaveGroup and reports unknown ones', () => {
    const h = new Harness();
    const g = formGroup(h, 'g', 3);
    const [x, y, z] = g.memberIds as [string, string, string];
    const left = h.coordinator.leaveGroup({
      groupId: 'g', memberId: '',
      members: [
        { memberId: x, groupInstanceId: null, reason: 'bye' },
        { memberId: y, groupInstanceId: null, reason: null },
        { memberId: 'ghost', groupInstanceId: null, reason: null },
      ],
    }, h.ctx(5));
    expect(left.members.map((m) => m.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID]);
    expect(h.groupState('g')).toBe('PreparingRebalance');
    const rejoin = h.join({ groupId: 'g', memberId: z });
    expect(rejoin.value).toMatchObject({ errorCode: ErrorCode.NONE, leader: z });
    expect(rejoin.value!.members.map((m) => m.memberId)).toEqual([z]);
  });

  it('moves to Empty and records the new generation when the last member leaves', () => {
    const h = new Harness();
    const g = formGroup(h, 'g', 1);
    h.coordinator.leaveGroup({ groupId: 'g', memberId: '', members: [{ memberId: g.leader, groupInstanceId: null, reason: null }] }, h.ctx(5));
    expect(h.groupState('g')).toBe('Empty');
    expect(h.pending).toHaveLength(1);
    h.flush();
  });
});

describe('Static membership', () => {
  function formStatic(h: Harness): { a: string; b: string; generationId: number } {
    const a = h.join({ groupId: 's', groupInstanceId: 'ia' });
    const aId = a.value!.memberId;
    expect(aId).toBe('ia-uuid1');
    const b = h.join({ groupId: 's', groupInstanceId: 'ib' });
    const aRejoin = h.join({ groupId: 's', memberId: aId, groupInstanceId: 'ia' });
    const generationId = aRejoin.value!.generationId;
    const bId = b.value!.memberId;
    const syncs = [
      h.sync({ groupId: 's', memberId: bId, groupInstanceId: 'ib', generationId }),
      h.sync({ groupId: 's', memberId: aId, groupInstanceId: 'ia', generationId, assignments: [
        { memberId: aId, assignment: Buffer.from('A') }, { memberId: bId, assignment: Buffer.from('B') },
      ] }),
    ];
    h.flush();
    expect(syncs.map((s) => s.value!.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
    return { a: aId, b: bId, generationId };
  }

  it('lets a restarted static member rejoin under a new id without a rebalance', () => {
    const h = new Harness();
    const s = formStatic(h);
    const restarted = h.join({ groupId: 's', groupInstanceId: 'ib' });
    expect(restarted.value).toBeUndefined(); // waits for the new member id to be recorded
    h.flush();
    expect(restarted.value).toMatchObject({ errorCode: ErrorCode.NONE, generationId: s.generationId, leader: s.a, members: [] });
    const newId = restarted.value!.memberId;
    expect(newId).not.toBe(s.b);
    expect(h.groupState('s')).toBe('Stable');
    expect(h.sync({ groupId: 's', memberId: newId, groupInstanceId: 'ib', generationId: s.generationId }).value)
      .toMatchObject({ errorCode: ErrorCode.NONE, assignment: Buffer.from('B') });
    // The old incarnation is fenced.
    expect(h.heartbeat('s', s.b, s.generationId, 'ib').errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
    expect(h.heartbeat('s', s.a, s.generationId, 'ia').errorCode).toBe(ErrorCode.NONE);
  });

  it('tells a rejoining static leader on JoinGroup v9 to skip the assignment', () => {
    const h = new Harness();
    const s = formStatic(h);
    const restarted = h.join({ groupId: 's', groupInstanceId: 'ia' }, 9);
    h.flush();
    expect(restarted.value).toMatchObject({ errorCode: ErrorCode.NONE, skipAssignment: true, generationId: s.generationId });
    expect(restarted.value!.leader).toBe(restarted.value!.memberId);
    expect(restarted.value!.members).toHaveLength(2);
  });

  it('keeps a static member that misses a rebalance, until its session ends', () => {
    const h = new Harness();
    const s = formStatic(h);
    const rejoin = h.join({ groupId: 's', memberId: s.a, groupInstanceId: 'ia' });
    // B stays alive but never rejoins within the 60 s rebalance timeout.
    for (let i = 0; i < 11; i++) {
      h.advance(5_000);
      expect(h.heartbeat('s', s.b, s.generationId, 'ib').errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    }
    h.advance(5_000);
    expect(rejoin.value).toMatchObject({ errorCode: ErrorCode.NONE, generationId: s.generationId + 1 });
    expect(rejoin.value!.members.map((m) => m.memberId).sort()).toEqual([s.a, s.b].sort());
    h.advance(5_000);
    expect(h.heartbeat('s', s.a, s.generationId + 1, 'ia').errorCode).toBe(ErrorCode.NONE);
    h.advance(5_000); // B has now been silent for its 10 s session
    expect(h.heartbeat('s', s.a, s.generationId + 1, 'ia').errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });

  it('removes a static member by instance id alone in LeaveGroup', () => {
    const h = new Harness();
    formStatic(h);
    const left = h.coordinator.leaveGroup({ groupId: 's', memberId: '', members: [{ memberId: '', groupInstanceId: 'ib', reason: null }] }, h.ctx(5));
    expect(left.members[0]!.errorCode).toBe(ErrorCode.NONE);
    expect(h.groupState('s')).toBe('PreparingRebalance');
  });
});
