// generated - do not edit: `npm run gen` writes this index of every definition
import type { ApiDefinition, MessageDefinition } from '../definition.js';
import { ProduceApi } from './api/00-produce.js';
import { FetchApi } from './api/01-fetch.js';
import { ListOffsetsApi } from './api/02-list-offsets.js';
import { MetadataApi } from './api/03-metadata.js';
import { ControlledShutdownApi } from './api/07-controlled-shutdown.js';
import { OffsetCommitApi } from './api/08-offset-commit.js';
import { OffsetFetchApi } from './api/09-offset-fetch.js';
import { FindCoordinatorApi } from './api/10-find-coordinator.js';
import { JoinGroupApi } from './api/11-join-group.js';
import { HeartbeatApi } from './api/12-heartbeat.js';
import { LeaveGroupApi } from './api/13-leave-group.js';
import { SyncGroupApi } from './api/14-sync-group.js';
import { DescribeGroupsApi } from './api/15-describe-groups.js';
import { ListGroupsApi } from './api/16-list-groups.js';
import { SaslHandshakeApi } from './api/17-sasl-handshake.js';
import { ApiVersionsApi } from './api/18-api-versions.js';
import { CreateTopicsApi } from './api/19-create-topics.js';
import { DeleteTopicsApi } from './api/20-delete-topics.js';
import { DeleteRecordsApi } from './api/21-delete-records.js';
import { InitProducerIdApi } from './api/22-init-producer-id.js';
import { OffsetForLeaderEpochApi } from './api/23-offset-for-leader-epoch.js';
import { AddPartitionsToTxnApi } from './api/24-add-partitions-to-txn.js';
import { AddOffsetsToTxnApi } from './api/25-add-offsets-to-txn.js';
import { EndTxnApi } from './api/26-end-txn.js';
import { WriteTxnMarkersApi } from './api/27-write-txn-markers.js';
import { TxnOffsetCommitApi } from './api/28-txn-offset-commit.js';
import { DescribeAclsApi } from './api/29-describe-acls.js';
import { CreateAclsApi } from './api/30-create-acls.js';
import { DeleteAclsApi } from './api/31-delete-acls.js';
import { DescribeConfigsApi } from './api/32-describe-configs.js';
import { AlterConfigsApi } from './api/33-alter-configs.js';
import { AlterReplicaLogDirsApi } from './api/34-alter-replica-log-dirs.js';
import { DescribeLogDirsApi } from './api/35-describe-log-dirs.js';
import { SaslAuthenticateApi } from './api/36-sasl-authenticate.js';
import { CreatePartitionsApi } from './api/37-create-partitions.js';
import { CreateDelegationTokenApi } from './api/38-create-delegation-token.js';
import { RenewDelegationTokenApi } from './api/39-renew-delegation-token.js';
import { ExpireDelegationTokenApi } from './api/40-expire-delegation-token.js';
import { DescribeDelegationTokenApi } from './api/41-describe-delegation-token.js';
import { DeleteGroupsApi } from './api/42-delete-groups.js';
import { ElectLeadersApi } from './api/43-elect-leaders.js';
import { IncrementalAlterConfigsApi } from './api/44-incremental-alter-configs.js';
import { AlterPartitionReassignmentsApi } from './api/45-alter-partition-reassignments.js';
import { ListPartitionReassignmentsApi } from './api/46-list-partition-reassignments.js';
import { OffsetDeleteApi } from './api/47-offset-delete.js';
import { DescribeClientQuotasApi } from './api/48-describe-client-quotas.js';
import { AlterClientQuotasApi } from './api/49-alter-client-quotas.js';
import { DescribeUserScramCredentialsApi } from './api/50-describe-user-scram-credentials.js';
import { AlterUserScramCredentialsApi } from './api/51-alter-user-scram-credentials.js';
import { VoteApi } from './api/52-vote.js';
import { BeginQuorumEpochApi } from './api/53-begin-quorum-epoch.js';
import { EndQuorumEpochApi } from './api/54-end-quorum-epoch.js';
import { DescribeQuorumApi } from './api/55-describe-quorum.js';
import { AlterPartitionApi } from './api/56-alter-partition.js';
import { UpdateFeaturesApi } from './api/57-update-features.js';
import { EnvelopeApi } from './api/58-envelope.js';
import { FetchSnapshotApi } from './api/59-fetch-snapshot.js';
import { DescribeClusterApi } from './api/60-describe-cluster.js';
import { DescribeProducersApi } from './api/61-describe-producers.js';
import { BrokerRegistrationApi } from './api/62-broker-registration.js';
import { BrokerHeartbeatApi } from './api/63-broker-heartbeat.js';
import { UnregisterBrokerApi } from './api/64-unregister-broker.js';
import { DescribeTransactionsApi } from './api/65-describe-transactions.js';
import { ListTransactionsApi } from './api/66-list-transactions.js';
import { AllocateProducerIdsApi } from './api/67-allocate-producer-ids.js';
import { ConsumerGroupHeartbeatApi } from './api/68-consumer-group-heartbeat.js';
import { ConsumerGroupDescribeApi } from './api/69-consumer-group-describe.js';
import { ControllerRegistrationApi } from './api/70-controller-registration.js';
import { GetTelemetrySubscriptionsApi } from './api/71-get-telemetry-subscriptions.js';
import { PushTelemetryApi } from './api/72-push-telemetry.js';
import { AssignReplicasToDirsApi } from './api/73-assign-replicas-to-dirs.js';
import { ListClientMetricsResourcesApi } from './api/74-list-client-metrics-resources.js';
import { DescribeTopicPartitionsApi } from './api/75-describe-topic-partitions.js';
import { AddRaftVoterApi } from './api/80-add-raft-voter.js';
import { RemoveRaftVoterApi } from './api/81-remove-raft-voter.js';
import { UpdateRaftVoterApi } from './api/82-update-raft-voter.js';
import { RegisterBrokerRecordDefinition } from './metadata/00-register-broker-record.js';
import { UnregisterBrokerRecordDefinition } from './metadata/01-unregister-broker-record.js';
import { TopicRecordDefinition } from './metadata/02-topic-record.js';
import { PartitionRecordDefinition } from './metadata/03-partition-record.js';
import { ConfigRecordDefinition } from './metadata/04-config-record.js';
import { PartitionChangeRecordDefinition } from './metadata/05-partition-change-record.js';
import { FenceBrokerRecordDefinition } from './metadata/07-fence-broker-record.js';
import { UnfenceBrokerRecordDefinition } from './metadata/08-unfence-broker-record.js';
import { RemoveTopicRecordDefinition } from './metadata/09-remove-topic-record.js';
import { DelegationTokenRecordDefinition } from './metadata/10-delegation-token-record.js';
import { UserScramCredentialRecordDefinition } from './metadata/11-user-scram-credential-record.js';
import { FeatureLevelRecordDefinition } from './metadata/12-feature-level-record.js';
import { ClientQuotaRecordDefinition } from './metadata/14-client-quota-record.js';
import { ProducerIdsRecordDefinition } from './metadata/15-producer-ids-record.js';
import { BrokerRegistrationChangeRecordDefinition } from './metadata/17-broker-registration-change-record.js';
import { AccessControlEntryRecordDefinition } from './metadata/18-access-control-entry-record.js';
import { RemoveAccessControlEntryRecordDefinition } from './metadata/19-remove-access-control-entry-record.js';
import { NoOpRecordDefinition } from './metadata/20-no-op-record.js';
import { ZkMigrationStateRecordDefinition } from './metadata/21-zk-migration-state-record.js';
import { RemoveUserScramCredentialRecordDefinition } from './metadata/22-remove-user-scram-credential-record.js';
import { BeginTransactionRecordDefinition } from './metadata/23-begin-transaction-record.js';
import { EndTransactionRecordDefinition } from './metadata/24-end-transaction-record.js';
import { AbortTransactionRecordDefinition } from './metadata/25-abort-transaction-record.js';
import { RemoveDelegationTokenRecordDefinition } from './metadata/26-remove-delegation-token-record.js';
import { RegisterControllerRecordDefinition } from './metadata/27-register-controller-record.js';
import { RequestHeaderDefinition } from './header/request-header.js';
import { ResponseHeaderDefinition } from './header/response-header.js';
import { ConsumerGroupCurrentMemberAssignmentKeyDefinition } from './data/consumer-group-current-member-assignment-key.js';
import { ConsumerGroupCurrentMemberAssignmentValueDefinition } from './data/consumer-group-current-member-assignment-value.js';
import { ConsumerGroupMemberMetadataKeyDefinition } from './data/consumer-group-member-metadata-key.js';
import { ConsumerGroupMemberMetadataValueDefinition } from './data/consumer-group-member-metadata-value.js';
import { ConsumerGroupMetadataKeyDefinition } from './data/consumer-group-metadata-key.js';
import { ConsumerGroupMetadataValueDefinition } from './data/consumer-group-metadata-value.js';
import { ConsumerGroupPartitionMetadataKeyDefinition } from './data/consumer-group-partition-metadata-key.js';
import { ConsumerGroupPartitionMetadataValueDefinition } from './data/consumer-group-partition-metadata-value.js';
import { ConsumerGroupTargetAssignmentMemberKeyDefinition } from './data/consumer-group-target-assignment-member-key.js';
import { ConsumerGroupTargetAssignmentMemberValueDefinition } from './data/consumer-group-target-assignment-member-value.js';
import { ConsumerGroupTargetAssignmentMetadataKeyDefinition } from './data/consumer-group-target-assignment-metadata-key.js';
import { ConsumerGroupTargetAssignmentMetadataValueDefinition } from './data/consumer-group-target-assignment-metadata-value.js';
import { ConsumerProtocolAssignmentDefinition } from './data/consumer-protocol-assignment.js';
import { ConsumerProtocolSubscriptionDefinition } from './data/consumer-protocol-subscription.js';
import { DefaultPrincipalDataDefinition } from './data/default-principal-data.js';
import { GroupMetadataKeyDefinition } from './data/group-metadata-key.js';
import { GroupMetadataValueDefinition } from './data/group-metadata-value.js';
import { KRaftVersionRecordDefinition } from './data/kraft-version-record.js';
import { LeaderChangeMessageDefinition } from './data/leader-change-message.js';
import { OffsetCommitKeyDefinition } from './data/offset-commit-key.js';
import { OffsetCommitValueDefinition } from './data/offset-commit-value.js';
import { QuorumStateDataDefinition } from './data/quorum-state-data.js';
import { ShareGroupCurrentMemberAssignmentKeyDefinition } from './data/share-group-current-member-assignment-key.js';
import { ShareGroupCurrentMemberAssignmentValueDefinition } from './data/share-group-current-member-assignment-value.js';
import { ShareGroupMemberMetadataKeyDefinition } from './data/share-group-member-metadata-key.js';
import { ShareGroupMemberMetadataValueDefinition } from './data/share-group-member-metadata-value.js';
import { ShareGroupMetadataKeyDefinition } from './data/share-group-metadata-key.js';
import { ShareGroupMetadataValueDefinition } from './data/share-group-metadata-value.js';
import { ShareGroupPartitionMetadataKeyDefinition } from './data/share-group-partition-metadata-key.js';
import { ShareGroupPartitionMetadataValueDefinition } from './data/share-group-partition-metadata-value.js';
import { ShareGroupStatePartitionMetadataKeyDefinition } from './data/share-group-state-partition-metadata-key.js';
import { ShareGroupStatePartitionMetadataValueDefinition } from './data/share-group-state-partition-metadata-value.js';
import { ShareGroupTargetAssignmentMemberKeyDefinition } from './data/share-group-target-assignment-member-key.js';
import { ShareGroupTargetAssignmentMemberValueDefinition } from './data/share-group-target-assignment-member-value.js';
import { ShareGroupTargetAssignmentMetadataKeyDefinition } from './data/share-group-target-assignment-metadata-key.js';
import { ShareGroupTargetAssignmentMetadataValueDefinition } from './data/share-group-target-assignment-metadata-value.js';
import { SnapshotFooterRecordDefinition } from './data/snapshot-footer-record.js';
import { SnapshotHeaderRecordDefinition } from './data/snapshot-header-record.js';
import { TransactionLogKeyDefinition } from './data/transaction-log-key.js';
import { TransactionLogValueDefinition } from './data/transaction-log-value.js';
import { VotersRecordDefinition } from './data/voters-record.js';

/** Every API, by ascending key. */
export const apiDefinitions: readonly ApiDefinition[] = [
  ProduceApi,
  FetchApi,
  ListOffsetsApi,
  MetadataApi,
  ControlledShutdownApi,
  OffsetCommitApi,
  OffsetFetchApi,
  FindCoordinatorApi,
  JoinGroupApi,
  HeartbeatApi,
  LeaveGroupApi,
  SyncGroupApi,
  DescribeGroupsApi,
  ListGroupsApi,
  SaslHandshakeApi,
  ApiVersionsApi,
  CreateTopicsApi,
  DeleteTopicsApi,
  DeleteRecordsApi,
  InitProducerIdApi,
  OffsetForLeaderEpochApi,
  AddPartitionsToTxnApi,
  AddOffsetsToTxnApi,
  EndTxnApi,
  WriteTxnMarkersApi,
  TxnOffsetCommitApi,
  DescribeAclsApi,
  CreateAclsApi,
  DeleteAclsApi,
  DescribeConfigsApi,
  AlterConfigsApi,
  AlterReplicaLogDirsApi,
  DescribeLogDirsApi,
  SaslAuthenticateApi,
  CreatePartitionsApi,
  CreateDelegationTokenApi,
  RenewDelegationTokenApi,
  ExpireDelegationTokenApi,
  DescribeDelegationTokenApi,
  DeleteGroupsApi,
  ElectLeadersApi,
  IncrementalAlterConfigsApi,
  AlterPartitionReassignmentsApi,
  ListPartitionReassignmentsApi,
  OffsetDeleteApi,
  DescribeClientQuotasApi,
  AlterClientQuotasApi,
  DescribeUserScramCredentialsApi,
  AlterUserScramCredentialsApi,
  VoteApi,
  BeginQuorumEpochApi,
  EndQuorumEpochApi,
  DescribeQuorumApi,
  AlterPartitionApi,
  UpdateFeaturesApi,
  EnvelopeApi,
  FetchSnapshotApi,
  DescribeClusterApi,
  DescribeProducersApi,
  BrokerRegistrationApi,
  BrokerHeartbeatApi,
  UnregisterBrokerApi,
  DescribeTransactionsApi,
  ListTransactionsApi,
  AllocateProducerIdsApi,
  ConsumerGroupHeartbeatApi,
  ConsumerGroupDescribeApi,
  ControllerRegistrationApi,
  GetTelemetrySubscriptionsApi,
  PushTelemetryApi,
  AssignReplicasToDirsApi,
  ListClientMetricsResourcesApi,
  DescribeTopicPartitionsApi,
  AddRaftVoterApi,
  RemoveRaftVoterApi,
  UpdateRaftVoterApi,
];

/** __cluster_metadata records, by ascending record type. */
export const metadataRecordDefinitions: readonly MessageDefinition[] = [
  RegisterBrokerRecordDefinition,
  UnregisterBrokerRecordDefinition,
  TopicRecordDefinition,
  PartitionRecordDefinition,
  ConfigRecordDefinition,
  PartitionChangeRecordDefinition,
  FenceBrokerRecordDefinition,
  UnfenceBrokerRecordDefinition,
  RemoveTopicRecordDefinition,
  DelegationTokenRecordDefinition,
  UserScramCredentialRecordDefinition,
  FeatureLevelRecordDefinition,
  ClientQuotaRecordDefinition,
  ProducerIdsRecordDefinition,
  BrokerRegistrationChangeRecordDefinition,
  AccessControlEntryRecordDefinition,
  RemoveAccessControlEntryRecordDefinition,
  NoOpRecordDefinition,
  ZkMigrationStateRecordDefinition,
  RemoveUserScramCredentialRecordDefinition,
  BeginTransactionRecordDefinition,
  EndTransactionRecordDefinition,
  AbortTransactionRecordDefinition,
  RemoveDelegationTokenRecordDefinition,
  RegisterControllerRecordDefinition,
];

/** Request and response headers. */
export const headerDefinitions: readonly MessageDefinition[] = [
  RequestHeaderDefinition,
  ResponseHeaderDefinition,
];

/** Other versioned data: internal-topic keys and values, Raft control records and state, by name. */
export const dataDefinitions: readonly MessageDefinition[] = [
  ConsumerGroupCurrentMemberAssignmentKeyDefinition,
  ConsumerGroupCurrentMemberAssignmentValueDefinition,
  ConsumerGroupMemberMetadataKeyDefinition,
  ConsumerGroupMemberMetadataValueDefinition,
  ConsumerGroupMetadataKeyDefinition,
  ConsumerGroupMetadataValueDefinition,
  ConsumerGroupPartitionMetadataKeyDefinition,
  ConsumerGroupPartitionMetadataValueDefinition,
  ConsumerGroupTargetAssignmentMemberKeyDefinition,
  ConsumerGroupTargetAssignmentMemberValueDefinition,
  ConsumerGroupTargetAssignmentMetadataKeyDefinition,
  ConsumerGroupTargetAssignmentMetadataValueDefinition,
  ConsumerProtocolAssignmentDefinition,
  ConsumerProtocolSubscriptionDefinition,
  DefaultPrincipalDataDefinition,
  GroupMetadataKeyDefinition,
  GroupMetadataValueDefinition,
  KRaftVersionRecordDefinition,
  LeaderChangeMessageDefinition,
  OffsetCommitKeyDefinition,
  OffsetCommitValueDefinition,
  QuorumStateDataDefinition,
  ShareGroupCurrentMemberAssignmentKeyDefinition,
  ShareGroupCurrentMemberAssignmentValueDefinition,
  ShareGroupMemberMetadataKeyDefinition,
  ShareGroupMemberMetadataValueDefinition,
  ShareGroupMetadataKeyDefinition,
  ShareGroupMetadataValueDefinition,
  ShareGroupPartitionMetadataKeyDefinition,
  ShareGroupPartitionMetadataValueDefinition,
  ShareGroupStatePartitionMetadataKeyDefinition,
  ShareGroupStatePartitionMetadataValueDefinition,
  ShareGroupTargetAssignmentMemberKeyDefinition,
  ShareGroupTargetAssignmentMemberValueDefinition,
  ShareGroupTargetAssignmentMetadataKeyDefinition,
  ShareGroupTargetAssignmentMetadataValueDefinition,
  SnapshotFooterRecordDefinition,
  SnapshotHeaderRecordDefinition,
  TransactionLogKeyDefinition,
  TransactionLogValueDefinition,
  VotersRecordDefinition,
];
