import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import type { OffsetDeleteResponse } from '../../../protocol/generated/api/47-offset-delete.js';
import type { DeletableGroupResult } from '../../../protocol/generated/api/42-delete-groups.js';
import { decodeRecord } from '../../../src/coordinator/records.js';
import { Harness, TEST_CONFIG } from './harness.js';

/** One consumer subscribed to t1, Stable. */
function stableConsumer(h: Harness, groupId: string): { memberId: string; generationId: number } {
  const joined = h.join({ groupId }, 3);
  const { memberId, generationId } = joined.value!;
  const sync = h.sync({ groupId, memberId, generationId, assignments: [{ memberId, assignment: Buffer.from('x') }] });
  h.flush();
  expect(sync.value!.errorCode).toBe(ErrorCode.NONE);
  return { memberId, generationId };
}

function deleteOffsets(h: Harness, groupId: string, topic: string, partitions: number[]): { value?: OffsetDeleteResponse } {
  const out: { value?: OffsetDeleteResponse } = {};
  h.coordinator.deleteOffsets({ groupId, topics: [{ name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex })) }] },
    h.ctx(0), (r) => (out.value = r));
  return out;
}

function deleteGroups(h: Harness, ids: string[]): { value?: DeletableGroupResult[] } {
  const out: { value?: DeletableGroupResult[] } = {};
  h.coordinator.deleteGroups(ids, h.ctx(2), (r) => (out.value = r));
  return out;
}

describe('OffsetCommit and OffsetFetch', () => {
  it('stores a simple consumer commit once written; require_stable sees the commit in flight', () => {
    const h = new Harness();
    const commit = h.commit({ groupId: 'simple' }, [['t1', 0, 42], ['t1', 1, 7]]);
    expect(commit.value).toBeUndefined();
    expect(h.fetched('simple', 't1', 0)).toEqual({ offset: -1, errorCode: ErrorCode.NONE });
    expect(h.fetched('simple', 't1', 0, true)).toEqual({ offset: -1, errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT });
    h.flush();
    expect(commit.value!.topics[0]!.partitions.map((p) => p.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
    expect(h.fetched('simple', 't1', 0, true)).toEqual({ offset: 42, errorCode: ErrorCode.NONE });
    const record = decodeRecord(h.log.get(0)![0]!);
    expect(record).toMatchObject({ type: 'offset', groupId: 'simple', topic: 't1', partition: 0, value: { offset: 42, metadata: 'meta', commitTimestamp: h.nowMs } });
  });

  it('fetches every committed partition when no topics are named, and -1 for unknown ones', () => {
    const h = new Harness();
    h.commit({ groupId: 'g' }, [['a', 0, 1], ['b', 2, 3]]);
    h.flush();
    const [all] = h.coordinator.fetchOffsets([{ groupId: 'g', topics: null }], false, h.ctx(8));
    expect(all!.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.committedOffset])])).toEqual([
      ['a', [[0, 1]]], ['b', [[2, 3]]],
    ]);
    const [missing] = h.coordinator.fetchOffsets([{ groupId: 'other', topics: null }], false, h.ctx(8));
    expect(missing).toEqual({ groupId: 'other', errorCode: ErrorCode.NONE, topics: [] });
    expect(h.fetched('g', 'a', 9)).toEqual({ offset: -1, errorCode: ErrorCode.NONE });
  });

  it('accepts commits of the current generation from members and counts them as heartbeats', () => {
    const h = new Harness();
    const m = stableConsumer(h, 'g');
    h.advance(8_000);
    const commit = h.commit({ groupId: 'g', memberId: m.memberId, generationIdOrMemberEpoch: m.generationId }, [['t1', 0, 10]]);
    h.flush();
    expect(commit.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
    h.advance(8_000); // 16 s after the last heartbeat, 8 s after the commit
    expect(h.groupState('g')).toBe('Stable');
    const anonymous = h.commit({ groupId: 'g' }, [['t1', 0, 11]]);
    expect(anonymous.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('answers ILLEGAL_GENERATION, or GROUP_ID_NOT_FOUND from v9, for a generation of a missing group', () => {
    const h = new Harness();
    expect(h.commit({ groupId: 'gone', generationIdOrMemberEpoch: 3, memberId: 'm' }, [['t', 0, 1]]).value!.topics[0]!.partitions[0]!.errorCode)
      .toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(h.commit({ groupId: 'gone', generationIdOrMemberEpoch: 3, memberId: 'm' }, [['t', 0, 1]], 9).value!.topics[0]!.partitions[0]!.errorCode)
      .toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });

  it('refuses metadata over offset.metadata.max.bytes per partition', () => {
    const h = new Harness({ ...TEST_CONFIG, offsetMetadataMaxBytes: 3 });
    const commit = h.commit({ groupId: 'g' }, [['t', 0, 1]]);
    expect(commit.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.OFFSET_METADATA_TOO_LARGE);
    expect(h.pending).toHaveLength(0);
  });

  it('maps a failed append to the error Kafka reports, and keeps nothing', () => {
    const h = new Harness();
    const commit = h.commit({ groupId: 'g' }, [['t', 0, 1]]);
    h.flush(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    expect(commit.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    expect(h.fetched('g', 't', 0)).toEqual({ offset: -1, errorCode: ErrorCode.NONE });
    const big = h.commit({ groupId: 'g' }, [['t', 0, 1]]);
    h.flush(ErrorCode.MESSAGE_TOO_LARGE);
    expect(big.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.INVALID_COMMIT_OFFSET_SIZE);
  });

  it('records an explicit retention (v2-v4) as an expiry and drops the offset when it passes', () => {
    const h = new Harness();
    h.commit({ groupId: 'g', retentionTimeMs: 1_000 }, [['t', 0, 5]], 2);
    h.flush();
    expect(decodeRecord(h.log.get(0)![0]!)).toMatchObject({ value: { expireTimestamp: h.nowMs + 1_000 } });
    h.advance(TEST_CONFIG.offsetsRetentionCheckIntervalMs);
    h.flush();
    expect(h.fetched('g', 't', 0).offset).toBe(-1);
    expect(h.groupState('g')).toBe('Dead'); // an Empty group without offsets is deleted too
  });
});

describe('Offset retention', () => {
  it('expires the offsets of an Empty group offsets.retention after it became empty', () => {
    const h = new Harness();
    const m = stableConsumer(h, 'g');
    h.commit({ groupId: 'g', memberId: m.memberId, generationIdOrMemberEpoch: m.generationId }, [['t1', 0, 10]]);
    h.flush();
    h.coordinator.leaveGroup({ groupId: 'g', memberId: '', members: [{ memberId: m.memberId, groupInstanceId: null, reason: null }] }, h.ctx(3));
    h.flush();
    expect(h.groupState('g')).toBe('Empty');
    h.advance(TEST_CONFIG.offsetsRetentionMs - TEST_CONFIG.offsetsRetentionCheckIntervalMs);
    h.flush();
    expect(h.fetched('g', 't1', 0).offset).toBe(10);
    h.advance(TEST_CONFIG.offsetsRetentionCheckIntervalMs);
    h.flush();
    expect(h.fetched('g', 't1', 0).offset).toBe(-1);
    expect(h.groupState('g')).toBe('Dead');
  });

  it('never expires offsets of topics a Stable consumer group subscribes to', () => {
    const h = new Harness();
    const m = stableConsumer(h, 'g');
    h.commit({ groupId: 'g', memberId: m.memberId, generationIdOrMemberEpoch: m.generationId }, [['t1', 0, 10], ['old', 0, 3]]);
    h.flush();
    for (let elapsed = 0; elapsed <= TEST_CONFIG.offsetsRetentionMs; elapsed += 5_000) {
      h.advance(5_000);
      h.heartbeat('g', m.memberId, m.generationId);
      h.flush();
    }
    expect(h.fetched('g', 't1', 0).offset).toBe(10);
    expect(h.fetched('g', 'old', 0).offset).toBe(-1);
  });
});

describe('OffsetDelete and DeleteGroups', () => {
  it('deletes offsets of topics the consumer group no longer subscribes to', () => {
    const h = new Harness();
    const m = stableConsumer(h, 'g');
    h.commit({ groupId: 'g', memberId: m.memberId, generationIdOrMemberEpoch: m.generationId }, [['t1', 0, 1], ['t2', 0, 2]]);
    h.flush();
    expect(deleteOffsets(h, 'g', 't1', [0]).value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC);
    const deleting = deleteOffsets(h, 'g', 't2', [0]);
    expect(deleting.value).toBeUndefined();
    h.flush();
    expect(deleting.value).toMatchObject({ errorCode: ErrorCode.NONE, topics: [{ name: 't2', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.NONE }] }] });
    expect(h.fetched('g', 't2', 0).offset).toBe(-1);
    expect(h.fetched('g', 't1', 0).offset).toBe(1);
    expect(deleteOffsets(h, 'nope', 't2', [0]).value!.errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });

  it('deletes only Empty groups, with their offsets', () => {
    const h = new Harness();
    stableConsumer(h, 'busy');
    h.commit({ groupId: 'idle' }, [['t', 0, 4]]);
    h.flush();
    const deleting = deleteGroups(h, ['busy', 'idle', 'ghost', 'idle']);
    expect(deleting.value).toBeUndefined();
    expect(h.fetched('idle', 't', 0).offset).toBe(-1);
    h.flush();
    expect(deleting.value).toEqual([
      { groupId: 'busy', errorCode: ErrorCode.NON_EMPTY_GROUP },
      { groupId: 'idle', errorCode: ErrorCode.NONE },
      { groupId: 'ghost', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);
    expect(deleteGroups(h, ['idle']).value).toEqual([{ groupId: 'idle', errorCode: ErrorCode.GROUP_ID_NOT_FOUND }]);
    expect(h.fetched('idle', 't', 0).offset).toBe(-1);
    const tombstones = h.log.get(0)!.slice(-2).map(decodeRecord);
    expect(tombstones).toMatchObject([{ type: 'offset', groupId: 'idle', value: null }, { type: 'group', groupId: 'idle', value: null }]);
  });
});

describe('ListGroups and DescribeGroups', () => {
  it('lists groups with a case-insensitive state filter and a type filter', () => {
    const h = new Harness();
    stableConsumer(h, 'a');
    h.commit({ groupId: 'b' }, [['t', 0, 1]]);
    h.flush();
    const all = h.coordinator.listGroups([], [], h.ctx(5));
    expect(all.groups.map((g) => [g.groupId, g.groupState, g.protocolType, g.groupType])).toEqual([
      ['a', 'Stable', 'consumer', 'classic'], ['b', 'Empty', '', 'classic'],
    ]);
    expect(h.coordinator.listGroups(['stable'], [], h.ctx(5)).groups.map((g) => g.groupId)).toEqual(['a']);
    expect(h.coordinator.listGroups([], ['consumer'], h.ctx(5)).groups).toEqual([]);
  });

  it('describes members with metadata and assignment once Stable', () => {
    const h = new Harness();
    const m = stableConsumer(h, 'g');
    const [d] = h.coordinator.describeGroups(['g'], h.ctx(5));
    expect(d).toMatchObject({ errorCode: ErrorCode.NONE, groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(d!.members[0]).toMatchObject({ memberId: m.memberId, clientId: 'client', clientHost: '/127.0.0.1', memberAssignment: Buffer.from('x') });
    expect(d!.members[0]!.memberMetadata.length).toBeGreaterThan(0);
    expect(h.coordinator.describeGroups(['none'], h.ctx(5))[0]).toMatchObject({ errorCode: ErrorCode.NONE, groupState: 'Dead', members: [] });
  });
});
