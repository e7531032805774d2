// ListPartitionReassignments (key 46), v0.
// Forwarded to the active controller, which lists the partitions with a reassignment in progress
// (replicas, adding, removing) among those asked for, or among all when topics is null; unknown
// topics and partitions are left out, as Kafka does.
// With an authorizer: DESCRIBE on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import {
  ListPartitionReassignmentsApi, type ListPartitionReassignmentsRequest, type ListPartitionReassignmentsResponse,
} from '../../../protocol/generated/api/46-list-partition-reassignments.js';
import { AclOperation } from '../../metadata/acls.js';
import { clusterOperationRefusal } from '../access.js';
import { toController } from '../forward-authorized.js';
import { handler } from '../handler.js';

export const listPartitionReassignmentsHandler = handler<ListPartitionReassignmentsRequest, ListPartitionReassignmentsResponse>({
  api: ListPartitionReassignmentsApi,
  minVersion: 0,
  maxVersion: 0,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    const refusal = clusterOperationRefusal(ctx, ListPartitionReassignmentsApi, AclOperation.DESCRIBE);
    if (refusal) return refusal;
    return toController(ctx, ListPartitionReassignmentsApi, req);
  },
});
