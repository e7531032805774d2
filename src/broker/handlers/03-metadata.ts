// Metadata (key 3), v0-v12.
// Answers from this broker's replayed metadata image: live brokers with their endpoints on the
// listener the request came in on, and each requested topic's partitions, leaders, epochs,
// replicas and ISR. Unknown topics are created when the request allows it and
// auto.create.topics.enable is on; the answer then waits for the creation to commit, so a client
// gets the new topic at once instead of LEADER_NOT_AVAILABLE and a retry.
// With an authorizer (as Kafka's KafkaApis): a request for all topics lists only those the client
// may DESCRIBE; a topic asked by name without DESCRIBE is TOPIC_AUTHORIZATION_FAILED (by id:
// UNKNOWN_TOPIC_ID, which does not reveal it exists); auto-creation needs CREATE on the cluster or
// the topic (else TOPIC_AUTHORIZATION_FAILED). Authorized operations are reported when requested.
// Without an authorizer, the answer for all topics is encoded once per metadata image and listener
// and version, and sent as those bytes to every client that asks (encodedForAll).
import {
  MetadataApi, type MetadataRequest, type MetadataResponse, type MetadataResponseTopic,
} from '../../../protocol/generated/api/03-metadata.js';
import { CreateTopicsApi } from '../../../protocol/generated/api/19-create-topics.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { checkTopicName } from '../../controller/topic-names.js';
import { AclOperation, CLUSTER_NAME, ResourceType } from '../../metadata/acls.js';
import type { MetadataImage, TopicState } from '../../metadata/image.js';
import { encodeResponseBody } from '../../../protocol/registry.js';
import { OPERATIONS_NOT_REQUESTED } from '../../coordinator/group-admin.js';
import { allowed, authorizedOperations, authorizerOn, clusterAllowed } from '../access.js';
import { EncodedResponse, handler, type RequestContext } from '../handler.js';
import { brokerEndpoints, isInternalTopic, offlineReplicas } from '../cluster-view.js';

export const metadataHandler = handler<MetadataRequest, MetadataResponse>({
  api: MetadataApi,
  minVersion: 0,
  maxVersion: 12,
  handle(req, ctx) {
    const image = ctx.services.image();
    const describable = (name: string) => allowed(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, name);
    // v0 used an empty list for "all topics"; later versions use null.
    const all = req.topics === null || (ctx.version === 0 && req.topics.length === 0);
    if (all) {
      const build = (): MetadataResponse => {
        const visible = [...image.topicsByName.values()].filter((t) => describable(t.name));
        return respond(ctx, req, image, visible.map((t) => topicMetadata(ctx, req, image, t)));
      };
      const sameForAll = !authorizerOn(ctx) && !req.includeClusterAuthorizedOperations && !req.includeTopicAuthorizedOperations;
      return sameForAll ? encodedForAll(ctx, image, build) : build();
    }
    const missing = req.topics!.filter((t) => t.name !== null && !image.topicsByName.has(t.name)).map((t) => t.name!);
    const creatable = missing.filter((n) => checkTopicName(n) === null && describable(n) && mayCreate(ctx, n));
    const autoCreate = req.allowAutoTopicCreation && ctx.services.config.bool('auto.create.topics.enable');
    if (!autoCreate || creatable.length === 0) return respond(ctx, req, ctx.services.image(), describeTopics(ctx, req, autoCreate));
    return autoCreateTopics(ctx, creatable).then(() => respond(ctx, req, ctx.services.image(), describeTopics(ctx, req, autoCreate)));
  },
});

/** An answer for all topics, encoded, per listener and version: the same bytes for every client
 * while the image and the controller id stay the same. */
interface EncodedForAll {
  offset: number;
  epoch: number;
  controllerId: number;
  body: Buffer;
}

/** Per node (nodes of an in-process cluster share this module). */
const encodedAnswers = new WeakMap<object, Map<string, EncodedForAll>>();

/**
 * All topics, without an authorizer, for a client that wants no authorized operations: encoded once
 * per image. 100,000 partitions cost 25-30 ms of the event loop to build and encode, which every
 * client asking for all topics (admin tools, regex subscriptions) would otherwise pay again.
 */
function encodedForAll(ctx: RequestContext, image: MetadataImage, build: () => MetadataResponse): EncodedResponse<MetadataResponse> {
  let byKey = encodedAnswers.get(ctx.services);
  if (byKey === undefined) encodedAnswers.set(ctx.services, (byKey = new Map()));
  const key = `${ctx.listenerName}/${ctx.version}`;
  const controllerId = ctx.services.controllerId();
  let entry = byKey.get(key);
  if (entry === undefined || entry.offset !== image.offset || entry.epoch !== image.epoch || entry.controllerId !== controllerId) {
    entry = { offset: image.offset, epoch: image.epoch, controllerId, body: encodeResponseBody(MetadataApi, ctx.version, build()) };
    byKey.set(key, entry);
  }
  return new EncodedResponse(entry.body, build);
}

function mayCreate(ctx: RequestContext, topic: string): boolean {
  return clusterAllowed(ctx, AclOperation.CREATE) || allowed(ctx, AclOperation.CREATE, ResourceType.TOPIC, topic);
}

function describeTopics(ctx: RequestContext, req: MetadataRequest, autoCreate: boolean): MetadataResponseTopic[] {
  const image = ctx.services.image();
  return req.topics!.map((t) => {
    const topic = t.name !== null ? image.topicsByName.get(t.name) : image.topicsById.get(t.topicId);
    const describable = topic !== undefined || t.name !== null
      ? allowed(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, topic?.name ?? t.name!) : true;
    if (topic && describable) return topicMetadata(ctx, req, image, topic);
    const invalid = t.name !== null && checkTopicName(t.name) !== null;
    let errorCode: number = invalid ? ErrorCode.INVALID_TOPIC_EXCEPTION
      : t.name === null ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    if (t.name !== null && !invalid && (!describable || (autoCreate && !topic && !mayCreate(ctx, t.name)))) errorCode = ErrorCode.TOPIC_AUTHORIZATION_FAILED;
    return {
      errorCode, name: t.name, topicId: t.topicId, isInternal: false, partitions: [],
      topicAuthorizedOperations: OPERATIONS_NOT_REQUESTED,
    };
  });
}

async function autoCreateTopics(ctx: RequestContext, names: string[]): Promise<void> {
  await ctx.services.controller.call(CreateTopicsApi, 7, {
    topics: names.map((name) => ({ name, numPartitions: -1, replicationFactor: -1, assignments: [], configs: [] })),
    timeoutMs: 30_000,
    validateOnly: false,
  });
}

function topicMetadata(ctx: RequestContext, req: MetadataRequest, image: MetadataImage, topic: TopicState): MetadataResponseTopic {
  return {
    errorCode: 0,
    name: topic.name,
    topicId: topic.topicId,
    isInternal: isInternalTopic(topic.name),
    partitions: topic.partitions.map((p) => ({
      errorCode: p.leader === -1 ? ErrorCode.LEADER_NOT_AVAILABLE : 0,
      partitionIndex: p.partitionId,
      leaderId: p.leader,
      leaderEpoch: p.leaderEpoch,
      // The image's own lists: an answer is encoded and dropped, never changed. No copies for
      // each of 100,000 partitions in an answer for all topics.
      replicaNodes: p.replicas as number[],
      isrNodes: p.isr as number[],
      offlineReplicas: offlineReplicas(image, p.replicas),
    })),
    topicAuthorizedOperations: req.includeTopicAuthorizedOperations ? authorizedOperations(ctx, ResourceType.TOPIC, topic.name) : OPERATIONS_NOT_REQUESTED,
  };
}

function respond(ctx: RequestContext, req: MetadataRequest, image: MetadataImage, topics: MetadataResponseTopic[]): MetadataResponse {
  return {
    throttleTimeMs: 0,
    brokers: brokerEndpoints(image, ctx.listenerName).map((b) => ({ nodeId: b.id, host: b.host, port: b.port, rack: b.rack })),
    clusterId: ctx.services.clusterId,
    controllerId: ctx.services.controllerId(),
    topics,
    clusterAuthorizedOperations: req.includeClusterAuthorizedOperations ? authorizedOperations(ctx, ResourceType.CLUSTER, CLUSTER_NAME) : OPERATIONS_NOT_REQUESTED,
  };
}
