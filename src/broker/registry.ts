// Every API this broker answers, and the ApiVersions list derived from it.
import type { ApiVersion } from '../../protocol/generated/api/18-api-versions.js';
import type { Handler, ListenerType } from './handler.js';
import { produceHandler } from './handlers/00-produce.js';
import { fetchHandler } from './handlers/01-fetch.js';
import { listOffsetsHandler } from './handlers/02-list-offsets.js';
import { offsetCommitHandler } from './handlers/08-offset-commit.js';
import { offsetFetchHandler } from './handlers/09-offset-fetch.js';
import { findCoordinatorHandler } from './handlers/10-find-coordinator.js';
import { joinGroupHandler } from './handlers/11-join-group.js';
import { heartbeatHandler } from './handlers/12-heartbeat.js';
import { consumerGroupHeartbeatHandler } from './handlers/68-consumer-group-heartbeat.js';
import { consumerGroupDescribeHandler } from './handlers/69-consumer-group-describe.js';
import { describeTopicPartitionsHandler } from './handlers/75-describe-topic-partitions.js';
import { leaveGroupHandler } from './handlers/13-leave-group.js';
import { syncGroupHandler } from './handlers/14-sync-group.js';
import { describeGroupsHandler } from './handlers/15-describe-groups.js';
import { listGroupsHandler } from './handlers/16-list-groups.js';
import { deleteGroupsHandler } from './handlers/42-delete-groups.js';
import { offsetDeleteHandler } from './handlers/47-offset-delete.js';
import { apiVersionsHandler } from './handlers/18-api-versions.js';
import { deleteRecordsHandler } from './handlers/21-delete-records.js';
import { initProducerIdHandler } from './handlers/22-init-producer-id.js';
import { offsetForLeaderEpochHandler } from './handlers/23-offset-for-leader-epoch.js';
import { writeTxnMarkersHandler } from './handlers/27-write-txn-markers.js';
import { metadataHandler } from './handlers/03-metadata.js';
import { createTopicsHandler } from './handlers/19-create-topics.js';
import { deleteTopicsHandler } from './handlers/20-delete-topics.js';
import { createPartitionsHandler } from './handlers/37-create-partitions.js';
import { describeConfigsHandler } from './handlers/32-describe-configs.js';
import { alterConfigsHandler } from './handlers/33-alter-configs.js';
import { describeLogDirsHandler } from './handlers/35-describe-log-dirs.js';
import { electLeadersHandler } from './handlers/43-elect-leaders.js';
import { incrementalAlterConfigsHandler } from './handlers/44-incremental-alter-configs.js';
import { alterPartitionReassignmentsHandler } from './handlers/45-alter-partition-reassignments.js';
import { listPartitionReassignmentsHandler } from './handlers/46-list-partition-reassignments.js';
import { describeClientQuotasHandler } from './handlers/48-describe-client-quotas.js';
import { alterClientQuotasHandler } from './handlers/49-alter-client-quotas.js';
import { updateFeaturesHandler } from './handlers/57-update-features.js';
import { describeClusterHandler } from './handlers/60-describe-cluster.js';
import { describeProducersHandler } from './handlers/61-describe-producers.js';
import { quorumFetchHandler } from './handlers/01-fetch-quorum.js';
import { voteHandler } from './handlers/52-vote.js';
import { beginQuorumEpochHandler } from './handlers/53-begin-quorum-epoch.js';
import { endQuorumEpochHandler } from './handlers/54-end-quorum-epoch.js';
import { describeQuorumHandler } from './handlers/55-describe-quorum.js';
import { alterPartitionHandler } from './handlers/56-alter-partition.js';
import { fetchSnapshotHandler } from './handlers/59-fetch-snapshot.js';
import { addRaftVoterHandler } from './handlers/80-add-raft-voter.js';
import { removeRaftVoterHandler } from './handlers/81-remove-raft-voter.js';
import { updateRaftVoterHandler } from './handlers/82-update-raft-voter.js';
import { brokerRegistrationHandler } from './handlers/62-broker-registration.js';
import { brokerHeartbeatHandler } from './handlers/63-broker-heartbeat.js';
import { unregisterBrokerHandler } from './handlers/64-unregister-broker.js';
import { allocateProducerIdsHandler } from './handlers/67-allocate-producer-ids.js';
import { describeAclsHandler } from './handlers/29-describe-acls.js';
import { createAclsHandler } from './handlers/30-create-acls.js';
import { deleteAclsHandler } from './handlers/31-delete-acls.js';
import { createDelegationTokenHandler } from './handlers/38-create-delegation-token.js';
import { renewDelegationTokenHandler } from './handlers/39-renew-delegation-token.js';
import { expireDelegationTokenHandler } from './handlers/40-expire-delegation-token.js';
import { describeDelegationTokenHandler } from './handlers/41-describe-delegation-token.js';
import { addPartitionsToTxnHandler } from './handlers/24-add-partitions-to-txn.js';
import { addOffsetsToTxnHandler } from './handlers/25-add-offsets-to-txn.js';
import { endTxnHandler } from './handlers/26-end-txn.js';
import { txnOffsetCommitHandler } from './handlers/28-txn-offset-commit.js';
import { describeTransactionsHandler } from './handlers/65-describe-transactions.js';
import { listTransactionsHandler } from './handlers/66-list-transactions.js';
import { saslHandshakeHandler } from './handlers/17-sasl-handshake.js';
import { saslAuthenticateHandler } from './handlers/36-sasl-authenticate.js';
import { describeUserScramCredentialsHandler } from './handlers/50-describe-user-scram-credentials.js';
import { alterUserScramCredentialsHandler } from './handlers/51-alter-user-scram-credentials.js';

const HANDLERS: readonly Handler[] = [
  produceHandler,
  fetchHandler,
  listOffsetsHandler,
  metadataHandler,
  apiVersionsHandler,
  createTopicsHandler,
  deleteTopicsHandler,
  deleteRecordsHandler,
  initProducerIdHandler,
  addPartitionsToTxnHandler,
  addOffsetsToTxnHandler,
  endTxnHandler,
  txnOffsetCommitHandler,
  describeTransactionsHandler,
  listTransactionsHandler,
  offsetForLeaderEpochHandler,
  writeTxnMarkersHandler,
  describeConfigsHandler,
  alterConfigsHandler,
  describeLogDirsHandler,
  createPartitionsHandler,
  electLeadersHandler,
  incrementalAlterConfigsHandler,
  alterPartitionReassignmentsHandler,
  listPartitionReassignmentsHandler,
  describeClientQuotasHandler,
  alterClientQuotasHandler,
  updateFeaturesHandler,
  describeClusterHandler,
  describeTopicPartitionsHandler,
  describeProducersHandler,
  offsetCommitHandler,
  offsetFetchHandler,
  findCoordinatorHandler,
  joinGroupHandler,
  heartbeatHandler,
  leaveGroupHandler,
  syncGroupHandler,
  describeGroupsHandler,
  listGroupsHandler,
  deleteGroupsHandler,
  offsetDeleteHandler,
  consumerGroupHeartbeatHandler,
  consumerGroupDescribeHandler,
  quorumFetchHandler,
  voteHandler,
  beginQuorumEpochHandler,
  endQuorumEpochHandler,
  describeQuorumHandler,
  alterPartitionHandler,
  fetchSnapshotHandler,
  addRaftVoterHandler,
  removeRaftVoterHandler,
  updateRaftVoterHandler,
  brokerRegistrationHandler,
  brokerHeartbeatHandler,
  unregisterBrokerHandler,
  allocateProducerIdsHandler,
  describeAclsHandler,
  createAclsHandler,
  deleteAclsHandler,
  createDelegationTokenHandler,
  renewDelegationTokenHandler,
  expireDelegationTokenHandler,
  describeDelegationTokenHandler,
  saslHandshakeHandler,
  saslAuthenticateHandler,
  describeUserScramCredentialsHandler,
  alterUserScramCredentialsHandler,
];

const byListener: Record<ListenerType, (Handler | undefined)[]> = { broker: [], controller: [] };
for (const h of HANDLERS) {
  for (const listener of h.listeners ?? ['broker']) {
    if (byListener[listener][h.api.key]) throw new Error(`two handlers for API ${h.api.key} on the ${listener} listener`);
    byListener[listener][h.api.key] = h;
  }
}

export function handlerFor(apiKey: number, listener: ListenerType = 'broker'): Handler | undefined {
  return byListener[listener][apiKey];
}

export function supportedApis(listener: ListenerType = 'broker'): ApiVersion[] {
  return byListener[listener].flatMap((h) => (h ? [{ apiKey: h.api.key, minVersion: h.minVersion, maxVersion: h.maxVersion }] : []));
}
