// Every API this broker answers, and the ApiVersions list derived from it.
import type { ApiVersion } from '../../protocol/generated/api/18-api-versions.js';
import type { Handler } from './handler.js';
import { produceHandler } from './handlers/00-produce.js';
import { fetchHandler } from './handlers/01-fetch.js';
import { listOffsetsHandler } from './handlers/02-list-offsets.js';
import { offsetCommitHandler } from './handlers/08-offset-commit.js';
import { offsetFetchHandler } from './handlers/09-offset-fetch.js';
import { findCoordinatorHandler } from './handlers/10-find-coordinator.js';
import { joinGroupHandler } from './handlers/11-join-group.js';
import { heartbeatHandler } from './handlers/12-heartbeat.js';
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
import { metadataHandler } from './handlers/03-metadata.js';
import { createTopicsHandler } from './handlers/19-create-topics.js';
import { deleteTopicsHandler } from './handlers/20-delete-topics.js';
import { createPartitionsHandler } from './handlers/37-create-partitions.js';
import { describeConfigsHandler } from './handlers/32-describe-configs.js';
import { alterConfigsHandler } from './handlers/33-alter-configs.js';
import { incrementalAlterConfigsHandler } from './handlers/44-incremental-alter-configs.js';
import { describeClusterHandler } from './handlers/60-describe-cluster.js';

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
  offsetForLeaderEpochHandler,
  describeConfigsHandler,
  alterConfigsHandler,
  createPartitionsHandler,
  incrementalAlterConfigsHandler,
  describeClusterHandler,
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
];

const byKey: (Handler | undefined)[] = [];
for (const h of HANDLERS) byKey[h.api.key] = h;

export function handlerFor(apiKey: number): Handler | undefined {
  return byKey[apiKey];
}

export function supportedApis(): ApiVersion[] {
  return HANDLERS.map((h) => ({ apiKey: h.api.key, minVersion: h.minVersion, maxVersion: h.maxVersion }))
    .sort((a, b) => a.apiKey - b.apiKey);
}
