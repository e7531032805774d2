// OffsetCommit (key 8), v0-v9.
// Stores committed offsets (with leader epoch from v6 and metadata up to 4096 characters) in
// __consumer_offsets and answers once they are written. Members are checked by generation, member
// id and group.instance.id (v7+); generation -1 without a member commits for an Empty or unknown
// ("simple") group. Partitions of unknown topics answer UNKNOWN_TOPIC_OR_PARTITION without reaching
// the coordinator. v1's commit timestamp and v2-v4's retention_time_ms are kept (the latter as an
// expiry); from v9 a generation for a missing group answers GROUP_ID_NOT_FOUND.
// Not implemented: the new consumer protocol's member epochs (v9 is served as classic); ACLs;
// quotas (throttle_time_ms is always 0).
import { ErrorCode } from '../../../protocol/errors.js';
import {
  OffsetCommitApi, type OffsetCommitRequest, type OffsetCommitRequestTopic, type OffsetCommitResponse,
} from '../../../protocol/generated/api/08-offset-commit.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { partitionState, type MetadataImage } from '../../metadata/image.js';
import { handler } from '../handler.js';

export const offsetCommitHandler = handler<OffsetCommitRequest, OffsetCommitResponse>({
  api: OffsetCommitApi,
  minVersion: 0,
  maxVersion: 9,
  async handle(req, ctx) {
    const known = knownPartitions(ctx.services.image(), req.topics);
    const errors = new Map<string, number>();
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

/** The request's topics trimmed to partitions that exist; topics left with none are dropped. */
function knownPartitions(image: MetadataImage, topics: OffsetCommitRequestTopic[]): OffsetCommitRequestTopic[] {
  return topics
    .map((t) => ({ ...t, partitions: t.partitions.filter((p) => partitionState(image, t.name, p.partitionIndex) !== undefined) }))
    .filter((t) => t.partitions.length > 0);
}
