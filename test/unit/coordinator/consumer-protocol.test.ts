// The consumer group protocol (KIP-848) state machine on the virtual clock: epochs, revocation
// before reassignment, leaving, session timeouts, static members, errors, and replay on load.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { TEST_CONFIG, Harness } from './harness.js';
import { Topics, assignmentOf, cgh, join } from './consumer-harness.js';

function twoMemberGroup() {
  const h = new Harness();
  const topics = new Topics().add('t', 4);
  const a1 = join(h, topics, 'm1', ['t']);
  expect(a1.memberEpoch).toBe(1);
  expect(assignmentOf(topics, a1)).toEqual({ t: [0, 1, 2, 3] });
  const b1 = join(h, topics, 'm2', ['t']);
  return { h, topics, b1 };
}

describe('consumer group heartbeat', () => {
  it('moves partitions to a new member only after the old owner revoked them', () => {
    const { h, topics, b1 } = twoMemberGroup();
    // m2 is at the new epoch but gets nothing yet: m1 still owns every partition.
    expect(b1.memberEpoch).toBe(2);
    expect(assignmentOf(topics, b1)).toEqual({});
    // m1 is asked to revoke two partitions and stays in epoch 1 until it does.
    const a2 = cgh(h, topics, { memberId: 'm1', memberEpoch: 1 }, { t: [0, 1, 2, 3] });
    expect(a2.memberEpoch).toBe(1);
    const kept = assignmentOf(topics, a2)!.t!;
    expect(kept).toHaveLength(2);
    expect(cgh(h, topics, { memberId: 'm2', memberEpoch: 2 }, {}).assignment).toBeNull();
    // Revocation acknowledged: m1 moves to epoch 2, and m2 receives the released partitions.
    const a3 = cgh(h, topics, { memberId: 'm1', memberEpoch: 1 }, { t: kept });
    expect(a3.memberEpoch).toBe(2);
    const b2 = cgh(h, topics, { memberId: 'm2', memberEpoch: 2 }, {});
    const got = assignmentOf(topics, b2)!.t!;
    expect([...kept, ...got].sort()).toEqual([0, 1, 2, 3]);
    expect(h.coordinator.consumerGroupDescribe(['g'], h.ctx(0), (id) => id)[0]!.groupState).toBe('Stable');
  });

  it('writes nothing for heartbeats that change nothing, even while partitions are unreleased', () => {
    const { h, topics } = twoMemberGroup();
    const before = h.log.get(0)!.length;
    for (let i = 0; i < 3; i++) cgh(h, topics, { memberId: 'm2', memberEpoch: 2 }, {});
    expect(h.log.get(0)!.length).toBe(before);
  });

  it('fences a member that keeps partitions past its rebalance timeout', () => {
    const { h, topics } = twoMemberGroup();
    const kept = assignmentOf(topics, cgh(h, topics, { memberId: 'm1', memberEpoch: 1 }, { t: [0, 1, 2, 3] }))!.t!;
    expect(kept).toHaveLength(2);
    // m1 never acknowledges the revocation; m2 keeps heartbeating.
    for (let t = 0; t < 30_000; t += 5_000) {
      h.advance(5_000);
      cgh(h, topics, { memberId: 'm2', memberEpoch: 2 }, {});
    }
    h.flush();
    expect(cgh(h, topics, { memberId: 'm1', memberEpoch: 1 }, { t: [0, 1, 2, 3] }).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const [m2] = h.coordinator.consumerGroupDescribe(['g'], h.ctx(0), (id) => topics.name(id))[0]!.members;
    expect(m2!.memberEpoch).toBe(3);
    expect(m2!.assignment.topicPartitions).toEqual([{ topicId: topics.id('t'), topicName: 't', partitions: [0, 1, 2, 3] }]);
  });

  it('gives a leaving member\'s partitions back, and fences one whose session expired', () => {
    const { h, topics } = twoMemberGroup();
    const kept = assignmentOf(topics, cgh(h, topics, { memberId: 'm1', memberEpoch: 1 }, { t: [0, 1, 2, 3] }))!.t!;
    cgh(h, topics, { memberId: 'm1', memberEpoch: 1 }, { t: kept });
    const got = assignmentOf(topics, cgh(h, topics, { memberId: 'm2', memberEpoch: 2 }, {}))!.t!;
    expect(cgh(h, topics, { memberId: 'm2', memberEpoch: -1 }).memberEpoch).toBe(-1);
    const a = cgh(h, topics, { memberId: 'm1', memberEpoch: 2 }, { t: kept });
    expect(a.memberEpoch).toBe(3);
    expect(assignmentOf(topics, a)).toEqual({ t: [0, 1, 2, 3] });
    // m3 joins, then goes silent: after the session timeout it is removed and m1 gets all back.
    const c = join(h, topics, 'm3', ['t']);
    expect(c.memberEpoch).toBe(4);
    const revoke = assignmentOf(topics, cgh(h, topics, { memberId: 'm1', memberEpoch: 3 }, { t: [0, 1, 2, 3] }))!.t!;
    cgh(h, topics, { memberId: 'm1', memberEpoch: 3 }, { t: revoke });
    h.advance(TEST_CONFIG.consumerSessionTimeoutMs - 1);
    cgh(h, topics, { memberId: 'm1', memberEpoch: 4 }, { t: revoke });
    h.advance(2);
    h.flush();
    const back = cgh(h, topics, { memberId: 'm1', memberEpoch: 4 }, { t: revoke });
    expect(back.memberEpoch).toBe(5);
    expect(assignmentOf(topics, back)).toEqual({ t: [0, 1, 2, 3] });
    expect(cgh(h, topics, { memberId: 'm3', memberEpoch: 4 }, {}).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(got.length).toBe(2);
  });

  it('answers stale and unknown members and bad requests with Kafka\'s errors', () => {
    const h = new Harness({ ...TEST_CONFIG, consumerMaxSize: 1 });
    const topics = new Topics().add('t', 2);
    join(h, topics, 'm1', ['t']);
    expect(cgh(h, topics, { memberId: 'm1', memberEpoch: 7 }, { t: [0, 1] }).errorCode).toBe(ErrorCode.FENCED_MEMBER_EPOCH);
    expect(cgh(h, topics, { memberId: 'nobody', memberEpoch: 1 }, {}).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(join(h, topics, 'm2', ['t']).errorCode).toBe(ErrorCode.GROUP_MAX_SIZE_REACHED);
    expect(join(h, topics, 'm2', ['t'], { serverAssignor: 'sticky' }).errorCode).toBe(ErrorCode.UNSUPPORTED_ASSIGNOR);
    expect(cgh(h, topics, { memberId: 'm2', memberEpoch: 0, subscribedTopicNames: ['t'] }, {}).errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(join(h, topics, '', ['t']).errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(join(h, topics, 'm2', null, { subscribedTopicRegex: '(' }).errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(cgh(h, topics, { memberId: 'm1', memberEpoch: -2 }).errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(cgh(h, topics, { memberId: 'x', memberEpoch: 1, groupId: 'other' }).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });

  it('keeps a static member\'s place while it restarts, and refuses a second holder of the instance id', () => {
    const h = new Harness();
    const topics = new Topics().add('t', 2);
    const first = join(h, topics, 'a', ['t'], { instanceId: 'i1' });
    expect(assignmentOf(topics, first)).toEqual({ t: [0, 1] });
    expect(join(h, topics, 'b', ['t'], { instanceId: 'i1' }).errorCode).toBe(ErrorCode.UNRELEASED_INSTANCE_ID);
    expect(cgh(h, topics, { memberId: 'a', memberEpoch: -2, instanceId: 'i1' }).memberEpoch).toBe(-2);
    const back = join(h, topics, 'b', ['t'], { instanceId: 'i1' });
    expect(back.memberEpoch).toBe(1);
    expect(assignmentOf(topics, back)).toEqual({ t: [0, 1] });
    const described = h.coordinator.consumerGroupDescribe(['g'], h.ctx(0), (id) => id)[0]!;
    expect(described.groupEpoch).toBe(1);
    expect(described.members.map((m) => m.memberId)).toEqual(['b']);
  });

  it('picks up a new topic matching a regex subscription', () => {
    const h = new Harness();
    const topics = new Topics().add('orders-eu', 1).add('__consumer_offsets', 1).add('other', 1);
    const r = join(h, topics, 'm1', null, { subscribedTopicRegex: 'orders-.*|__.*' });
    expect(assignmentOf(topics, r)).toEqual({ 'orders-eu': [0] });
    topics.add('orders-us', 2);
    const r2 = cgh(h, topics, { memberId: 'm1', memberEpoch: 1 }, { 'orders-eu': [0] });
    expect(r2.memberEpoch).toBe(2);
    expect(assignmentOf(topics, r2)).toEqual({ 'orders-eu': [0], 'orders-us': [0, 1] });
  });

  it('is rebuilt from its records when the coordinator loads the partition elsewhere', () => {
    const { h, topics } = twoMemberGroup();
    const kept = assignmentOf(topics, cgh(h, topics, { memberId: 'm1', memberEpoch: 1 }, { t: [0, 1, 2, 3] }))!.t!;
    const log = h.log.get(0)!;
    const h2 = new Harness(TEST_CONFIG, []);
    h2.load(0, log);
    const before = h.coordinator.consumerGroupDescribe(['g'], h.ctx(0), (id) => id);
    expect(h2.coordinator.consumerGroupDescribe(['g'], h2.ctx(0), (id) => id)).toEqual(before);
    // The reloaded coordinator continues the reconciliation where the old one left it.
    expect(cgh(h2, topics, { memberId: 'm1', memberEpoch: 1 }, { t: kept }).memberEpoch).toBe(2);
    expect(assignmentOf(topics, cgh(h2, topics, { memberId: 'm2', memberEpoch: 2 }, {}))!.t).toHaveLength(2);
  });
});

/** Group g of one member, m1 at epoch 1, which committed offset 5 of t-0. */
function memberCommitted(): { h: Harness; topics: Topics } {
  const h = new Harness();
  const topics = new Topics().add('t', 1);
  join(h, topics, 'm1', ['t']);
  h.commit({ groupId: 'g', memberId: 'm1', generationIdOrMemberEpoch: 1 }, [['t', 0, 5]], 9);
  h.flush();
  return { h, topics };
}

describe('consumer groups and the classic APIs', () => {
  it('checks the member epoch on OffsetCommit v9+', () => {
    const h = new Harness();
    const topics = new Topics().add('t', 1);
    join(h, topics, 'm1', ['t']);
    const ok = h.commit({ groupId: 'g', memberId: 'm1', generationIdOrMemberEpoch: 1 }, [['t', 0, 5]], 9);
    h.flush();
    expect(ok.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
    expect(h.fetched('g', 't', 0).offset).toBe(5);
    const stale = h.commit({ groupId: 'g', memberId: 'm1', generationIdOrMemberEpoch: 0 }, [['t', 0, 6]], 9);
    expect(stale.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.STALE_MEMBER_EPOCH);
    const unknown = h.commit({ groupId: 'g', memberId: 'zz', generationIdOrMemberEpoch: 1 }, [['t', 0, 6]], 9);
    expect(unknown.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('checks the member epoch on OffsetFetch v9, and takes a fetch without a member (an admin\'s)', () => {
    const { h } = memberCommitted();
    const fetch = (memberId: string | null, memberEpoch: number) => {
      const [g] = h.coordinator.fetchOffsets([{ groupId: 'g', topics: [{ name: 't', partitionIndexes: [0] }], memberId, memberEpoch }], false, h.ctx(8));
      return [g!.errorCode, g!.topics[0]?.partitions[0]?.committedOffset];
    };
    expect(fetch('m1', 1)).toEqual([ErrorCode.NONE, 5]);
    expect(fetch(null, -1)).toEqual([ErrorCode.NONE, 5]);
    expect(fetch('m1', 0)).toEqual([ErrorCode.STALE_MEMBER_EPOCH, undefined]);
    expect(fetch('m1', 2)).toEqual([ErrorCode.STALE_MEMBER_EPOCH, undefined]);
    expect(fetch('zz', 1)).toEqual([ErrorCode.UNKNOWN_MEMBER_ID, undefined]);
    expect(fetch(null, 1)).toEqual([ErrorCode.UNKNOWN_MEMBER_ID, undefined]);
    // A classic group checks nothing here, as in Kafka.
    h.commit({ groupId: 'plain', memberId: '', generationIdOrMemberEpoch: -1 }, [['t', 0, 3]], 9);
    h.flush();
    const [plain] = h.coordinator.fetchOffsets([{ groupId: 'plain', topics: [{ name: 't', partitionIndexes: [0] }], memberId: 'x', memberEpoch: 4 }], false, h.ctx(8));
    expect([plain!.errorCode, plain!.topics[0]!.partitions[0]!.committedOffset]).toEqual([ErrorCode.NONE, 3]);
  });

  it('checks the member epoch on TxnOffsetCommit and makes no classic twin of the group', () => {
    const h = new Harness();
    const topics = new Topics().add('t', 1);
    join(h, topics, 'm1', ['t']);
    const txn = (memberId: string, generationId: number): number => {
      let code = -1;
      h.coordinator.txnCommitOffsets({
        transactionalId: 'tx', groupId: 'g', producerId: 7, producerEpoch: 0, generationId, memberId, groupInstanceId: null,
        topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 9, committedLeaderEpoch: -1, committedMetadata: null }] }],
      }, h.ctx(3), (r) => (code = r.topics[0]!.partitions[0]!.errorCode));
      h.flush();
      return code;
    };
    expect(txn('m1', 0)).toBe(ErrorCode.STALE_MEMBER_EPOCH);
    expect(txn('other', 1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(txn('m1', 1)).toBe(ErrorCode.NONE);
    expect(h.coordinator.listGroups([], [], h.ctx(5)).groups.map((g) => g.groupType)).toEqual(['consumer']);
  });

  it('converts an empty classic group on the first heartbeat and back on JoinGroup once empty', () => {
    const h = new Harness();
    const topics = new Topics().add('t', 1);
    h.commit({ groupId: 'g' }, [['t', 0, 3]]);
    h.flush();
    const r = join(h, topics, 'm1', ['t']);
    expect(r.errorCode).toBe(ErrorCode.NONE);
    expect(h.fetched('g', 't', 0).offset).toBe(3);
    const listed = h.coordinator.listGroups([], ['consumer'], h.ctx(5)).groups;
    expect(listed.map((g) => [g.groupId, g.groupType])).toEqual([['g', 'consumer']]);
    // A classic member may join the consumer group (after the member-id round trip of v4+).
    expect(h.join({ groupId: 'g' }).value!.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    cgh(h, topics, { memberId: 'm1', memberEpoch: -1 });
    const joined = h.join({ groupId: 'g', memberId: '' }, 3);
    h.flush();
    expect(joined.value!.errorCode).toBe(ErrorCode.NONE);
    expect(h.coordinator.listGroups([], [], h.ctx(5)).groups.map((g) => g.groupType)).toEqual(['classic']);
    expect(h.fetched('g', 't', 0).offset).toBe(3);
  });

  it('deletes an empty consumer group with its offsets, and refuses while it has members', () => {
    const { h, topics } = memberCommitted();
    const results: number[] = [];
    h.coordinator.deleteGroups(['g'], h.ctx(2), (r) => results.push(r[0]!.errorCode));
    cgh(h, topics, { memberId: 'm1', memberEpoch: -1 });
    h.coordinator.deleteGroups(['g'], h.ctx(2), (r) => results.push(r[0]!.errorCode));
    h.flush();
    expect(results).toEqual([ErrorCode.NON_EMPTY_GROUP, ErrorCode.NONE]);
    expect(h.coordinator.listGroups([], [], h.ctx(5)).groups).toEqual([]);
    const h2 = new Harness(TEST_CONFIG, []);
    h2.load(0, h.log.get(0)!);
    expect(h2.fetched('g', 't', 0).offset).toBe(-1);
    expect(h2.coordinator.listGroups([], [], h2.ctx(5)).groups).toEqual([]);
  });

  it('refuses to take over a classic group that has members when migration is disabled', () => {
    const h = new Harness({ ...TEST_CONFIG, consumerMigrationPolicy: 'disabled' });
    const topics = new Topics().add('t', 1);
    h.join({ groupId: 'g' }, 3);
    h.flush();
    expect(join(h, topics, 'm1', ['t']).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });
});
