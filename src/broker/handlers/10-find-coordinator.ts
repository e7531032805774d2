// FindCoordinator (key 10), v0-v6.
// The coordinator of a key is the leader of its partition of the internal topic:
// abs(javaHashCode(key)) % partitions of __consumer_offsets (group keys) or __transaction_state
// (transactional ids), as Kafka places them. The internal topic is created through the controller
// on first use (offsets.topic.* / transaction.state.log.* settings, replicas capped at the live
// brokers, compacted); the answer waits for it, so a first consumer needs no retry. A partition
// without a live leader answers COORDINATOR_NOT_AVAILABLE. v0 asks for a group; v4+ batches keys.
// Not implemented: share-group keys (type 2, v6) answer INVALID_REQUEST.
// With an authorizer: DESCRIBE on the group (else GROUP_AUTHORIZATION_FAILED) or the transactional
// id (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED).
import { CreateTopicsApi } from '../../../protocol/generated/api/19-create-topics.js';
import {
  FindCoordinatorApi, type Coordinator, type FindCoordinatorRequest, type FindCoordinatorResponse,
} from '../../../protocol/generated/api/10-find-coordinator.js';
import { ErrorCode, kafkaError } from '../../../protocol/errors.js';
import { coordinatorPartition } from '../../coordinator/coordinator-key.js';
import { coordinatorTopic, internalTopicToCreate } from '../../coordinator/internal-topics.js';
import { liveBrokers, type MetadataImage } from '../../metadata/image.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { handler, type RequestContext } from '../handler.js';
import { brokerEndpoint } from '../cluster-view.js';

const BATCHED_VERSION = 4;
const CREATE_TOPICS_VERSION = 7;
const CREATE_TIMEOUT_MS = 30_000;

export const findCoordinatorHandler = handler<FindCoordinatorRequest, FindCoordinatorResponse>({
  api: FindCoordinatorApi,
  minVersion: 0,
  maxVersion: 6,
  handle(req, ctx) {
    const keys = ctx.version >= BATCHED_VERSION ? req.coordinatorKeys : [req.key];
    const topic = coordinatorTopic(req.keyType);
    if (topic === null) {
      return respond(ctx, keys.map((key) => failed(key, ErrorCode.INVALID_REQUEST, `Invalid coordinator key type ${req.keyType}.`)));
    }
    // DESCRIBE on the group or transactional id, checked before anything is created (as Kafka).
    const denied = (key: string) => !allowed(ctx, AclOperation.DESCRIBE, req.keyType === 1 ? ResourceType.TRANSACTIONAL_ID : ResourceType.GROUP, key);
    const refusal = req.keyType === 1 ? ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED : ErrorCode.GROUP_AUTHORIZATION_FAILED;
    if (keys.every(denied)) return respond(ctx, keys.map((key) => failed(key, refusal)));
    return ensureTopic(ctx, topic).then(() => respond(ctx, keys.map((key) => denied(key) ? failed(key, refusal) : locate(ctx, topic, key))));
  },
});

async function ensureTopic(ctx: RequestContext, topic: string): Promise<void> {
  const image = ctx.services.image();
  if (image.topicsByName.has(topic)) return;
  const creatable = internalTopicToCreate(ctx.services.config, topic, liveBrokers(image).length);
  if (!creatable) return;
  // A concurrent creation answers TOPIC_ALREADY_EXISTS; either way the image has the topic after.
  await ctx.services.controller.call(CreateTopicsApi, CREATE_TOPICS_VERSION, {
    topics: [creatable], timeoutMs: CREATE_TIMEOUT_MS, validateOnly: false,
  });
}

function locate(ctx: RequestContext, topic: string, key: string): Coordinator {
  const image: MetadataImage = ctx.services.image();
  const partitions = image.topicsByName.get(topic)?.partitions;
  if (!partitions || partitions.length === 0) return failed(key, ErrorCode.COORDINATOR_NOT_AVAILABLE);
  const leader = partitions[coordinatorPartition(key, partitions.length)]!.leader;
  const endpoint = leader === -1 ? undefined : brokerEndpoint(image, leader, ctx.listenerName);
  if (!endpoint) return failed(key, ErrorCode.COORDINATOR_NOT_AVAILABLE);
  // Kafka sends the error's name as the message on success too.
  return { key, nodeId: endpoint.id, host: endpoint.host, port: endpoint.port, errorCode: ErrorCode.NONE, errorMessage: 'NONE' };
}

function failed(key: string, errorCode: number, errorMessage = kafkaError(errorCode)?.message ?? null): Coordinator {
  return { key, nodeId: -1, host: '', port: -1, errorCode, errorMessage };
}

function respond(ctx: RequestContext, coordinators: Coordinator[]): FindCoordinatorResponse {
  if (ctx.version >= BATCHED_VERSION) {
    return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: -1, host: '', port: -1, coordinators };
  }
  const c = coordinators[0]!;
  return { throttleTimeMs: 0, errorCode: c.errorCode, errorMessage: c.errorMessage, nodeId: c.nodeId, host: c.host, port: c.port, coordinators: [] };
}
