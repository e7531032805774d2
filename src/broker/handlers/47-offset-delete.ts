// OffsetDelete (key 47), v0.
// Deletes committed offsets of a group (tombstones in __consumer_offsets, answered once written).
// A consumer group may only drop topics it no longer subscribes to (GROUP_SUBSCRIBED_TO_TOPIC per
// partition); other groups must be Empty (NON_EMPTY_GROUP). Partitions of unknown topics answer
// UNKNOWN_TOPIC_OR_PARTITION; a group-level error comes back alone, without topics.
// With an authorizer: DELETE on the group, READ on each topic.
// throttle_time_ms comes from the request quota (request_percentage).
import { ErrorCode } from '../../../protocol/errors.js';
import {
  OffsetDeleteApi, type OffsetDeleteRequest, type OffsetDeleteRequestTopic, type OffsetDeleteResponse,
} from '../../../protocol/generated/api/47-offset-delete.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { partitionState, type MetadataImage } from '../../metadata/image.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { groupAllowed } from '../group-access.js';
import { handler } from '../handler.js';

export const offsetDeleteHandler = handler<OffsetDeleteRequest, OffsetDeleteResponse>({
  api: OffsetDeleteApi,
  minVersion: 0,
  maxVersion: 0,
  async handle(req, ctx) {
    if (!groupAllowed(ctx, AclOperation.DELETE, req.groupId)) return { errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, throttleTimeMs: 0, topics: [] };
    const readable = req.topics.filter((t) => allowed(ctx, AclOperation.READ, ResourceType.TOPIC, t.name));
    const known = knownPartitions(ctx.services.image(), readable);
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
          errorCode: errors.get(`${p.partitionIndex}:${t.name}`) ?? (readable.includes(t) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.TOPIC_AUTHORIZATION_FAILED),
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
