// TxnOffsetCommit on one shard (Kafka's GroupCoordinator.handleTxnCommitOffsets for classic
// groups): a missing group is created, a named member must belong to the group and a generation
// must be the group's; the offsets are written as one transactional batch of the producer and stay
// pending (invisible to OffsetFetch, UNSTABLE_OFFSET_COMMIT for require_stable) until the
// transaction's marker reaches this __consumer_offsets partition.
import { ErrorCode } from '../../protocol/errors.js';
import type { TxnOffsetCommitRequest, TxnOffsetCommitResponse } from '../../protocol/generated/api/28-txn-offset-commit.js';
import { appendErrorToResponse } from './classic-rebalance.js';
import { consumerCommitError } from './consumer-admin.js';
import type { GroupShard } from './group-shard.js';
import { toRecordValue } from './offset-store.js';
import { offsetCommitRecord, type CoordinatorRecord } from './records.js';

export function txnCommitErrorResponse(req: TxnOffsetCommitRequest, errorCode: number): TxnOffsetCommitResponse {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })),
  };
}

function classicTxnCommitError(shard: GroupShard, req: TxnOffsetCommitRequest, nowMs: number): number {
  const group = shard.getOrCreateGroup(req.groupId, nowMs);
  let error: number = ErrorCode.NONE;
  if (group.state === 'Dead') error = ErrorCode.COORDINATOR_NOT_AVAILABLE;
  else if (req.memberId !== '') error = group.validateMember(req.memberId, req.groupInstanceId);
  if (error === ErrorCode.NONE && req.generationId >= 0 && req.generationId !== group.generationId) error = ErrorCode.ILLEGAL_GENERATION;
  return error;
}

export function txnCommitOffsets(shard: GroupShard, req: TxnOffsetCommitRequest, nowMs: number, respond: (res: TxnOffsetCommitResponse) => void): void {
  // A consumer group (KIP-848) checks the member epoch instead (generationId carries it).
  const error = consumerCommitError(shard, req.groupId, req.memberId, req.generationId, null) ?? classicTxnCommitError(shard, req, nowMs);
  if (error !== ErrorCode.NONE) return respond(txnCommitErrorResponse(req, error));
  const records: CoordinatorRecord[] = [];
  const response: TxnOffsetCommitResponse = {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        const metadata = p.committedMetadata ?? '';
        if (metadata.length > shard.config.offsetMetadataMaxBytes) return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE };
        const value = toRecordValue({ offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata, commitTimestampMs: nowMs, expireTimestampMs: null });
        records.push(offsetCommitRecord(req.groupId, t.name, p.partitionIndex, value));
        return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE };
      }),
    })),
  };
  if (records.length === 0) return respond(response);
  shard.appendTransactional(records, { producerId: req.producerId, producerEpoch: req.producerEpoch }, nowMs, (errorCode) => {
    if (errorCode !== ErrorCode.NONE) {
      const mapped = appendErrorToResponse(errorCode);
      for (const t of response.topics) for (const p of t.partitions) if (p.errorCode === ErrorCode.NONE) p.errorCode = mapped;
    }
    respond(response);
  });
}
