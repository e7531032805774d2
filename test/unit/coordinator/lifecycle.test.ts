import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { groupCoordinatorAccess } from '../../../src/coordinator/access.js';
import { coordinatorPartition } from '../../../src/coordinator/coordinator-key.js';
import { GroupCoordinator } from '../../../src/coordinator/group-coordinator.js';
import { groupMetadataRecord } from '../../../src/coordinator/records.js';
import { Harness, TEST_CONFIG, joinRequest } from './harness.js';

/** A one-member group with an assignment and a committed offset, all written. */
function activeGroup(h: Harness): { memberId: string; generationId: number } {
  const joined = h.join({ groupId: 'g' }, 3).value!;
  const sync = h.sync({ groupId: 'g', memberId: joined.memberId, generationId: joined.generationId, assignments: [{ memberId: joined.memberId, assignment: Buffer.from('A') }] });
  h.flush();
  expect(sync.value!.errorCode).toBe(ErrorCode.NONE);
  const commit = h.commit({ groupId: 'g', memberId: joined.memberId, generationIdOrMemberEpoch: joined.generationId }, [['t1', 0, 99]]);
  h.flush();
  expect(commit.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
  return { memberId: joined.memberId, generationId: joined.generationId };
}

describe('Loading from __consumer_offsets', () => {
  it('rebuilds groups, generations, assignments and offsets after a restart', () => {
    const before = new Harness();
    const m = activeGroup(before);
    const after = new Harness(TEST_CONFIG, []);
    after.nowMs = before.nowMs + 2_000;
    after.load(0, before.log.get(0)!);
    expect(after.fetched('g', 't1', 0).offset).toBe(99);
    expect(after.groupState('g')).toBe('Stable');
    expect(after.heartbeat('g', m.memberId, m.generationId).errorCode).toBe(ErrorCode.NONE);
    expect(after.sync({ groupId: 'g', memberId: m.memberId, generationId: m.generationId }).value)
      .toMatchObject({ errorCode: ErrorCode.NONE, assignment: Buffer.from('A') });
    // The next rebalance continues the generation sequence.
    const rejoin = after.join({ groupId: 'g', memberId: m.memberId });
    expect(rejoin.value!.generationId).toBe(m.generationId + 1);
  });

  it('gives loaded members a fresh session, and expels them when it passes', () => {
    const before = new Harness();
    activeGroup(before);
    const after = new Harness(TEST_CONFIG, []);
    after.load(0, before.log.get(0)!);
    after.advance(10_000);
    expect(after.groupState('g')).not.toBe('Stable');
  });

  it('keeps a group deleted when its tombstone follows its metadata', () => {
    const h = new Harness(TEST_CONFIG, []);
    h.load(0, [
      groupMetadataRecord('x', { protocolType: 'consumer', generation: 4, protocol: null, leader: null, currentStateTimestamp: -1, members: [] }),
      { key: groupMetadataRecord('x', { protocolType: '', generation: 0, protocol: null, leader: null, currentStateTimestamp: -1, members: [] }).key, value: null },
    ]);
    expect(h.groupState('x')).toBe('Dead');
  });

  it('skips malformed records', () => {
    const h = new Harness(TEST_CONFIG, []);
    h.coordinator.beginLoad(0, h.nowMs);
    expect(h.coordinator.replay(0, { key: Buffer.from([0, 2, 0]), value: null })).toBe(false);
    h.coordinator.completeLoad(0, h.nowMs);
  });
});

describe('Routing and leadership', () => {
  const config = { ...TEST_CONFIG, numPartitions: 3 };

  it('answers NOT_COORDINATOR for partitions it does not lead and waits out loading', () => {
    const h = new Harness(config, []);
    const p = coordinatorPartition('g', 3);
    expect(h.join({ groupId: 'g' }).value!.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    h.coordinator.beginLoad(p, h.nowMs);
    expect(h.join({ groupId: 'g' }).value!.errorCode).toBe(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
    expect(h.heartbeat('g', 'm', 1).errorCode).toBe(ErrorCode.NONE);
    expect(h.sync({ groupId: 'g', memberId: 'm', generationId: 1 }).value!.errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(h.coordinator.listGroups([], [], h.ctx(3)).errorCode).toBe(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
    h.coordinator.completeLoad(p, h.nowMs);
    expect(h.join({ groupId: 'g' }).value!.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  });

  it('answers parked requests and unfinished writes NOT_COORDINATOR when leadership moves', () => {
    const h = new Harness(config, [0, 1, 2]);
    const a = h.join({ groupId: 'g' }, 3).value!;
    const sync = h.sync({ groupId: 'g', memberId: a.memberId, generationId: a.generationId });
    const b = h.join({ groupId: 'g' }, 3);
    const commit = h.commit({ groupId: 'other-group' }, [['t', 0, 1]]);
    h.coordinator.unload(coordinatorPartition('g', 3), h.nowMs);
    h.coordinator.unload(coordinatorPartition('other-group', 3), h.nowMs);
    expect(sync.value!.errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(b.value!.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    expect(commit.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    h.flush(); // completions for unloaded partitions are ignored
  });

  it('announces its next deadline so the runtime needs one timer', () => {
    const deadlines: (number | null)[] = [];
    const coordinator = new GroupCoordinator({
      config: TEST_CONFIG, newUuid: () => 'u', append: () => {}, scheduleTick: (d) => deadlines.push(d),
    });
    coordinator.beginLoad(0, 0);
    coordinator.completeLoad(0, 0);
    expect(deadlines).toEqual([TEST_CONFIG.offsetsRetentionCheckIntervalMs]);
    coordinator.joinGroup(joinRequest({ groupId: 'g' }), { nowMs: 5, apiVersion: 5, clientId: 'c', clientHost: '' }, () => {});
    expect(deadlines.at(-1)).toBe(5 + 10_000);
    expect(coordinator.nextDeadlineMs()).toBe(5 + 10_000);
    coordinator.tick(6); // a timer that fired early still gets a new one
    expect(deadlines.at(-1)).toBe(5 + 10_000);
    expect(deadlines).toHaveLength(3);
  });

  it('offers promises to the handlers', async () => {
    const h = new Harness();
    const access = groupCoordinatorAccess(h.coordinator);
    const joined = await access.joinGroup(joinRequest({ groupId: 'g' }), h.ctx(3));
    expect(joined.generationId).toBe(1);
    const synced = access.syncGroup({ groupId: 'g', generationId: 1, memberId: joined.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] }, h.ctx(3));
    h.flush();
    expect((await synced).errorCode).toBe(ErrorCode.NONE);
  });
});
