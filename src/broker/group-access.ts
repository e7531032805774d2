// Group and offset requests under an authorizer, as Kafka's KafkaApis checks them: the group
// resource first (GROUP_AUTHORIZATION_FAILED), then each topic (TOPIC_AUTHORIZATION_FAILED, or
// left out when the client asked for "all topics" and may not describe some).
import { ErrorCode } from '../../protocol/errors.js';
import type { GroupRequestContext, OffsetFetchGroupRequest, OffsetFetchGroupResult } from '../coordinator/access.js';
import { AclOperation, ResourceType } from '../metadata/acls.js';
import { allowed, authorizerOn } from './access.js';
import type { RequestContext } from './handler.js';

export function groupAllowed(ctx: RequestContext, operation: AclOperation, groupId: string): boolean {
  return allowed(ctx, operation, ResourceType.GROUP, groupId);
}

/** OffsetFetch: DESCRIBE on the group, DESCRIBE on each topic. */
export function fetchOffsetsAuthorized(
  ctx: RequestContext, groups: OffsetFetchGroupRequest[], requireStable: boolean, groupCtx: GroupRequestContext,
): OffsetFetchGroupResult[] {
  const fetch = (gs: OffsetFetchGroupRequest[]) => ctx.services.groups.fetchOffsets(gs, requireStable, groupCtx);
  if (!authorizerOn(ctx)) return fetch(groups);
  const describable = (topic: string) => allowed(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, topic);
  return groups.map((g) => {
    if (!groupAllowed(ctx, AclOperation.DESCRIBE, g.groupId)) return { groupId: g.groupId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, topics: [] };
    if (g.topics === null) {
      const [result] = fetch([g]);
      return { ...result!, topics: result!.topics.filter((t) => describable(t.name)) };
    }
    const denied = g.topics.filter((t) => !describable(t.name));
    const [result] = fetch([{ ...g, topics: g.topics.filter((t) => describable(t.name)) }]);
    const refused = denied.map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex) => ({
        partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
      })),
    }));
    return { ...result!, topics: [...result!.topics, ...refused] };
  });
}
