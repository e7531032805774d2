// The Raft core's public surface for the node runtime. The driver contract is at the top of
// raft-node.ts.
export { RaftNode, type Ready, type RaftStatus, type SnapshotIdCheck } from './raft-node.js';
export type { RaftCoreOptions, SnapshotChunk } from './core.js';
export { METADATA_PARTITION, METADATA_TOPIC, METADATA_TOPIC_ID, checkRaftConfig, defaultRaftConfig, type RaftConfig } from './config.js';
export {
  metadataEndOffsetForEpoch,
  sameSnapshotId,
  snapshotFileStem,
  type OffsetAndEpoch,
  type ReplicatedLog,
  type SnapshotId,
  type SnapshotStore,
} from './log-seams.js';
export type {
  InboundMessage,
  InboundRequest,
  InboundResponse,
  OutboundMessage,
  OutboundRequest,
  OutboundResponse,
  RequestFailure,
  RaftExchange,
  RaftRequestBody,
  RaftResponseBody,
} from './messages.js';
export { RaftApiKey } from './messages.js';
export type { ProposeResult } from './leader.js';
export type { RoleInfo, RoleName } from './roles.js';
export { RaftInvariantError } from './assert.js';
export { MemoryLog, MemorySnapshotStore, applyReadyToMemory } from './memory-log.js';
export { VoterSet, KRAFT_VERSION_RANGE, sameEndpoints, type Voter, type VoterEndpoint } from './voter-set.js';
export type { VoterChangeResult } from './reconfig.js';
export { encodeVotersBatch, readControlRecords } from './voter-history.js';
export { bootstrapServerId } from './config.js';
