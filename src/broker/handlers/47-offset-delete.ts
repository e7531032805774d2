// OffsetDelete (key 47), v0.
// Deletes committed offsets of a group (tombstones in __consumer_offsets, answered once written).
// A consumer group may only drop topics it no longer subscribes to (GROUP_SUBSCRIBED_TO_TOPIC per
// partition); other groups must be Empty (NON_EMPTY_GROUP). Partitions of unknown topics answer
// UNKNOWN_TOPIC_OR_PARTITION; a group-level error comes back alone, without topics.
// Not implemented: ACLs; quotas (throttle_time_ms is always 0).
import { ErrorCode } from '../../../protocol/errors.js';
import {
  OffsetDeleteApi, type OffsetDeleteRequest, type OffsetDeleteRequestTopic, type OffsetDeleteResponse,
} from '../../../protocol/generated/api/47-offset-delete.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { partitionState, type MetadataImage } from '../../metadata/image.js';
import { handler } from '../handler.js';

export const offsetDeleteHandler = handler<OffsetDeleteRequest, OffsetDeleteResponse>({
  api: OffsetDeleteApi,
  minVersion: 0,
  maxVersion: 0,
  async handle(req, ctx) {
    const known = knownPartitions(ctx.services.image(), req.topics);
    const result = await ctx.services.groups.deleteOffsets({ ...req, topics: known }, groupRequestContext(ctx));
    if (result.errorCode !== ErrorCode.NONE) return { errorCode: result.errorCode, throttleTimeMs: 0, topics: [] };
    const errors = new Map<string, number>();
    for (const t of result.topics) for (const p of t.partitions) errors.set(`${p.partitionIndex}:${t.name}`, p.errorCode);
    return {
      errorCode: ErrorCode.NONE,
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorCode: errors.get(`${p.partitionIndex}:${t.name}`) ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        })),
      })),
    };
  },
});

function knownPartitions(image: MetadataImage, topics: OffsetDeleteRequestTopic[]): OffsetDeleteRequestTopic[] {
  return topics
    .map((t) => ({ ...t, partitions: t.partitions.filter((p) => partitionState(image, t.name, p.partitionIndex) !== undefined) }))
    .filter((t) => t.partitions.length > 0);
}
