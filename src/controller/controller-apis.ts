// The APIs the active controller serves, registered by their API definitions. Each entry says how
// the active controller runs the request and, in the API's own shape, how a node whose controller
// is not the active one answers it (NOT_CONTROLLER) and how a forwarding broker recognises that
// answer to retry elsewhere. Callers look an entry up by the definition they send, so request and
// response types flow through unchanged; an API without an entry cannot be sent to the controller.
import type { ApiDefinition } from '../../protocol/definition.js';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { DeleteTopicsApi } from '../../protocol/generated/api/20-delete-topics.js';
import { CreateAclsApi } from '../../protocol/generated/api/30-create-acls.js';
import { DeleteAclsApi } from '../../protocol/generated/api/31-delete-acls.js';
import { AlterConfigsApi } from '../../protocol/generated/api/33-alter-configs.js';
import { CreatePartitionsApi } from '../../protocol/generated/api/37-create-partitions.js';
import { CreateDelegationTokenApi, defaultCreateDelegationTokenResponse } from '../../protocol/generated/api/38-create-delegation-token.js';
import { RenewDelegationTokenApi, defaultRenewDelegationTokenResponse } from '../../protocol/generated/api/39-renew-delegation-token.js';
import { ExpireDelegationTokenApi, defaultExpireDelegationTokenResponse } from '../../protocol/generated/api/40-expire-delegation-token.js';
import { ElectLeadersApi } from '../../protocol/generated/api/43-elect-leaders.js';
import { IncrementalAlterConfigsApi } from '../../protocol/generated/api/44-incremental-alter-configs.js';
import { AlterPartitionReassignmentsApi } from '../../protocol/generated/api/45-alter-partition-reassignments.js';
import { ListPartitionReassignmentsApi } from '../../protocol/generated/api/46-list-partition-reassignments.js';
import { AlterClientQuotasApi } from '../../protocol/generated/api/49-alter-client-quotas.js';
import { AlterUserScramCredentialsApi } from '../../protocol/generated/api/51-alter-user-scram-credentials.js';
import { AlterPartitionApi } from '../../protocol/generated/api/56-alter-partition.js';
import { UpdateFeaturesApi } from '../../protocol/generated/api/57-update-features.js';
import { BrokerRegistrationApi } from '../../protocol/generated/api/62-broker-registration.js';
import { BrokerHeartbeatApi } from '../../protocol/generated/api/63-broker-heartbeat.js';
import { UnregisterBrokerApi } from '../../protocol/generated/api/64-unregister-broker.js';
import { AllocateProducerIdsApi } from '../../protocol/generated/api/67-allocate-producer-ids.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import type { MetadataImage } from '../metadata/image.js';
import { createAcls, deleteAcls } from './acls.js';
import { alterPartition } from './alter-partition.js';
import { unregisterBroker } from './brokers.js';
import { alterClientQuotas } from './client-quotas.js';
import { alterConfigs, incrementalAlterConfigs } from './configs.js';
import { createTopics } from './create-topics.js';
import { createDelegationToken, expireDelegationToken, renewDelegationToken } from './delegation-tokens.js';
import type { ControllerEnv, ControllerResult } from './env.js';
import { updateFeatures } from './features.js';
import { electLeaders } from './leader-elections.js';
import type { QuorumController } from './quorum-controller.js';
import { alterPartitionReassignments, listPartitionReassignments } from './reassignments.js';
import { alterUserScramCredentials } from './scram-credentials.js';
import { createPartitions, deleteTopics } from './topic-changes.js';

export interface ControllerApi<Req, Res> {
  readonly api: ApiDefinition<Req, Res>;
  /** Serves the request on the active controller. */
  run(controller: QuorumController, req: Req, nowMs: number): ControllerResult<Res>;
  /** The answer of a node whose controller is not the active one. */
  notController(req: Req): Res;
  /** Whether an answer says its sender was not the active controller: the caller retries. */
  saysNotController(res: Res): boolean;
}

const NOT_CONTROLLER = ErrorCode.NOT_CONTROLLER;
const MESSAGE = 'This is not the active controller.';

type AdminOperation<Req, Res> = (env: ControllerEnv, image: MetadataImage, req: Req, nowMs: number) => ControllerResult<Res>;

/** An admin operation: runs against the controller's latest image, its records proposed. */
function admin<Req, Res>(op: AdminOperation<Req, Res>): ControllerApi<Req, Res>['run'] {
  return (controller, req, nowMs) => controller.write((env, image) => op(env, image, req, nowMs));
}

/** A response whose top-level error code says it all. */
function topLevel<R extends { errorCode: number }>(res: R): boolean {
  return res.errorCode === NOT_CONTROLLER;
}
const anyOf = (items: readonly { errorCode: number }[]): boolean => items.some((i) => i.errorCode === NOT_CONTROLLER);

const APIS = new Map<number, unknown>();

function register<Req, Res>(entry: ControllerApi<Req, Res>): void {
  APIS.set(entry.api.key, entry);
}

/** The definitions of every API the controller serves. */
export function controllerApiDefinitions(): ApiDefinition[] {
  return [...APIS.values()].map((entry) => (entry as ControllerApi<unknown, unknown>).api);
}

/** The controller's entry for `api`; throws for an API the controller does not serve. */
export function controllerApi<Req, Res>(api: ApiDefinition<Req, Res>): ControllerApi<Req, Res> {
  const entry = APIS.get(api.key);
  if (entry === undefined) throw new Error(`${api.name} is not a controller API`);
  // Registered by register() with this very definition (keys are unique): the types agree.
  return entry as ControllerApi<Req, Res>;
}

register({
  api: CreateTopicsApi, run: admin(createTopics),
  notController: (req) => ({
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name, topicId: ZERO_UUID, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, topicConfigErrorCode: 0,
      numPartitions: -1, replicationFactor: -1, configs: null,
    })),
  }),
  saysNotController: (res) => anyOf(res.topics),
});

register({
  api: DeleteTopicsApi, run: admin(deleteTopics),
  notController: (req) => {
    const topics = [...req.topicNames.map((name) => ({ name: name as string | null, topicId: ZERO_UUID })), ...req.topics];
    return { throttleTimeMs: 0, responses: topics.map((t) => ({ ...t, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })) };
  },
  saysNotController: (res) => anyOf(res.responses),
});

register({
  api: CreateAclsApi, run: admin(createAcls),
  notController: (req) => ({ throttleTimeMs: 0, results: req.creations.map(() => ({ errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })) }),
  saysNotController: (res) => anyOf(res.results),
});

register({
  api: DeleteAclsApi, run: admin(deleteAcls),
  notController: (req) => ({
    throttleTimeMs: 0, filterResults: req.filters.map(() => ({ errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, matchingAcls: [] })),
  }),
  saysNotController: (res) => anyOf(res.filterResults),
});

/** AlterConfigs and IncrementalAlterConfigs answer alike: one result per resource. */
function configsNotController(req: { resources: readonly { resourceType: number; resourceName: string }[] }) {
  return {
    throttleTimeMs: 0,
    responses: req.resources.map((r) => ({ errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, resourceType: r.resourceType, resourceName: r.resourceName })),
  };
}

register({
  api: AlterConfigsApi, run: admin(alterConfigs), notController: (req) => configsNotController(req),
  saysNotController: (res) => anyOf(res.responses),
});

register({
  api: IncrementalAlterConfigsApi, run: admin(incrementalAlterConfigs), notController: (req) => configsNotController(req),
  saysNotController: (res) => anyOf(res.responses),
});

register({
  api: CreatePartitionsApi, run: admin(createPartitions),
  notController: (req) => ({ throttleTimeMs: 0, results: req.topics.map((t) => ({ name: t.name, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })) }),
  saysNotController: (res) => anyOf(res.results),
});

register({
  api: CreateDelegationTokenApi, run: admin(createDelegationToken),
  notController: () => ({ ...defaultCreateDelegationTokenResponse(), errorCode: NOT_CONTROLLER }),
  saysNotController: topLevel,
});

register({
  api: RenewDelegationTokenApi, run: admin(renewDelegationToken),
  notController: () => ({ ...defaultRenewDelegationTokenResponse(), errorCode: NOT_CONTROLLER }),
  saysNotController: topLevel,
});

register({
  api: ExpireDelegationTokenApi, run: admin(expireDelegationToken),
  notController: () => ({ ...defaultExpireDelegationTokenResponse(), errorCode: NOT_CONTROLLER }),
  saysNotController: topLevel,
});

register({
  api: ElectLeadersApi, run: admin(electLeaders),
  notController: (req) => ({
    throttleTimeMs: 0, errorCode: NOT_CONTROLLER,
    replicaElectionResults: (req.topicPartitions ?? []).map((t) => ({
      topic: t.topic, partitionResult: t.partitions.map((partitionId) => ({ partitionId, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })),
    })),
  }),
  // ElectLeaders v0 has no top-level error code on the wire: look at the partitions too.
  saysNotController: (res) => topLevel(res) || res.replicaElectionResults.some((t) => anyOf(t.partitionResult)),
});

register({
  api: AlterPartitionReassignmentsApi, run: admin(alterPartitionReassignments),
  notController: (req) => ({
    throttleTimeMs: 0, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE,
    responses: req.topics.map((t) => ({
      name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })),
    })),
  }),
  saysNotController: topLevel,
});

register({
  api: ListPartitionReassignmentsApi, run: admin(listPartitionReassignments),
  notController: () => ({ throttleTimeMs: 0, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, topics: [] }),
  saysNotController: topLevel,
});

register({
  api: AlterClientQuotasApi, run: admin(alterClientQuotas),
  notController: (req) => ({ throttleTimeMs: 0, entries: req.entries.map((e) => ({ errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, entity: e.entity })) }),
  saysNotController: (res) => anyOf(res.entries),
});

register({
  api: AlterUserScramCredentialsApi, run: admin(alterUserScramCredentials),
  notController: (req) => {
    const users = [...new Set([...req.deletions, ...req.upsertions].map((u) => u.name))];
    return { throttleTimeMs: 0, results: users.map((user) => ({ user, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })) };
  },
  saysNotController: (res) => anyOf(res.results),
});

register({
  api: AlterPartitionApi, run: admin(alterPartition),
  notController: () => ({ throttleTimeMs: 0, errorCode: NOT_CONTROLLER, topics: [] }),
  saysNotController: topLevel,
});

register({
  api: UpdateFeaturesApi, run: admin(updateFeatures),
  notController: () => ({ throttleTimeMs: 0, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, results: [] }),
  saysNotController: topLevel,
});

register({
  api: BrokerRegistrationApi, run: (controller, req, nowMs) => controller.registerBroker(req, nowMs),
  notController: () => ({ throttleTimeMs: 0, errorCode: NOT_CONTROLLER, brokerEpoch: -1 }),
  saysNotController: topLevel,
});

register({
  api: BrokerHeartbeatApi, run: (controller, req, nowMs) => controller.brokerHeartbeat(req, nowMs),
  notController: () => ({ throttleTimeMs: 0, errorCode: NOT_CONTROLLER, isCaughtUp: false, isFenced: true, shouldShutDown: false }),
  saysNotController: topLevel,
});

register({
  api: UnregisterBrokerApi, run: admin((_env, image, req) => unregisterBroker(image, req)),
  notController: () => ({ throttleTimeMs: 0, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE }),
  saysNotController: topLevel,
});

register({
  api: AllocateProducerIdsApi, run: (controller, req) => controller.allocateProducerIds(req),
  notController: () => ({ throttleTimeMs: 0, errorCode: NOT_CONTROLLER, producerIdStart: -1, producerIdLen: 0 }),
  saysNotController: topLevel,
});
