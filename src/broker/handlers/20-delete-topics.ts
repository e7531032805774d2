// DeleteTopics (key 20), v0-v6.
// Forwarded to the active controller, which commits a RemoveTopicRecord per topic (by name, or by
// id from v6). Unknown names get UNKNOWN_TOPIC_OR_PARTITION, unknown ids UNKNOWN_TOPIC_ID,
// __cluster_metadata INVALID_TOPIC_EXCEPTION, and delete.topic.enable=false TOPIC_DELETION_DISABLED.
// Each broker deletes the partition directories when it applies the record.
// With an authorizer: DELETE on each topic, else TOPIC_AUTHORIZATION_FAILED (a topic id the client
// may not describe is UNKNOWN_TOPIC_ID, as if it did not exist).
// controller_mutation_rate (KIP-599): each topic takes its partition count from the client's
// bucket; from v5 a topic asked for while the bucket is overdrawn gets THROTTLING_QUOTA_EXCEEDED.
import { DeleteTopicsApi, type DeletableTopicResult, type DeleteTopicsRequest, type DeleteTopicsResponse } from '../../../protocol/generated/api/20-delete-topics.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ZERO_UUID } from '../../../protocol/primitives/codec-helpers.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { splitItems, toController } from '../forward-authorized.js';
import { partition } from '../controller-mutation-quota.js';
import { handler, type RequestContext } from '../handler.js';
import { mutationQuota, THROTTLED_MESSAGE } from '../quota-throttle.js';

const STRICT_QUOTA_VERSION = 5;

export const deleteTopicsHandler = handler<DeleteTopicsRequest, DeleteTopicsResponse>({
  api: DeleteTopicsApi,
  minVersion: 0,
  maxVersion: 6,
  listeners: ['broker', 'controller'],
  clientThrottlesFromVersion: 2,
  async handle(req, ctx) {
    const image = ctx.services.image();
    const nameOf = (t: { name: string | null; topicId: string }) => t.name ?? image.topicsById.get(t.topicId)?.name ?? null;
    const may = (t: { name: string | null; topicId: string }) => {
      const name = nameOf(t);
      return name === null || allowed(ctx, AclOperation.DELETE, ResourceType.TOPIC, name);
    };
    const byName = splitItems(ctx, req.topicNames, (name) => may({ name, topicId: ZERO_UUID }), AclOperation.DELETE);
    const byState = splitItems(ctx, req.topics, may, AclOperation.DELETE);
    const refused = [...byName.denied.map((name) => ({ name, topicId: ZERO_UUID })), ...byState.denied].map((t) => refusal(ctx, t, nameOf(t)));
    const quota = mutationQuota(ctx, STRICT_QUOTA_VERSION);
    const permits = (t: { name: string | null; topicId: string }): number => {
      const name = nameOf(t);
      return name === null ? 0 : image.topicsByName.get(name)?.partitions.length ?? 0;
    };
    const [names, throttledNames] = partition(byName.allowed, (name) => quota.record(permits({ name, topicId: ZERO_UUID })));
    const [ids, throttledIds] = partition(byState.allowed, (t) => quota.record(permits(t)));
    for (const t of [...throttledNames.map((name) => ({ name, topicId: ZERO_UUID })), ...throttledIds]) {
      refused.push({ name: t.name, topicId: t.topicId, errorCode: ErrorCode.THROTTLING_QUOTA_EXCEEDED, errorMessage: THROTTLED_MESSAGE });
    }
    const nothingLeft = names.length + ids.length === 0 && refused.length > 0;
    const res = nothingLeft ? { throttleTimeMs: 0, responses: [] }
      : await toController(ctx, DeleteTopicsApi, { ...req, topicNames: names, topics: ids });
    return { ...res, throttleTimeMs: Math.max(res.throttleTimeMs, quota.throttleTimeMs()), responses: [...res.responses, ...refused] };
  },
});

function refusal(ctx: RequestContext, t: { name: string | null; topicId: string }, name: string | null): DeletableTopicResult {
  const hidden = t.name === null && (name === null || !allowed(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, name));
  return hidden
    ? { name: null, topicId: t.topicId, errorCode: ErrorCode.UNKNOWN_TOPIC_ID, errorMessage: null }
    : { name: t.name ?? name, topicId: t.topicId, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' };
}
