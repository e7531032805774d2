// Admin requests the active controller serves, by API key.
import type { ControllerEnv, ControllerResult } from './env.js';
import type { MetadataImage } from '../metadata/image.js';
import { createTopics } from './create-topics.js';
import { createPartitions, deleteTopics } from './topic-changes.js';
import { alterConfigs, incrementalAlterConfigs } from './configs.js';
import { alterPartition } from './alter-partition.js';
import { alterClientQuotas } from './client-quotas.js';
import { electLeaders } from './leader-elections.js';
import { alterPartitionReassignments, listPartitionReassignments } from './reassignments.js';
import { createAcls, deleteAcls } from './acls.js';
import { createDelegationToken, expireDelegationToken, renewDelegationToken } from './delegation-tokens.js';
import { alterUserScramCredentials } from './scram-credentials.js';
import { updateFeatures } from './features.js';

export type ControllerOperation = (env: ControllerEnv, image: MetadataImage, req: any, nowMs: number) => ControllerResult<unknown>;

export const CONTROLLER_OPERATIONS: ReadonlyMap<number, ControllerOperation> = new Map<number, ControllerOperation>([
  [19, createTopics],
  [20, deleteTopics],
  [30, createAcls],
  [31, deleteAcls],
  [33, alterConfigs],
  [38, createDelegationToken],
  [39, renewDelegationToken],
  [40, expireDelegationToken],
  [37, createPartitions],
  [43, electLeaders],
  [44, incrementalAlterConfigs],
  [45, alterPartitionReassignments],
  [46, listPartitionReassignments],
  [51, alterUserScramCredentials],
  [49, alterClientQuotas],
  [56, alterPartition],
  [57, updateFeatures],
]);
