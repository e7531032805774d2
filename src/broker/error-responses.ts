// A well-formed answer that carries one error code wherever the response has room for it, for a
// request that was not served (fault injection: "answer this API with error X"). As Kafka's
// AbstractRequest.getErrorResponse does, partition-level APIs mirror the request's topics and
// partitions, each with the error; APIs with a top-level error code get it there.
import type { ApiDefinition } from '../../protocol/definition.js';
import { ProduceApi, defaultPartitionProduceResponse, type ProduceRequest } from '../../protocol/generated/api/00-produce.js';
import { FetchApi, defaultPartitionData, type FetchRequest } from '../../protocol/generated/api/01-fetch.js';
import { ListOffsetsApi, defaultListOffsetsPartitionResponse, type ListOffsetsRequest } from '../../protocol/generated/api/02-list-offsets.js';
import { MetadataApi, defaultMetadataResponseTopic, type MetadataRequest } from '../../protocol/generated/api/03-metadata.js';
import { OffsetCommitApi, type OffsetCommitRequest } from '../../protocol/generated/api/08-offset-commit.js';
import { FindCoordinatorApi, defaultCoordinator, type FindCoordinatorRequest } from '../../protocol/generated/api/10-find-coordinator.js';
import { CreateTopicsApi, defaultCreatableTopicResult, type CreateTopicsRequest } from '../../protocol/generated/api/19-create-topics.js';
import { DeleteTopicsApi, defaultDeletableTopicResult, type DeleteTopicsRequest } from '../../protocol/generated/api/20-delete-topics.js';

type Build<Req, Res> = (req: Req, errorCode: number, version: number) => Res;
interface Builder { api: ApiDefinition; build: Build<unknown, unknown> }

function builder<Req, Res>(api: ApiDefinition<Req, Res>, build: Build<Req, Res>): Builder {
  return { api, build: build as Build<unknown, unknown> };
}

const BUILDERS: readonly Builder[] = [
  builder(ProduceApi, (req: ProduceRequest, errorCode) => ({
    ...ProduceApi.defaultResponse(),
    responses: req.topicData.map((t) => ({
      name: t.name,
      partitionResponses: t.partitionData.map((p) => ({ ...defaultPartitionProduceResponse(), index: p.index, errorCode, baseOffset: -1 })),
    })),
  })),
  builder(FetchApi, (req: FetchRequest, errorCode) => ({
    ...FetchApi.defaultResponse(),
    responses: req.topics.map((t) => ({
      topic: t.topic, topicId: t.topicId,
      partitions: t.partitions.map((p) => ({ ...defaultPartitionData(), partitionIndex: p.partition, errorCode, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1 })),
    })),
  })),
  builder(ListOffsetsApi, (req: ListOffsetsRequest, errorCode) => ({
    ...ListOffsetsApi.defaultResponse(),
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ ...defaultListOffsetsPartitionResponse(), partitionIndex: p.partitionIndex, errorCode, offset: -1, timestamp: -1 })),
    })),
  })),
  // Metadata has no top-level error: every topic asked for (none when all were) carries it.
  builder(MetadataApi, (req: MetadataRequest, errorCode) => ({
    ...MetadataApi.defaultResponse(),
    controllerId: -1,
    topics: (req.topics ?? []).map((t) => ({ ...defaultMetadataResponseTopic(), name: t.name, topicId: t.topicId, errorCode })),
  })),
  builder(OffsetCommitApi, (req: OffsetCommitRequest, errorCode) => ({
    ...OffsetCommitApi.defaultResponse(),
    topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })),
  })),
  builder(FindCoordinatorApi, (req: FindCoordinatorRequest, errorCode) => ({
    ...FindCoordinatorApi.defaultResponse(),
    errorCode, nodeId: -1,
    coordinators: req.coordinatorKeys.map((key) => ({ ...defaultCoordinator(), key, nodeId: -1, errorCode })),
  })),
  builder(CreateTopicsApi, (req: CreateTopicsRequest, errorCode) => ({
    ...CreateTopicsApi.defaultResponse(),
    topics: req.topics.map((t) => ({ ...defaultCreatableTopicResult(), name: t.name, errorCode })),
  })),
  builder(DeleteTopicsApi, (req: DeleteTopicsRequest, errorCode, version) => ({
    ...DeleteTopicsApi.defaultResponse(),
    responses: (version >= 6 ? req.topics.map((t) => ({ name: t.name, topicId: t.topicId })) : req.topicNames.map((name) => ({ name, topicId: '' })))
      .map((t) => ({ ...defaultDeletableTopicResult(), ...t, errorCode })),
  })),
];

const BY_KEY: ReadonlyMap<number, Builder> = new Map(BUILDERS.map((b) => [b.api.key, b]));

/** The response to `req` (of `api`, at `version`) that reports `errorCode` and nothing else. */
export function errorResponse(api: ApiDefinition, req: unknown, errorCode: number, version: number): unknown {
  const specific = BY_KEY.get(api.key);
  if (specific) return specific.build(req, errorCode, version);
  // Every other API this broker serves to clients has a top-level error code.
  const res = api.defaultResponse() as Record<string, unknown>;
  if ('errorCode' in res) res.errorCode = errorCode;
  return res;
}
