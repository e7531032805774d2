// The reassignment state machine of the controller, driven directly: a target is recorded with
// adding/removing replicas, new replicas join the ISR through AlterPartition, the ISR change that
// puts every target replica in sync completes it, and a cancel reverts it.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import type { AlterPartitionReassignmentsResponse } from '../../../protocol/generated/api/45-alter-partition-reassignments.js';
import { alterPartition } from '../../../src/controller/alter-partition.js';
import { alterPartitionReassignments, listPartitionReassignments } from '../../../src/controller/reassignments.js';
import type { MetadataImage } from '../../../src/metadata/image.js';
import { applyRecords, controllerEnv, fence, partitionChange, partitionOf, world } from './harness.js';

const env = controllerEnv();

function reassign(image: MetadataImage, replicas: number[] | null, topic = 't', partition = 0) {
  const { records, response } = alterPartitionReassignments(env, image, { timeoutMs: 1000, topics: [{ name: topic, partitions: [{ partitionIndex: partition, replicas }] }] });
  return { image: applyRecords(image, records), records, result: firstResult(response) };
}

function firstResult(res: AlterPartitionReassignmentsResponse) {
  return res.responses[0]!.partitions[0]!;
}

/** The leader asks for a new ISR, as replica-manager's ISR check would. */
function expandIsr(image: MetadataImage, isr: number[]) {
  const p = partitionOf(image, 't');
  const { records, response } = alterPartition(env, image, {
    brokerId: p.leader, brokerEpoch: -1,
    topics: [{ topicName: 't', topicId: p.topicId, partitions: [{ partitionIndex: 0, leaderEpoch: p.leaderEpoch, newIsr: isr,
      newIsrWithEpochs: [], leaderRecoveryState: 0, partitionEpoch: p.partitionEpoch }] }],
  });
  expect(response.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
  return { image: applyRecords(image, records), response: response.topics[0]!.partitions[0]! };
}

function listed(image: MetadataImage) {
  return listPartitionReassignments(env, image, { timeoutMs: 1000, topics: null }).response.topics;
}

describe('partition reassignment', () => {
  it('records the target with adding and removing replicas, completes once all targets are in the ISR, and moves leadership off a removed leader', () => {
    let image = world(3, 't', () => [1, 2]);
    const started = reassign(image, [2, 3]);
    expect(started.result.errorCode).toBe(ErrorCode.NONE);
    image = started.image;
    let p = partitionOf(image, 't');
    expect(p.replicas).toEqual([2, 3, 1]);
    expect(p.addingReplicas).toEqual([3]);
    expect(p.removingReplicas).toEqual([1]);
    expect(p.isr).toEqual([1, 2]);
    expect(p.leader).toBe(1);
    expect(listed(image)).toEqual([{ name: 't', partitions: [{ partitionIndex: 0, replicas: [2, 3, 1], addingReplicas: [3], removingReplicas: [1] }] }]);

    // Replica 3 has caught up: the leader adds it, which completes the reassignment.
    const done = expandIsr(image, [1, 2, 3]);
    image = done.image;
    p = partitionOf(image, 't');
    expect(p.replicas).toEqual([2, 3]);
    expect(p.isr).toEqual([2, 3]);
    expect(p.addingReplicas).toBeUndefined();
    expect(p.removingReplicas).toBeUndefined();
    expect(p.leader).toBe(2);
    expect(p.leaderEpoch).toBe(1);
    expect(done.response).toMatchObject({ leaderId: 2, leaderEpoch: 1, isr: [2, 3], partitionEpoch: p.partitionEpoch });
    expect(listed(image)).toEqual([]);
  });

  it('stays in progress while a target replica is out of the ISR', () => {
    let image = reassign(world(4, 't', () => [1, 2]), [1, 3, 4]).image;
    image = expandIsr(image, [1, 2, 3]).image;
    const p = partitionOf(image, 't');
    expect(p.replicas).toEqual([1, 3, 4, 2]);
    expect(p.addingReplicas).toEqual([3, 4]);
    expect(p.isr).toEqual([1, 2, 3]);
    image = expandIsr(image, [1, 2, 3, 4]).image;
    expect(partitionOf(image, 't')).toMatchObject({ replicas: [1, 3, 4], isr: [1, 3, 4], leader: 1, leaderEpoch: 0 });
  });

  it('completes at once when the target is already in sync (a replica removed)', () => {
    const { image } = reassign(world(3, 't', () => [1, 2, 3]), [1, 2]);
    expect(partitionOf(image, 't')).toMatchObject({ replicas: [1, 2], isr: [1, 2], leader: 1 });
    expect(partitionOf(image, 't').removingReplicas).toBeUndefined();
  });

  it('cancels with null replicas: adding replicas go, the original set comes back', () => {
    let image = reassign(world(3, 't', () => [1, 2]), [2, 3]).image;
    const cancelled = reassign(image, null);
    expect(cancelled.result.errorCode).toBe(ErrorCode.NONE);
    image = cancelled.image;
    const p = partitionOf(image, 't');
    // As Kafka's revert: the replica list minus the adding ones, in the reassignment's order.
    expect(p).toMatchObject({ replicas: [2, 1], isr: [1, 2], leader: 1, leaderEpoch: 0 });
    expect(p.addingReplicas).toBeUndefined();
    expect(listed(image)).toEqual([]);
  });

  it('answers NO_REASSIGNMENT_IN_PROGRESS to a cancel without a reassignment', () => {
    const { result, records } = reassign(world(2, 't', () => [1, 2]), null);
    expect(result.errorCode).toBe(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS);
    expect(records).toEqual([]);
  });

  it('refuses a revert that would need an unclean election unless unclean elections are allowed', () => {
    let image = reassign(world(4, 't', () => [1, 2]), [3, 4]).image;
    // Replica 3 joined the ISR, then replicas 1 and 2 died: only an adding replica is in sync.
    image = applyRecords(image, [fence(1), fence(2), partitionChange(image, 't', 0, { isr: [3], leader: 3 })]);
    expect(partitionOf(image, 't')).toMatchObject({ isr: [3], leader: 3, addingReplicas: [3, 4] });
    const refused = reassign(image, null);
    expect(refused.result.errorCode).toBe(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    expect(refused.result.errorMessage).toContain('unclean leader election');
    const { records } = alterPartitionReassignments(controllerEnv({ 'unclean.leader.election.enable': 'true' }), image,
      { timeoutMs: 1000, topics: [{ name: 't', partitions: [{ partitionIndex: 0, replicas: null }] }] });
    expect(partitionOf(applyRecords(image, records), 't')).toMatchObject({ replicas: [1, 2], isr: [1] });
  });

  it('rejects bad targets with INVALID_REPLICA_ASSIGNMENT and unknown partitions with UNKNOWN_TOPIC_OR_PARTITION', () => {
    const image = world(3, 't', () => [1, 2]);
    expect(reassign(image, []).result.errorCode).toBe(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    expect(reassign(image, [1, 1]).result.errorCode).toBe(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    expect(reassign(image, [1, 9]).result).toMatchObject({ errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: expect.stringContaining('broker 9') });
    expect(reassign(image, [1, 2], 'nope').result.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect(reassign(image, [1, 2], 't', 5).result.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });

  it('lists only the partitions asked for that are being reassigned', () => {
    const image = reassign(world(3, 't', () => [1, 2], 2), [2, 3]).image;
    const res = listPartitionReassignments(env, image, { timeoutMs: 1000, topics: [{ name: 't', partitionIndexes: [1] }, { name: 'nope', partitionIndexes: [0] }] });
    expect(res.response.topics).toEqual([]);
  });
});
