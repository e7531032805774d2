// Leader elections of the controller, driven directly: ElectLeaders preferred and unclean, the
// periodic preferred-leader rebalance, and unclean elections when the last ISR member dies.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import type { ElectLeadersRequest } from '../../../protocol/generated/api/43-elect-leaders.js';
import { electLeaders } from '../../../src/controller/leader-elections.js';
import { QuorumController } from '../../../src/controller/quorum-controller.js';
import { RECOVERED, RECOVERING, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { applyRecords, controllerEnv, fence, partitionChange, partitionOf, world } from './harness.js';

const env = controllerEnv();

function elect(image: MetadataImage, electionType: number, partitions: number[] | null = [0]) {
  const req: ElectLeadersRequest = { electionType, timeoutMs: 1000, topicPartitions: partitions === null ? null : [{ topic: 't', partitions }] };
  const { records, response } = electLeaders(env, image, req);
  return { image: applyRecords(image, records), results: response.replicaElectionResults.flatMap((t) => t.partitionResult) };
}

describe('ElectLeaders', () => {
  const ledBySecond = (image: MetadataImage) => applyRecords(image, [partitionChange(image, 't', 0, { leader: 2 })]);

  it('moves leadership to the preferred replica when it is in the ISR', () => {
    const { image, results } = elect(ledBySecond(world(2, 't', () => [1, 2])), 0);
    expect(results).toEqual([{ partitionId: 0, errorCode: ErrorCode.NONE, errorMessage: null }]);
    expect(partitionOf(image, 't')).toMatchObject({ leader: 1, leaderEpoch: 2, isr: [1, 2] });
  });

  it('answers ELECTION_NOT_NEEDED when the preferred replica leads, PREFERRED_LEADER_NOT_AVAILABLE when it cannot', () => {
    expect(elect(world(2, 't', () => [1, 2]), 0).results[0]!.errorCode).toBe(ErrorCode.ELECTION_NOT_NEEDED);
    const outOfIsr = ledBySecond(world(2, 't', () => [1, 2]));
    const shrunk = applyRecords(outOfIsr, [partitionChange(outOfIsr, 't', 0, { isr: [2] })]);
    const { image, results } = elect(shrunk, 0);
    expect(results[0]!.errorCode).toBe(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE);
    expect(partitionOf(image, 't').leader).toBe(2);
    const fenced = applyRecords(ledBySecond(world(2, 't', () => [1, 2])), [fence(1)]);
    expect(elect(fenced, 0).results[0]!.errorCode).toBe(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE);
  });

  it('with null partitions elects everywhere and leaves out partitions that need nothing', () => {
    const base = world(2, 't', (p) => (p === 0 ? [1, 2] : [2, 1]), 2);
    const { results } = elect(ledBySecond(base), 0, null);
    expect(results).toEqual([{ partitionId: 0, errorCode: ErrorCode.NONE, errorMessage: null }]);
  });

  it('unclean: a leaderless partition gets a live replica from outside the ISR, which becomes the whole ISR, RECOVERING', () => {
    let image = world(2, 't', () => [1, 2]);
    image = applyRecords(image, [partitionChange(image, 't', 0, { isr: [1] })]);
    image = applyRecords(image, [fence(1), partitionChange(image, 't', 0, { leader: -1 })]);
    expect(partitionOf(image, 't').leaderRecoveryState).toBe(RECOVERED);
    const { image: after, results } = elect(image, 1);
    expect(results[0]!.errorCode).toBe(ErrorCode.NONE);
    expect(partitionOf(after, 't')).toMatchObject({ leader: 2, isr: [2], leaderRecoveryState: RECOVERING });
    expect(elect(after, 1).results[0]!.errorCode).toBe(ErrorCode.ELECTION_NOT_NEEDED);
    const allDead = applyRecords(image, [fence(2)]);
    expect(elect(allDead, 1).results[0]!.errorCode).toBe(ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE);
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for what does not exist', () => {
    const image = world(2, 't', () => [1, 2]);
    expect(elect(image, 0, [7]).results[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });
});

/** An active controller over `image`, whose brokers all heartbeat at `nowMs` (activation). */
function activeController(image: MetadataImage, overrides: Record<string, string>, nowMs = 0): QuorumController {
  const c = new QuorumController(controllerEnv(overrides), 'cluster');
  c.activate(image, nowMs);
  return c;
}

describe('the controller elects leaders on its own', () => {
  const interval = { 'leader.imbalance.check.interval.seconds': '10', 'broker.session.timeout.ms': '100000' };

  it('moves leadership back to the preferred replica once per leader.imbalance.check.interval.seconds', () => {
    const base = world(2, 't', () => [1, 2]);
    const c = activeController(applyRecords(base, [partitionChange(base, 't', 0, { leader: 2 })]), interval);
    expect(c.tick(9_999)).toEqual([]);
    const records = c.tick(10_000);
    expect(records).toHaveLength(1);
    expect(partitionOf(c.image, 't').leader).toBe(1);
    expect(c.tick(20_000)).toEqual([]);
  });

  it('leaves leadership where it is when auto.leader.rebalance.enable is false, or the preferred replica is out of the ISR', () => {
    const base = world(2, 't', () => [1, 2]);
    const ledBy2 = applyRecords(base, [partitionChange(base, 't', 0, { leader: 2 })]);
    expect(activeController(ledBy2, { ...interval, 'auto.leader.rebalance.enable': 'false' }).tick(10_000)).toEqual([]);
    const outOfIsr = applyRecords(ledBy2, [partitionChange(ledBy2, 't', 0, { isr: [2] })]);
    expect(activeController(outOfIsr, interval).tick(10_000)).toEqual([]);
  });

  it('elects a replica outside the ISR when the last ISR member dies, only where unclean.leader.election.enable allows', () => {
    const sessions = { 'broker.session.timeout.ms': '1000' };
    let base = world(2, 't', () => [1, 2]);
    base = applyRecords(base, [partitionChange(base, 't', 0, { isr: [1] })]);
    const strict = activeController(base, sessions);
    strict.brokerHeartbeat({ brokerId: 2, brokerEpoch: 12, currentMetadataOffset: 1e9, wantFence: false, wantShutDown: false, offlineLogDirs: [] }, 900);
    strict.tick(1_500);
    expect(partitionOf(strict.image, 't')).toMatchObject({ leader: -1, isr: [1] });

    const topicUnclean = applyRecords(base, [record(MetadataRecordType.CONFIG, { resourceType: 2, resourceName: 't', name: 'unclean.leader.election.enable', value: 'true' })]);
    const lenient = activeController(topicUnclean, sessions);
    lenient.brokerHeartbeat({ brokerId: 2, brokerEpoch: 12, currentMetadataOffset: 1e9, wantFence: false, wantShutDown: false, offlineLogDirs: [] }, 900);
    lenient.tick(1_500);
    expect(lenient.image.brokers.get(1)!.fenced).toBe(true);
    expect(partitionOf(lenient.image, 't')).toMatchObject({ leader: 2, isr: [2] });
  });
});
