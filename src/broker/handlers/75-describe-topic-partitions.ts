// DescribeTopicPartitions (key 75), v0: topics described a page at a time, which Kafka's admin
// client (3.8 and later) asks before Metadata for describeTopics (kafka-topics.sh --describe).
// As Kafka's DescribeTopicPartitionsRequestHandler: the topics named (every topic when none is) in
// name order from the cursor's on, at most min(ResponsePartitionLimit, the broker's
// max.request.partition.size.limit) partitions in all, and a NextCursor where that limit cut. A
// named topic the client may not DESCRIBE is TOPIC_AUTHORIZATION_FAILED (listed last), an unknown
// one UNKNOWN_TOPIC_OR_PARTITION (INVALID_TOPIC_EXCEPTION for a name no topic can have); a cursor
// on a topic not named, or at a negative partition, fails every topic with INVALID_REQUEST.
// There are no eligible leader replicas here (KIP-966's ELR): both lists are empty.
import {
  DescribeTopicPartitionsApi, type DescribeTopicPartitionsRequest, type DescribeTopicPartitionsResponse,
  type DescribeTopicPartitionsResponseTopic,
} from '../../../protocol/generated/api/75-describe-topic-partitions.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ZERO_UUID } from '../../../protocol/primitives/codec-helpers.js';
import { checkTopicName } from '../../controller/topic-names.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import type { MetadataImage, TopicState } from '../../metadata/image.js';
import { OPERATIONS_NOT_REQUESTED } from '../../coordinator/group-admin.js';
import { allowed, authorizedOperations } from '../access.js';
import { handler, type RequestContext } from '../handler.js';
import { isInternalTopic, offlineReplicas } from '../cluster-view.js';

export const describeTopicPartitionsHandler = handler<DescribeTopicPartitionsRequest, DescribeTopicPartitionsResponse>({
  api: DescribeTopicPartitionsApi,
  minVersion: 0,
  maxVersion: 0,
  handle(req, ctx) {
    const image = ctx.services.image();
    const all = req.topics.length === 0;
    const cursor = req.cursor;
    const from = cursor?.topicName ?? '';
    // String order by UTF-16 code units, as Java's String.compareTo.
    const names = [...new Set(all ? image.topicsByName.keys() : req.topics.map((t) => t.name))].filter((n) => n >= from).sort();
    if (cursor !== null && !all && !names.includes(cursor.topicName)) {
      return failed(ctx, req, `the topics asked for do not include the cursor's topic ${cursor.topicName}`);
    }
    if (cursor !== null && cursor.partitionIndex < 0) return failed(ctx, req, `the cursor's partition ${cursor.partitionIndex} is negative`);
    const unauthorized: DescribeTopicPartitionsResponseTopic[] = [];
    const describable = names.filter((name) => {
      const ok = allowed(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, name);
      if (!ok && !all) unauthorized.push(errorTopic(ErrorCode.TOPIC_AUTHORIZATION_FAILED, name));
      return ok;
    });
    let remaining = Math.max(Math.min(ctx.services.config.int('max.request.partition.size.limit'), req.responsePartitionLimit), 1);
    const topics: DescribeTopicPartitionsResponseTopic[] = [];
    let nextCursor: DescribeTopicPartitionsResponse['nextCursor'] = null;
    for (const name of describable) {
      if (remaining === 0) {
        nextCursor = { topicName: name, partitionIndex: 0 };
        break;
      }
      const topic = image.topicsByName.get(name);
      if (topic === undefined) {
        if (!all) topics.push(withOperations(ctx, errorTopic(checkTopicName(name) === null ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.INVALID_TOPIC_EXCEPTION, name)));
        continue;
      }
      const first = cursor !== null && name === cursor.topicName ? cursor.partitionIndex : 0;
      const end = Math.min(topic.partitions.length, first + remaining);
      const described = describe(image, topic, first, end);
      topics.push(withOperations(ctx, described));
      if (end < topic.partitions.length) {
        nextCursor = { topicName: name, partitionIndex: end };
        break;
      }
      remaining -= described.partitions.length;
    }
    return { throttleTimeMs: 0, topics: [...topics, ...unauthorized], nextCursor };
  },
});

function describe(image: MetadataImage, topic: TopicState, first: number, end: number): DescribeTopicPartitionsResponseTopic {
  const partitions: DescribeTopicPartitionsResponseTopic['partitions'] = [];
  for (let i = first; i < end; i++) {
    const p = topic.partitions[i];
    if (p === undefined) continue;
    partitions.push({
      errorCode: 0, partitionIndex: p.partitionId, leaderId: p.leader, leaderEpoch: p.leaderEpoch,
      replicaNodes: p.replicas as number[], isrNodes: p.isr as number[],
      eligibleLeaderReplicas: [], lastKnownElr: [], offlineReplicas: offlineReplicas(image, p.replicas),
    });
  }
  return { errorCode: 0, name: topic.name, topicId: topic.topicId, isInternal: isInternalTopic(topic.name), partitions, topicAuthorizedOperations: OPERATIONS_NOT_REQUESTED };
}

function errorTopic(errorCode: number, name: string): DescribeTopicPartitionsResponseTopic {
  return { errorCode, name, topicId: ZERO_UUID, isInternal: isInternalTopic(name), partitions: [], topicAuthorizedOperations: OPERATIONS_NOT_REQUESTED };
}

function withOperations(ctx: RequestContext, topic: DescribeTopicPartitionsResponseTopic): DescribeTopicPartitionsResponseTopic {
  return { ...topic, topicAuthorizedOperations: authorizedOperations(ctx, ResourceType.TOPIC, topic.name!) };
}

/** Kafka's answer to an invalid request: every topic named, with INVALID_REQUEST (the reason,
 * which the answer has no field for, goes to the log). */
function failed(ctx: RequestContext, req: DescribeTopicPartitionsRequest, why: string): DescribeTopicPartitionsResponse {
  ctx.services.log.info({ connection: ctx.connectionId, why }, 'invalid DescribeTopicPartitions request');
  return {
    throttleTimeMs: 0, nextCursor: null,
    topics: req.topics.map((t) => ({ ...errorTopic(ErrorCode.INVALID_REQUEST, t.name), isInternal: false })),
  };
}
