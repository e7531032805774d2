// The partition side of WriteTxnMarkers (Kafka's ReplicaManager.appendRecords with origin
// COORDINATOR and required acks -1): a COMMIT or ABORT control batch for one producer, appended on
// the leader at the log end with the leader epoch, after the producer-state checks, and answered
// once the in-sync replicas have it. Followers replicate it like any batch, and their producer
// state (and last stable offset, transaction index) follows from it as on the leader.
import { ErrorCode } from '../../protocol/errors.js';
import { ControlRecordType, encodeEndTxnBatch } from '../../protocol/records/control-record.js';
import type { Partition } from './partition.js';
import { acknowledged, type TopicSettings } from './produce.js';

export interface TxnMarker {
  producerId: number;
  producerEpoch: number;
  /** true: COMMIT, false: ABORT. */
  commit: boolean;
  coordinatorEpoch: number;
}

export interface MarkerOptions {
  timeoutMs: number;
  nowMs: number;
}

/** Appends the marker and waits for acks=all; resolves with the partition's error code. */
export function appendTxnMarker(partition: Partition, marker: TxnMarker, settings: TopicSettings, opts: MarkerOptions): Promise<number> {
  if (!partition.isLeader) return Promise.resolve(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  if (partition.state.isr.length < settings.minInsyncReplicas) return Promise.resolve(ErrorCode.NOT_ENOUGH_REPLICAS);
  const check = partition.checkMarker(marker.producerId, marker.producerEpoch, marker.coordinatorEpoch);
  if (check.kind === 'error') return Promise.resolve(check.errorCode);
  const batch = encodeEndTxnBatch({
    type: marker.commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT,
    coordinatorEpoch: marker.coordinatorEpoch,
    producerId: marker.producerId,
    producerEpoch: marker.producerEpoch,
    timestamp: opts.nowMs,
  });
  return partition.log.append(batch, { leaderEpoch: partition.leaderEpoch }).then(async (result) => {
    partition.advanceHighWatermark();
    partition.wakeDataWaiters();
    const ok = { errorCode: ErrorCode.NONE, errorMessage: null, baseOffset: result.baseOffset, logAppendTimeMs: -1, logStartOffset: result.logStartOffset };
    const answer = await acknowledged(partition, result.lastOffset + 1, settings, { acks: -1, timeoutMs: opts.timeoutMs }, ok);
    return answer.errorCode;
  }, () => ErrorCode.KAFKA_STORAGE_ERROR);
}
