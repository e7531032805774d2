// The server-side assignor interface of the consumer group protocol: given every member's
// subscription and current target, and the partition counts of the subscribed topics, a new target
// assignment for every member. Assignors are pure functions of their input, so two coordinators
// replaying the same group compute the same targets.
import type { Assignment } from '../consumer-assignment.js';

export interface AssignorMember {
  memberId: string;
  /** Topic ids the member subscribes to (names and regex already resolved). */
  subscribedTopicIds: ReadonlySet<string>;
  /** The member's target assignment before this computation: the assignors keep what they can. */
  currentTarget: Assignment;
}

export interface AssignorInput {
  members: readonly AssignorMember[];
  /** Partition count of each subscribed topic id. */
  partitionCounts: ReadonlyMap<string, number>;
}

export type Assignor = (input: AssignorInput) => Map<string, Assignment>;
