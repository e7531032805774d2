// AlterPartitionReassignments (key 45), v0.
// Forwarded to the active controller, which records the target as Kafka's KRaft controller does:
// replicas = target then the replicas being removed, with addingReplicas / removingReplicas. The
// new replicas fetch from the leader and join the ISR; the ISR change that makes all of the
// target in sync completes it (removed replicas leave, leadership moves off a removed leader).
// Null replicas cancel (NO_REASSIGNMENT_IN_PROGRESS without one). Errors as Kafka:
// UNKNOWN_TOPIC_OR_PARTITION, INVALID_REPLICA_ASSIGNMENT (empty, duplicate or unknown brokers).
// The answer comes once the reassignment is recorded, not completed.
// Not implemented: replication throttles.
// With an authorizer: ALTER on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import {
  AlterPartitionReassignmentsApi, type AlterPartitionReassignmentsRequest, type AlterPartitionReassignmentsResponse,
} from '../../../protocol/generated/api/45-alter-partition-reassignments.js';
import { AclOperation } from '../../metadata/acls.js';
import { clusterOperationRefusal } from '../access.js';
import { toController } from '../forward-authorized.js';
import { handler } from '../handler.js';

export const alterPartitionReassignmentsHandler = handler<AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsResponse>({
  api: AlterPartitionReassignmentsApi,
  minVersion: 0,
  maxVersion: 0,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    const refusal = clusterOperationRefusal(ctx, AlterPartitionReassignmentsApi, AclOperation.ALTER);
    if (refusal) return refusal;
    return toController(ctx, AlterPartitionReassignmentsApi, req);
  },
});
