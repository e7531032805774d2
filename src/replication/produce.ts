// The leader's append path for a produce request's partition data, as Kafka's LogValidator and
// ReplicaManager.appendRecords do it: check the batches by their headers and CRC (records stay
// compressed), convert legacy message sets, stamp LogAppendTime, recompress only when the topic
// asks for a different codec, append, then wait for the acks the producer asked for.
import { ErrorCode } from '../../protocol/errors.js';
import { compressionTypeByName } from '../../protocol/compression/index.js';
import { MAGIC, MAGIC_V2, TimestampType, setMaxTimestamp } from '../../protocol/records/batch-header.js';
import { validateRecordBatches, type BatchInfo } from '../../protocol/records/batch-validation.js';
import { upConvertMessageSet } from '../../protocol/records/conversion.js';
import type { TopicCounters } from '../broker/broker-metrics.js';
import { decodeRecordBatch, encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { RecordError, errorCodeOf } from '../../protocol/records/record-error.js';
import type { Partition } from './partition.js';
import type { VerificationGuard } from './producer-state.js';
import { verificationError, type TxnVerifier } from './txn-verification.js';
import type { ThrottledReplicas } from './replication-quota.js';

export interface TopicSettings {
  maxMessageBytes: number;
  logAppendTime: boolean;
  minInsyncReplicas: number;
  /** compression.type: 'producer' keeps what the client sent. */
  compressionType: string;
  timestampBeforeMaxMs: number;
  timestampAfterMaxMs: number;
  segmentBytes: number;
  /** cleanup.policy includes compact: every record needs a key (Kafka's LogValidator). */
  compacted?: boolean;
  /** leader/follower.replication.throttled.replicas (see replication-quota.ts); absent: none. */
  leaderThrottled?: ThrottledReplicas | null;
  followerThrottled?: ThrottledReplicas | null;
}

export interface ProduceOptions {
  acks: number;
  timeoutMs: number;
  /** Produce v3+ must carry RecordBatch v2; older versions may carry legacy message sets. */
  requestVersion: number;
  nowMs: number;
  /** The request's transactional id (null: none). */
  transactionalId?: string | null;
  /** KIP-890 part 1 (transaction.partition.verification.enable): asks the transaction coordinator
   * whether the partition is in the producer's ongoing transaction. Absent: no verification. */
  verify?: TxnVerifier;
  /** The topic's MessagesIn/BytesIn counters, bumped once the batches are in the log. */
  counters?: TopicCounters;
}

export interface PartitionProduceResult {
  errorCode: number;
  errorMessage: string | null;
  baseOffset: number;
  logAppendTimeMs: number;
  logStartOffset: number;
}

export function produceError(errorCode: number, errorMessage: string | null = null): PartitionProduceResult {
  return { errorCode, errorMessage, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 };
}

/** Validates and appends; the synchronous part queues the append in request order. */
export function appendAsLeader(partition: Partition, records: Buffer, settings: TopicSettings,
  opts: ProduceOptions): PartitionProduceResult | Promise<PartitionProduceResult> {
  if (!partition.isLeader) return produceError(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  if (opts.acks === -1 && partition.state.isr.length < settings.minInsyncReplicas) {
    return produceError(ErrorCode.NOT_ENOUGH_REPLICAS, `The size of the current ISR ${partition.state.isr.length} is insufficient to satisfy the min.isr requirement of ${settings.minInsyncReplicas}`);
  }
  let batches: Buffer;
  let infos: BatchInfo[];
  try {
    batches = toRecordBatches(records, opts.requestVersion);
    infos = validateRecordBatches(batches, { maxBatchBytes: settings.maxMessageBytes });
    if (batches.length > settings.segmentBytes) {
      return produceError(ErrorCode.RECORD_LIST_TOO_LARGE, `The request included message batch larger than the configured segment size (${settings.segmentBytes})`);
    }
    if (settings.compacted && hasKeylessRecord(batches, infos)) {
      return produceError(ErrorCode.INVALID_RECORD, 'Compacted topic cannot accept message without key in topic partition');
    }
    const problem = checkTimestamps(infos, settings, opts.nowMs);
    if (problem) return produceError(ErrorCode.INVALID_TIMESTAMP, problem);
    const recompressed = applyTopicCompression(batches, infos, settings.compressionType);
    if (recompressed !== batches) {
      batches = recompressed;
      infos = validateRecordBatches(batches);
    }
  } catch (err) {
    const code = errorCodeOf(err);
    if (code === undefined) throw err;
    return produceError(code, (err as Error).message);
  }
  if (infos.length === 0) return produceError(ErrorCode.INVALID_RECORD, 'The produce request carries no record batch');
  if (infos.some((b) => b.isTransactional && b.producerId < 0)) {
    return produceError(ErrorCode.INVALID_RECORD, 'A transactional batch must carry a producer id');
  }
  const txn = infos.find((b) => b.isTransactional);
  const { verify, transactionalId } = opts;
  if (txn && verify && transactionalId && partition.needsVerification(txn.producerId, txn.producerEpoch)) {
    // Kafka's appendRecords with verification: the append waits for the coordinator's answer and
    // is then taken only if no marker (or newer verification) voided this one meanwhile.
    const guard = partition.startVerification(txn.producerId, txn.producerEpoch);
    const request = { transactionalId, producerId: txn.producerId, producerEpoch: txn.producerEpoch, topic: partition.topic, partition: partition.partition };
    return verify(request).catch(() => ErrorCode.NETWORK_EXCEPTION).then((code) => code === ErrorCode.NONE
      ? appendChecked(partition, batches, infos, settings, opts, guard)
      : produceError(verificationError(code), `Transaction verification failed with error ${code}`));
  }
  return appendChecked(partition, batches, infos, settings, opts);
}

/** Sequences and appends batches that passed validation (and verification, with `guard`). */
function appendChecked(partition: Partition, batches: Buffer, infos: BatchInfo[], settings: TopicSettings,
  opts: ProduceOptions, guard?: VerificationGuard): PartitionProduceResult | Promise<PartitionProduceResult> {
  if (!partition.isLeader) return produceError(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  const sequenced = partition.sequence(infos, guard);
  if (sequenced.kind === 'error') return produceError(sequenced.errorCode, sequenced.message);
  if (sequenced.kind === 'duplicate') {
    // A retry of a batch already written is answered like its first attempt would be: with acks=all
    // only once the in-sync replicas have it (Kafka's DelayedProduce runs for duplicates too). The
    // first attempt may have timed out with the batch on the leader alone.
    const records = infos.reduce((n, b) => n + b.lastOffsetDelta + 1, 0);
    return sequenced.original.then((o) => acknowledged(partition, o + records, settings, opts,
      { ...duplicateResult(o), logStartOffset: partition.log.logStartOffset }),
    // The first attempt's append failed (its log went offline): the retry gets that answer too.
    (err: Error) => produceError(ErrorCode.KAFKA_STORAGE_ERROR, err.message));
  }
  if (settings.logAppendTime) stampLogAppendTime(batches, infos, opts.nowMs);
  const appended = partition.log.append(batches, { leaderEpoch: partition.leaderEpoch });
  return appended.then((result) => {
    sequenced.appended(result.baseOffset);
    if (opts.counters !== undefined) {
      opts.counters.messagesIn += result.lastOffset - result.baseOffset + 1;
      opts.counters.bytesIn += batches.length;
    }
    partition.advanceHighWatermark();
    partition.wakeDataWaiters();
    const ok: PartitionProduceResult = {
      errorCode: ErrorCode.NONE, errorMessage: null, baseOffset: result.baseOffset,
      logAppendTimeMs: settings.logAppendTime ? opts.nowMs : -1, logStartOffset: result.logStartOffset,
    };
    return acknowledged(partition, result.lastOffset + 1, settings, opts, ok);
  }, (err: Error) => {
    sequenced.failed();
    return produceError(ErrorCode.KAFKA_STORAGE_ERROR, err.message);
  });
}

/** `ok` once the acks asked for hold for records up to `endOffset` (exclusive), else the error.
 * With acks=0 or 1, `ok` itself: a promise returned into the append's `then` would cost it two
 * more turns of the microtask queue and their allocations. */
export function acknowledged(partition: Partition, endOffset: number, settings: TopicSettings, opts: Pick<ProduceOptions, 'acks' | 'timeoutMs'>,
  ok: PartitionProduceResult): PartitionProduceResult | Promise<PartitionProduceResult> {
  return opts.acks !== -1 ? ok : replicated(partition, endOffset, settings, opts, ok);
}

async function replicated(partition: Partition, endOffset: number, settings: TopicSettings, opts: Pick<ProduceOptions, 'timeoutMs'>,
  ok: PartitionProduceResult): Promise<PartitionProduceResult> {
  const isrSize = await waitWithTimeout(partition.waitForHighWatermark(endOffset), opts.timeoutMs);
  if (isrSize === 'timeout') return produceError(ErrorCode.REQUEST_TIMED_OUT, 'Timed out waiting for the in-sync replicas');
  if (isrSize === null) return produceError(ErrorCode.NOT_LEADER_OR_FOLLOWER, 'Leadership changed before the write was replicated');
  // Kafka's checkEnoughReplicasReachOffset: the ISR may have shrunk while the request waited,
  // letting the high watermark pass with fewer copies than min.insync.replicas.
  if (isrSize < settings.minInsyncReplicas) {
    return produceError(ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND, `The size of the current ISR ${isrSize} is insufficient to satisfy the min.isr requirement of ${settings.minInsyncReplicas}`);
  }
  return ok;
}

/** A retried batch that was already written: success with the offset it got the first time. */
function duplicateResult(baseOffset: number): PartitionProduceResult {
  return { errorCode: ErrorCode.NONE, errorMessage: null, baseOffset, logAppendTimeMs: -1, logStartOffset: -1 };
}

function toRecordBatches(records: Buffer, requestVersion: number): Buffer {
  if (records.length <= MAGIC || records.readInt8(MAGIC) === MAGIC_V2) return records;
  if (requestVersion >= 3) throw new RecordError('KRAFTLING_INVALID_RECORD', 'Produce v3 and later must carry record batches (magic 2)');
  return upConvertMessageSet(records);
}

/** Whether a data batch holds a record with a null key (control batches have keys of their own). */
function hasKeylessRecord(batches: Buffer, infos: BatchInfo[]): boolean {
  return infos.some((b) => !b.isControl && decodeRecordBatch(batches, b.position).records.some((r) => r.key === null));
}

function checkTimestamps(infos: BatchInfo[], settings: TopicSettings, nowMs: number): string | null {
  if (settings.logAppendTime) return null;
  for (const b of infos) {
    if (b.maxTimestamp < 0) continue;
    if (nowMs - b.maxTimestamp > settings.timestampBeforeMaxMs || b.maxTimestamp - nowMs > settings.timestampAfterMaxMs) {
      return `Timestamp ${b.maxTimestamp} of a batch is out of range (message.timestamp.before/after.max.ms)`;
    }
  }
  return null;
}

/** LogAppendTime: each batch's max timestamp becomes the broker's time (its CRC is recomputed). */
function stampLogAppendTime(batches: Buffer, infos: BatchInfo[], nowMs: number): void {
  for (const b of infos) setMaxTimestamp(batches, b.position, TimestampType.LOG_APPEND_TIME, nowMs);
}

/** A topic with its own compression.type gets batches in that codec; the default keeps the producer's. */
function applyTopicCompression(batches: Buffer, infos: BatchInfo[], compressionType: string): Buffer {
  if (compressionType === 'producer') return batches;
  const target = compressionType === 'uncompressed' ? 0 : compressionTypeByName(compressionType) ?? 0;
  if (infos.every((b) => b.compression === target)) return batches;
  const parts = infos.map((b) => {
    if (b.compression === target) return batches.subarray(b.position, b.position + b.sizeBytes);
    const batch = decodeRecordBatch(batches, b.position);
    return encodeRecordBatch({
      compression: target, timestampType: batch.timestampType, isTransactional: batch.isTransactional,
      producerId: batch.producerId, producerEpoch: batch.producerEpoch, baseSequence: batch.baseSequence,
      records: batch.records.map((r) => ({ key: r.key, value: r.value, headers: r.headers, timestamp: r.timestamp, offsetDelta: r.offset - batch.baseOffset })),
    });
  });
  return Buffer.concat(parts);
}

async function waitWithTimeout<T>(p: Promise<T>, timeoutMs: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
