// DeleteRecords (key 21), v0-v2.
// On the leader, moves each partition's log start offset up to the given offset (-1: the high
// watermark) and persists it; whole segments below it are removed by the next retention pass.
// An offset past the high watermark gets OFFSET_OUT_OF_RANGE. The answer waits for every partition.
// Internal topics get INVALID_TOPIC_EXCEPTION, as Kafka's "Cannot delete records of internal
// topic": a client trimming __consumer_offsets would drop committed offsets and groups.
// With an authorizer: DELETE on the topic, else TOPIC_AUTHORIZATION_FAILED.
import {
  DeleteRecordsApi, type DeleteRecordsPartitionResult, type DeleteRecordsRequest, type DeleteRecordsResponse,
} from '../../../protocol/generated/api/21-delete-records.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { deleteRecords } from '../../replication/offsets.js';
import { CLUSTER_METADATA_TOPIC } from '../../controller/topic-names.js';
import { isInternalTopic } from '../cluster-view.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { handler } from '../handler.js';

export const deleteRecordsHandler = handler<DeleteRecordsRequest, DeleteRecordsResponse>({
  api: DeleteRecordsApi,
  minVersion: 0,
  maxVersion: 2,
  async handle(req, ctx) {
    const { services } = ctx;
    const topics = await Promise.all(req.topics.map(async (t) => ({
      name: t.name,
      partitions: await Promise.all(t.partitions.map(async (p): Promise<DeleteRecordsPartitionResult> => {
        if (!allowed(ctx, AclOperation.DELETE, ResourceType.TOPIC, t.name)) {
          return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED };
        }
        if (isInternalTopic(t.name) || t.name === CLUSTER_METADATA_TOPIC) {
          return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION };
        }
        const found = services.replicas.lookup(t.name, p.partitionIndex);
        if ('errorCode' in found) return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: found.errorCode };
        const r = await deleteRecords(found.partition, p.offset);
        return { partitionIndex: p.partitionIndex, lowWatermark: r.lowWatermark, errorCode: r.errorCode ?? ErrorCode.NONE };
      })),
    })));
    return { throttleTimeMs: 0, topics };
  },
});
