// OffsetCommit (key 8), v0-v9.
// Stores committed offsets (with leader epoch from v6 and metadata up to 4096 characters) in
// __consumer_offsets and answers once they are written. Members are checked by generation, member
// id and group.instance.id (v7+); generation -1 without a member commits for an Empty or unknown
// ("simple") group. Partitions of unknown topics answer UNKNOWN_TOPIC_OR_PARTITION without reaching
// the coordinator. v1's commit timestamp and v2-v4's retention_time_ms are kept (the latter as an
// expiry); from v9 a generation for a missing group answers GROUP_ID_NOT_FOUND.
// With an authorizer: READ on the group and on each topic.
// In a consumer group (KIP-848) a member commits at its member epoch with v9+, a classic member
// at its generation with any version. throttle_time_ms comes from the request quota.
import { ErrorCode } from '../../../protocol/errors.js';
import {
  OffsetCommitApi, type OffsetCommitRequest, type OffsetCommitRequestTopic, type OffsetCommitResponse,
} from '../../../protocol/generated/api/08-offset-commit.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { partitionState, type MetadataImage } from '../../metadata/image.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { groupAllowed } from '../group-access.js';
import { handler, type RequestContext } from '../handler.js';

export const offsetCommitHandler = handler<OffsetCommitRequest, OffsetCommitResponse>({
  api: OffsetCommitApi,
  minVersion: 0,
  maxVersion: 9,
  async handle(req, ctx) {
    const errors = new Map<string, number>();
    const known = authorizedTopics(ctx, req, errors);
    if (known.length > 0) {
      const committed = await ctx.services.groups.commitOffsets({ ...req, topics: known }, groupRequestContext(ctx));
      for (const t of committed.topics) for (const p of t.partitions) errors.set(key(t.name, p.partitionIndex), p.errorCode);
    }
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorCode: errors.get(key(t.name, p.partitionIndex)) ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        })),
      })),
    };
  },
});

function key(topic: string, partition: number): string {
  return `${partition}:${topic}`;
}

/**
 * READ on the group (else every partition GROUP_AUTHORIZATION_FAILED) and on each topic (else
 * TOPIC_AUTHORIZATION_FAILED), as Kafka checks them; the refusals go into `errors`.
 */
function authorizedTopics(ctx: RequestContext, req: OffsetCommitRequest, errors: Map<string, number>): OffsetCommitRequestTopic[] {
  const groupDenied = !groupAllowed(ctx, AclOperation.READ, req.groupId);
  const topics = req.topics.filter((t) => {
    const errorCode = groupDenied ? ErrorCode.GROUP_AUTHORIZATION_FAILED
      : allowed(ctx, AclOperation.READ, ResourceType.TOPIC, t.name) ? ErrorCode.NONE : ErrorCode.TOPIC_AUTHORIZATION_FAILED;
    if (errorCode !== ErrorCode.NONE) for (const p of t.partitions) errors.set(key(t.name, p.partitionIndex), errorCode);
    return errorCode === ErrorCode.NONE;
  });
  return knownPartitions(ctx.services.image(), topics);
}

/** The request's topics trimmed to partitions that exist; topics left with none are dropped. */
function knownPartitions(image: MetadataImage, topics: OffsetCommitRequestTopic[]): OffsetCommitRequestTopic[] {
  return topics
    .map((t) => ({ ...t, partitions: t.partitions.filter((p) => partitionState(image, t.name, p.partitionIndex) !== undefined) }))
    .filter((t) => t.partitions.length > 0);
}
