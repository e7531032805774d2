// OffsetFetch (key 9), v0-v9.
// Committed offsets (-1 and no error for partitions without one) of one group (v0-v7) or of many
// groups at once (v8+); a null topic list (v2+) asks for every committed partition. require_stable
// (v7+) answers UNSTABLE_OFFSET_COMMIT for a partition whose commit is still being written, so the
// client retries instead of reading the previous offset. Group errors go on every partition in
// v0-v1, at the top level in v2-v7, per group from v8.
// With an authorizer: DESCRIBE on the group and on each topic (topics not describable are left out of "all").
// throttle_time_ms comes from the request quota (request_percentage).
// v9: a member of a consumer group (KIP-848) must fetch at its current epoch (STALE_MEMBER_EPOCH,
// UNKNOWN_MEMBER_ID for the group), as Kafka's ConsumerGroup.validateOffsetFetch checks.
import { ErrorCode } from '../../../protocol/errors.js';
import {
  OffsetFetchApi, type OffsetFetchRequest, type OffsetFetchResponse, type OffsetFetchResponseTopic,
} from '../../../protocol/generated/api/09-offset-fetch.js';
import { groupRequestContext, type OffsetFetchGroupResult } from '../../coordinator/access.js';
import { handler } from '../handler.js';
import { fetchOffsetsAuthorized } from '../group-access.js';

const BATCHED_VERSION = 8;
const TOP_LEVEL_ERROR_VERSION = 2;

export const offsetFetchHandler = handler<OffsetFetchRequest, OffsetFetchResponse>({
  api: OffsetFetchApi,
  minVersion: 0,
  maxVersion: 9,
  handle(req, ctx) {
    const groupCtx = groupRequestContext(ctx);
    if (ctx.version >= BATCHED_VERSION) {
      const groups = fetchOffsetsAuthorized(ctx, req.groups, req.requireStable, groupCtx);
      return { throttleTimeMs: 0, topics: [], errorCode: ErrorCode.NONE, groups };
    }
    const [result] = fetchOffsetsAuthorized(ctx, [{ groupId: req.groupId, topics: req.topics }], req.requireStable, groupCtx);
    return singleGroupResponse(req, result!, ctx.version);
  },
});

function singleGroupResponse(req: OffsetFetchRequest, result: OffsetFetchGroupResult, version: number): OffsetFetchResponse {
  if (result.errorCode === ErrorCode.NONE) {
    return { throttleTimeMs: 0, topics: result.topics, errorCode: ErrorCode.NONE, groups: [] };
  }
  if (version >= TOP_LEVEL_ERROR_VERSION) return { throttleTimeMs: 0, topics: [], errorCode: result.errorCode, groups: [] };
  // v0-v1 have no top-level error code: each requested partition carries it.
  const topics: OffsetFetchResponseTopic[] = (req.topics ?? []).map((t) => ({
    name: t.name,
    partitions: t.partitionIndexes.map((partitionIndex) => ({
      partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: result.errorCode,
    })),
  }));
  return { throttleTimeMs: 0, topics, errorCode: ErrorCode.NONE, groups: [] };
}
