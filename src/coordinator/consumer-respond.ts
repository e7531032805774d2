// How consumer group heartbeats are answered: after their records are written, or with the
// coordinator error the write failed with (NOT_COORDINATOR when leadership moved meanwhile).
import { ErrorCode } from '../../protocol/errors.js';
import type { ConsumerGroupHeartbeatResponse } from '../../protocol/generated/api/68-consumer-group-heartbeat.js';
import { appendErrorToResponse } from './classic-rebalance.js';
import type { GroupShard } from './group-shard.js';
import type { CoordinatorRecord } from './records.js';

export type HeartbeatResponder = (res: ConsumerGroupHeartbeatResponse) => void;

export function heartbeatError(errorCode: number, errorMessage: string | null = null): ConsumerGroupHeartbeatResponse {
  return { throttleTimeMs: 0, errorCode, errorMessage, memberId: null, memberEpoch: 0, heartbeatIntervalMs: 0, assignment: null };
}

export function appendThenRespond(shard: GroupShard, records: CoordinatorRecord[], nowMs: number,
  response: ConsumerGroupHeartbeatResponse, respond: HeartbeatResponder): void {
  if (records.length === 0) return respond(response);
  shard.append(records, nowMs, (errorCode) => {
    respond(errorCode === ErrorCode.NONE ? response : heartbeatError(appendErrorToResponse(errorCode)));
  });
}
