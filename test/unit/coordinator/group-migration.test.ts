// Online migration between classic and consumer groups (group.consumer.migration.policy) on the
// virtual clock: classic members that keep speaking JoinGroup/SyncGroup/Heartbeat inside a consumer
// group, partitions that move without ever being owned twice, and the way back to classic.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import {
  readConsumerProtocolAssignment, writeConsumerProtocolAssignment,
} from '../../../protocol/generated/data/consumer-protocol-assignment.js';
import { Reader } from '../../../protocol/primitives/reader.js';
import { Writer } from '../../../protocol/primitives/writer.js';
import type { MigrationPolicy } from '../../../src/coordinator/config.js';
import { Harness, TEST_CONFIG } from './harness.js';
import { Topics, assignmentOf, cgh, join, type Owned } from './consumer-harness.js';

const V = 3; // JoinGroup v3: no member-id round trip, as older clients join

function assignmentBytes(owned: Owned): Buffer {
  const w = new Writer();
  w.int16(0);
  writeConsumerProtocolAssignment(w, { assignedPartitions: Object.entries(owned).map(([topic, partitions]) => ({ topic, partitions })), userData: null }, 0);
  return w.toBuffer();
}

function decodeAssignment(bytes: Buffer): Owned {
  const r = new Reader(bytes);
  const out: Owned = {};
  for (const tp of readConsumerProtocolAssignment(r, r.int16()).assignedPartitions) out[tp.topic] = [...tp.partitions].sort((a, b) => a - b);
  return out;
}

/** Two classic members A and B own t1 0-1 and 2-3 in a Stable classic group. */
function classicGroup(policy: MigrationPolicy = 'bidirectional'): { h: Harness; topics: Topics; ids: string[]; generation: number } {
  const h = new Harness({ ...TEST_CONFIG, consumerMigrationPolicy: policy });
  const topics = new Topics().add('t1', 4);
  h.topics = topics;
  const a = h.join({ groupId: 'g', memberId: '' }, V);
  const aId = a.value!.memberId;
  const parked = [h.join({ groupId: 'g', memberId: '' }, V), h.join({ groupId: 'g', memberId: aId }, V)];
  const bId = parked[0]!.value!.memberId;
  const generation = parked[0]!.value!.generationId;
  const leader = parked[0]!.value!.leader;
  const assignments = [{ memberId: aId, assignment: assignmentBytes({ t1: [0, 1] }) }, { memberId: bId, assignment: assignmentBytes({ t1: [2, 3] }) }];
  const syncs = [aId, bId].map((memberId) => h.sync({ groupId: 'g', memberId, generationId: generation, ...(memberId === leader ? { assignments } : {}) }, V));
  h.flush();
  for (const s of syncs) expect(s.value!.errorCode).toBe(ErrorCode.NONE);
  expect(h.groupState('g')).toBe('Stable');
  return { h, topics, ids: [aId, bId], generation };
}

/** A classic member's full rejoin inside the consumer group: JoinGroup, then SyncGroup. */
function rejoin(h: Harness, memberId: string): { generation: number; owned: Owned } {
  const j = h.join({ groupId: 'g', memberId }, V);
  h.flush();
  expect(j.value).toMatchObject({ errorCode: ErrorCode.NONE, leader: '', protocolType: 'consumer', protocolName: 'range', members: [] });
  const s = h.sync({ groupId: 'g', memberId, generationId: j.value!.generationId }, V);
  expect(s.value!.errorCode).toBe(ErrorCode.NONE);
  return { generation: j.value!.generationId, owned: decodeAssignment(s.value!.assignment) };
}

function describeConsumer(h: Harness, topics: Topics) {
  return h.coordinator.consumerGroupDescribe(['g'], h.ctx(0), (id) => topics.name(id))[0]!;
}

/** No partition is in two members' current assignments. */
function expectDisjoint(owned: Owned[]): void {
  const seen = new Set<string>();
  for (const o of owned) {
    for (const [t, ps] of Object.entries(o)) {
      for (const p of ps) {
        expect(seen.has(`${t}-${p}`), `${t}-${p} owned twice`).toBe(false);
        seen.add(`${t}-${p}`);
      }
    }
  }
}

describe('online upgrade: a consumer-protocol member joins a classic group', () => {
  it('converts the group, keeps the classic members working and moves partitions without owning any twice', () => {
    const { h, topics, ids: [a, b], generation } = classicGroup();
    const c = join(h, topics, 'C', ['t1']);
    expect(c.errorCode).toBe(ErrorCode.NONE);
    // Everything is still owned by A and B: C waits for them to give some up.
    expect(assignmentOf(topics, c)).toEqual({});
    const described = describeConsumer(h, topics);
    expect(described.errorCode).toBe(ErrorCode.NONE);
    expect(described.members.map((m) => m.memberId).sort()).toEqual([a, b, 'C'].sort());
    expect(described.groupEpoch).toBe(generation + 1);
    // The classic members learn about the rebalance through their heartbeats.
    expect(h.heartbeat('g', a!, generation).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    // Their commits at their generation still count.
    const commit = h.commit({ groupId: 'g', memberId: a!, generationIdOrMemberEpoch: generation }, [['t1', 0, 42]]);
    h.flush();
    expect(commit.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
    const ra = rejoin(h, a!);
    const rb = rejoin(h, b!);
    expect(ra.generation).toBe(generation + 1);
    expectDisjoint([ra.owned, rb.owned]);
    // C now gets what A and B released.
    const c2 = cgh(h, topics, { memberId: 'C', memberEpoch: c.memberEpoch }, {});
    const cOwned = assignmentOf(topics, c2) ?? {};
    expectDisjoint([ra.owned, rb.owned, cOwned]);
    const all = [ra.owned, rb.owned, cOwned].flatMap((o) => o.t1 ?? []).sort();
    expect(all).toEqual([0, 1, 2, 3]);
    expect(h.heartbeat('g', a!, ra.generation).errorCode).toBe(ErrorCode.NONE);
    // A stale generation is refused for commits, as Kafka's classic members in a consumer group.
    const stale = h.commit({ groupId: 'g', memberId: a!, generationIdOrMemberEpoch: generation }, [['t1', 0, 43]]);
    h.flush();
    expect(stale.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(h.fetched('g', 't1', 0).offset).toBe(42);
  });

  it('survives a reload: classic members come back with their classic metadata', () => {
    const { h, topics, ids: [a] } = classicGroup();
    join(h, topics, 'C', ['t1']);
    const ra = rejoin(h, a!);
    const log = h.log.get(0)!;
    h.coordinator.unload(0, h.nowMs);
    h.load(0, log);
    expect(h.heartbeat('g', a!, ra.generation).errorCode).toBe(ErrorCode.NONE);
    const s = h.sync({ groupId: 'g', memberId: a!, generationId: ra.generation }, V);
    expect(decodeAssignment(s.value!.assignment)).toEqual(ra.owned);
  });

  it('refuses a non-empty classic group when the policy does not allow upgrades', () => {
    for (const policy of ['disabled', 'downgrade'] as const) {
      const { h, topics } = classicGroup(policy);
      expect(join(h, topics, 'C', ['t1']).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
      expect(h.groupState('g')).toBe('Stable');
    }
  });

  it('fences a classic member that stops heartbeating after its classic session timeout', () => {
    const { h, topics, ids: [a, b] } = classicGroup();
    join(h, topics, 'C', ['t1']);
    rejoin(h, b!);
    h.advance(TEST_CONFIG.consumerSessionTimeoutMs / 4); // past the classic 10 s session, before the consumer one
    h.flush();
    const members = describeConsumer(h, topics).members.map((m) => m.memberId);
    expect(members).not.toContain(a);
  });
});

describe('online downgrade: the last consumer-protocol member leaves', () => {
  it('turns the group classic again with the members holding their targets, then rebalances', () => {
    const { h, topics, ids: [a, b] } = classicGroup();
    const c = join(h, topics, 'C', ['t1']);
    const ra = rejoin(h, a!);
    rejoin(h, b!);
    const c2 = cgh(h, topics, { memberId: 'C', memberEpoch: c.memberEpoch }, {});
    const left = cgh(h, topics, { memberId: 'C', memberEpoch: -1 }, assignmentOf(topics, c2) ?? {});
    expect(left.errorCode).toBe(ErrorCode.NONE);
    expect(describeConsumer(h, topics).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
    expect(h.groupState('g')).toBe('PreparingRebalance');
    expect(h.heartbeat('g', a!, ra.generation).errorCode).not.toBe(ErrorCode.NONE);
    // Both rejoin as classic members; the classic leader assigns again.
    const ja = h.join({ groupId: 'g', memberId: a! }, V);
    const jb = h.join({ groupId: 'g', memberId: b! }, V);
    h.flush();
    expect(ja.value!.errorCode).toBe(ErrorCode.NONE);
    expect(jb.value!.errorCode).toBe(ErrorCode.NONE);
    expect(ja.value!.leader).not.toBe('');
    expect(ja.value!.generationId).toBeGreaterThan(ra.generation);
    // After a reload the group is still classic.
    const log = h.log.get(0)!;
    h.coordinator.unload(0, h.nowMs);
    h.load(0, log);
    expect(describeConsumer(h, topics).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });

  it('keeps the consumer group when the policy does not allow downgrades', () => {
    const { h, topics, ids: [a, b] } = classicGroup('upgrade');
    const c = join(h, topics, 'C', ['t1']);
    rejoin(h, a!);
    rejoin(h, b!);
    cgh(h, topics, { memberId: 'C', memberEpoch: -1 }, {});
    void c;
    const described = describeConsumer(h, topics);
    expect(described.errorCode).toBe(ErrorCode.NONE);
    expect(described.members.map((m) => m.memberId).sort()).toEqual([a, b].sort());
  });
});
