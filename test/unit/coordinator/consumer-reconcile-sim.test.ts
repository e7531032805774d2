// Seeded simulation of consumer-protocol members on the virtual clock: members join, leave,
// change nothing or lag in acknowledging revocations, in random order. After every heartbeat the
// invariant is that no two members believe they own the same partition (revocation before
// reassignment); once the churn stops, every partition is owned. A failure prints the seed and
// the command that replays it.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { Harness } from './harness.js';
import { Topics, cgh, join, type Owned } from './consumer-harness.js';
import { seededRandom as rng } from '../../helpers/seeded-random.js';

interface SimMember {
  id: string;
  epoch: number;
  owned: Owned;
}

function run(seed: number): void {
  const random = rng(seed);
  const h = new Harness();
  const topics = new Topics().add('a', 5).add('b', 3);
  const live = new Map<string, SimMember>();
  let next = 0;
  const check = (): void => {
    const seen = new Map<string, string>();
    for (const m of live.values()) {
      for (const [t, ps] of Object.entries(m.owned)) {
        for (const p of ps) {
          const k = `${t}-${p}`;
          expect(seen.get(k), `seed ${seed}: ${k} owned by ${seen.get(k)} and ${m.id}`).toBeUndefined();
          seen.set(k, m.id);
        }
      }
    }
  };
  const beat = (m: SimMember): void => {
    const r = cgh(h, topics, { memberId: m.id, memberEpoch: m.epoch }, m.owned);
    expect(r.errorCode, `seed ${seed}: heartbeat of ${m.id}`).toBe(ErrorCode.NONE);
    m.epoch = r.memberEpoch;
    if (r.assignment) m.owned = Object.fromEntries(r.assignment.topicPartitions.map((tp) => [topics.name(tp.topicId), [...tp.partitions]]));
    check();
  };
  for (let step = 0; step < 300; step++) {
    const roll = random();
    if ((roll < 0.1 && live.size < 6) || live.size === 0) {
      const id = `m${next++}`;
      const r = join(h, topics, id, ['a', 'b']);
      const m: SimMember = { id, epoch: r.memberEpoch, owned: {} };
      if (r.assignment) m.owned = Object.fromEntries(r.assignment.topicPartitions.map((tp) => [topics.name(tp.topicId), [...tp.partitions]]));
      live.set(id, m);
      check();
    } else if (roll < 0.15) {
      const m = [...live.values()][Math.floor(random() * live.size)]!;
      cgh(h, topics, { memberId: m.id, memberEpoch: -1 });
      live.delete(m.id);
    } else {
      // Some members lag a step behind; everyone heartbeats well within the session timeout.
      for (const m of live.values()) if (random() < 0.7) beat(m);
    }
    h.advance(100);
  }
  for (let round = 0; round < 10; round++) for (const m of live.values()) beat(m);
  const owned = [...live.values()].flatMap((m) => Object.entries(m.owned).flatMap(([t, ps]) => ps.map((p) => `${t}-${p}`)));
  expect(owned.length, `seed ${seed}: all 8 partitions owned at the end`).toBe(8);
}

describe('consumer protocol reconciliation (seeded simulation)', () => {
  const seeds = process.env.KIP848_SEED ? [Number(process.env.KIP848_SEED)] : [1, 2, 3, 4];
  for (const seed of seeds) {
    it(`never gives a partition to two members (seed ${seed}; replay: KIP848_SEED=${seed} npx vitest run test/unit/coordinator/consumer-reconcile-sim.test.ts)`, () => {
      run(seed);
    });
  }
});
