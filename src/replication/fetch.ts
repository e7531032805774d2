// Reading partitions for a Fetch request, consumers and follower replicas alike, with Kafka's
// limits (max_bytes over the whole response, partition_max_bytes per partition, but at least one
// whole batch so a large record never stalls a consumer) and the long poll: with less than
// min_bytes to return, the fetch waits up to max_wait_ms for new data. A consumer that sends client
// metadata (Fetch v11+) may read from a follower, up to the follower's high watermark, and may be
// sent to one by the leader (KIP-392, preferred-replica.ts).
import { ErrorCode } from '../../protocol/errors.js';
import {
  ATTRIBUTES, BASE_OFFSET, CONTROL_FLAG, MAGIC, MAGIC_V2, PRODUCER_ID, TRANSACTIONAL_FLAG, batchSize, lastOffset, readInt64,
} from '../../protocol/records/batch-header.js';
import { ZERO_COPY_BYTES } from '../../protocol/primitives/writer.js';
import type { BufferPools } from '../../storage/buffer-pool.js';
import type { AbortedTxn } from '../../storage/transaction-index.js';
import { whenSent } from '../server/sent-hooks.js';
import type { Partition } from './partition.js';
import type { ClientMetadata } from './preferred-replica.js';
import type { ReplicaManager } from './replica-manager.js';

export interface FetchPartitionInput {
  topic: string;
  partition: number;
  fetchOffset: number;
  partitionMaxBytes: number;
  /** -1 when the client does not know (old versions). */
  currentLeaderEpoch: number;
  /** Followers: epoch of the last batch they hold, for divergence detection; else -1. */
  lastFetchedEpoch: number;
  /** Followers: their log start offset (v5+); else -1. */
  logStartOffset?: number;
  /** An incremental fetch session's record that this partition had nothing new for this fetch
   * position when it was last read; while its state is the same it is not read again. */
  idle?: IdleMark;
}

/**
 * What a partition's answer depends on when the fetch position is at the end of what it may read:
 * a read that found nothing there and was left out of its session's answer is not repeated while
 * these are the same, and is answered UNCHANGED. A follower's session of 10,000 idle partitions
 * read each of them on every fetch, and again on every wake of a parked one.
 */
export interface IdleMark {
  leaderEpoch: number;
  logEndOffset: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
}

export interface FetchPartitionOutput {
  errorCode: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  records: Buffer | null;
  /** Set when a follower's log diverged from the leader's: truncate to endOffset of epoch. */
  divergingEpoch: { epoch: number; endOffset: number } | null;
  /** read_committed: the aborted transactions overlapping the records returned; else null. */
  abortedTransactions?: { producerId: number; firstOffset: number }[] | null;
  /** Set when there was nothing to read at the fetch position (see IdleMark). */
  idle?: IdleMark;
  /** KIP-392: the replica the consumer should fetch this partition from instead (no records). */
  preferredReadReplica?: number;
}

export interface FetchInput {
  /** -1 for consumers, the broker id for follower replicas. */
  replicaId: number;
  /** A follower's broker epoch (Fetch v15+), -1 when not sent. */
  replicaEpoch?: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  /** 1: read_committed (consumers read below the last stable offset); 0 (default): read_uncommitted. */
  isolationLevel?: number;
  /** A consumer's Fetch v11+: it may read from followers, and be sent to one (KIP-392). */
  client?: ClientMetadata;
  partitions: FetchPartitionInput[];
}

const EMPTY = Buffer.alloc(0);

/** The answer for a partition skipped as idle: the same as its session's last, so left out. */
export const UNCHANGED: FetchPartitionOutput = Object.freeze({
  errorCode: ErrorCode.NONE, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: null, divergingEpoch: null,
});

function failure(errorCode: number): FetchPartitionOutput {
  return { errorCode, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: EMPTY, divergingEpoch: null };
}

export function fetch(rm: ReplicaManager, input: FetchInput): FetchPartitionOutput[] | Promise<FetchPartitionOutput[]> {
  // Kafka's updateFetchStateOrThrow: a fetch from an earlier incarnation of the follower than the
  // image knows (a late request of a broker that has restarted since) must not record its progress.
  const replicaEpoch = input.replicaEpoch ?? -1;
  if (input.replicaId >= 0 && replicaEpoch >= 0 && rm.registeredEpoch(input.replicaId) > replicaEpoch) {
    return input.partitions.map(() => failure(ErrorCode.NOT_LEADER_OR_FOLLOWER));
  }
  const first = readAll(rm, input);
  // A follower's progress may let it join the ISR of the partitions it fetched.
  if (input.replicaId >= 0) rm.checkIsr(first.hosted, input.replicaId);
  if (input.maxWaitMs <= 0 || first.bytes >= input.minBytes || first.stop) return answered(rm, first);
  const follower = input.replicaId;
  const waitMs = follower >= 0 ? rm.followerWaits.maxWaitMs(follower, input.maxWaitMs, first.hosted) : input.maxWaitMs;
  return new Promise((resolve) => {
    const partitions = first.hosted;
    let done = false;
    const subscribe = (): void => {
      for (const p of partitions) p.onData(retry);
    };
    /** `read`: a pass that just found enough, answered as it is rather than read again. */
    const finish = (read?: ReadPass): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const p of partitions) p.offData(retry);
      if (follower >= 0) rm.followerWaits.unpark(follower, finish);
      resolve(answered(rm, read ?? readAll(rm, input)));
    };
    // Kafka completes delayed fetches once the whole produce request is appended (its action
    // queue), so a waiting follower's answer carries every partition the request wrote, not the
    // first alone: the check waits for the turn after the wake. Answering each partition's append
    // on its own cost RF 3 acks=all a follower round trip per partition (14 ms per 8-partition
    // request instead of 4 in the bench).
    let checkQueued = false;
    function retry(): void {
      if (done || checkQueued) return;
      checkQueued = true;
      setImmediate(check);
    }
    function check(): void {
      checkQueued = false;
      if (done) return;
      const next = readAll(rm, input);
      if (next.bytes >= input.minBytes || next.stop) finish(next);
      else subscribe();
    }
    const timer = setTimeout(() => finish(), waitMs);
    if (follower >= 0) rm.followerWaits.park(follower, finish);
    subscribe();
  });
}

/** The pass that answers the fetch, once its reads on the thread pool are done: its bytes of
 * throttled partitions count against the leader throttle (Kafka records them as the response goes
 * out). */
function answered(rm: ReplicaManager, pass: ReadPass): FetchPartitionOutput[] | Promise<FetchPartitionOutput[]> {
  if (pass.throttledBytes > 0) rm.leaderQuota.record(pass.throttledBytes, rm.nowMs());
  return pass.reads.length === 0 ? pass.results : Promise.all(pass.reads).then(() => pass.results);
}

interface ReadPass {
  results: FetchPartitionOutput[];
  bytes: number;
  /** Bytes of partitions under a leader throttle, for a follower. */
  throttledBytes: number;
  /** An error or a divergence: answer at once rather than waiting. */
  stop: boolean;
  /** The partitions of the request this broker hosts (found by the same lookups as the reads). */
  hosted: Partition[];
  /** Reads still running on the thread pool: each sets its partition's records when done. */
  reads: Promise<void>[];
}

function readAll(rm: ReplicaManager, input: FetchInput): ReadPass {
  let bytes = 0;
  let throttledBytes = 0;
  let stop = false;
  const hosted: Partition[] = [];
  const reads: Promise<void>[] = [];
  const nowMs = rm.nowMs();
  const results = input.partitions.map((req) => {
    const found = rm.lookup(req.topic, req.partition);
    if ('errorCode' in found) {
      stop = true;
      return failure(found.errorCode);
    }
    hosted.push(found.partition);
    if (req.idle !== undefined && stillIdle(found.partition, req.idle)) {
      // What the read would record of a follower: still at the end, so still caught up.
      if (input.replicaId >= 0) found.partition.recordFollowerFetch(input.replicaId, req.fetchOffset, nowMs, input.replicaEpoch ?? -1, req.logStartOffset);
      return UNCHANGED;
    }
    const budget = input.maxBytes - bytes;
    // A follower out of the ISR gets nothing of a throttled partition while the throttle is exceeded.
    const held = input.replicaId >= 0 && rm.leaderHolds(found.partition, input.replicaId, nowMs);
    const { out, deferred } = readPartition(rm, found.partition, req, input, held ? 0 : bytes === 0 ? Math.max(budget, 1) : budget, nowMs);
    if (out.errorCode !== ErrorCode.NONE || out.divergingEpoch || out.preferredReadReplica !== undefined) stop = true;
    // A read on the thread pool counts at its upper bound: later partitions may get a little less.
    const read = deferred !== undefined ? deferred.maxBytes : out.records?.length ?? 0;
    if (deferred !== undefined) reads.push(deferred.done);
    bytes += read;
    if (read > 0 && input.replicaId >= 0 && rm.leaderThrottled(found.partition)) throttledBytes += read;
    return out;
  });
  return { results, bytes, throttledBytes, stop, hosted, reads };
}

function stillIdle(p: Partition, mark: IdleMark): boolean {
  if (!p.isLeader || p.leaderEpoch !== mark.leaderEpoch) return false;
  const log = p.log;
  return log.logEndOffset === mark.logEndOffset && log.highWatermark === mark.highWatermark
    && log.lastStableOffset === mark.lastStableOffset && log.logStartOffset === mark.logStartOffset;
}

/** A partition's answer; with `deferred`, its records (and aborted transactions) are set once
 * `done` resolves. */
interface PartitionRead {
  out: FetchPartitionOutput;
  deferred?: { done: Promise<void>; maxBytes: number };
}

function readPartition(rm: ReplicaManager, p: Partition, req: FetchPartitionInput, input: FetchInput, budget: number,
  nowMs: number): PartitionRead {
  const out = answerPartition(rm, p, req, input, budget, nowMs);
  return 'out' in out ? out : { out };
}

function answerPartition(rm: ReplicaManager, p: Partition, req: FetchPartitionInput, input: FetchInput, budget: number,
  nowMs: number): FetchPartitionOutput | PartitionRead {
  const follower = input.replicaId >= 0;
  // Kafka's fetchOnlyLeader: replicas and consumers without client metadata read from leaders only.
  if (!p.isLeader && (follower || input.client === undefined)) return failure(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  if (req.currentLeaderEpoch >= 0 && req.currentLeaderEpoch !== p.leaderEpoch) {
    return failure(req.currentLeaderEpoch < p.leaderEpoch ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH);
  }
  const log = p.log;
  if (input.client !== undefined && !follower) {
    const preferred = rm.preferredReadReplica(p, input.client, req.fetchOffset, nowMs);
    if (preferred >= 0) {
      const out = answer(log, ErrorCode.NONE, EMPTY, null);
      out.preferredReadReplica = preferred;
      return out;
    }
  }
  const buffers = rm.readBuffers;
  if (follower && req.lastFetchedEpoch >= 0) {
    // Not a leader for this epoch yet as far as divergence goes: a retriable answer, not a wrong one.
    if (p.epochStartPending) return failure(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    const end = log.endOffsetForEpoch(req.lastFetchedEpoch);
    // Kafka: no epoch at or below the follower's last one here, so no point where the logs agree
    // can be named: OFFSET_OUT_OF_RANGE (a DivergingEpoch of -1/-1 would read as "none").
    if (end.epoch < 0) return answer(log, ErrorCode.OFFSET_OUT_OF_RANGE, EMPTY, null);
    if (end.epoch !== req.lastFetchedEpoch || end.endOffset < req.fetchOffset) {
      return answer(log, ErrorCode.NONE, EMPTY, { epoch: end.epoch, endOffset: end.endOffset });
    }
  }
  // A follower's fetch offset is its log end offset: it may move the high watermark first. One past
  // our log end is out of range, and says nothing about what the follower holds: it must not count
  // toward the high watermark (Kafka updates follower state only after a successful read).
  if (follower && req.fetchOffset <= log.logEndOffset) p.recordFollowerFetch(input.replicaId, req.fetchOffset, nowMs, input.replicaEpoch ?? -1, req.logStartOffset);
  const limit = Math.min(req.partitionMaxBytes, budget);
  // Kafka's FetchIsolation: followers read to the log end, read_committed consumers to the last
  // stable offset, the others to the high watermark.
  const committed = !follower && input.isolationLevel === 1;
  const maxOffset = follower ? log.logEndOffset : committed ? log.lastStableOffset : log.highWatermark;
  // Most partitions of a follower's or an idle consumer's fetch have nothing new: no buffer for them.
  const pooled = req.fetchOffset < maxOffset && limit > 0 ? buffers : undefined;
  // Nothing may be returned (the response's budget is spent, or a throttle holds the partition):
  // the offset is checked, but no batch is read only to be dropped.
  // A consumer's read of the newest bytes is done at once (see readLarge). A follower's stays on the
  // thread pool: with replication factor 3 the leader's event loop is what limits throughput, and
  // with its followers' reads copied there the bench's acks=all figure was 251 MB/s in two runs,
  // against 277-335 without.
  const read = log.readLarge(req.fetchOffset, Math.max(limit, 1), limit > 0 ? maxOffset : req.fetchOffset, pooled, !follower);
  if (read.errorCode !== ErrorCode.NONE) return answer(log, read.errorCode, EMPTY, null);
  const deferred = 'deferred' in read ? read : undefined;
  const records = 'deferred' in read || limit <= 0 ? EMPTY : lent(read.records, buffers);
  const out = answer(log, ErrorCode.NONE, records, null);
  out.abortedTransactions = committed ? abortedIn(p, req.fetchOffset, records) : null;
  // Nothing readable at all (not merely none within this fetch's budget), and no leadership
  // change half done (a leader records its epoch's start when it takes over, with no append).
  if (req.fetchOffset >= maxOffset && !p.epochStartPending) {
    out.idle = {
      leaderEpoch: p.leaderEpoch, logEndOffset: log.logEndOffset, highWatermark: log.highWatermark,
      lastStableOffset: log.lastStableOffset, logStartOffset: log.logStartOffset,
    };
  }
  if (deferred === undefined) return out;
  // The offsets above are the ones of the moment the read was planned, as for a read at once.
  // A read that fails leaves its buffer to the collector.
  const done = deferred.deferred.then((data) => {
    out.records = lent(data, buffers);
    if (committed) out.abortedTransactions = abortedIn(p, req.fetchOffset, out.records);
  });
  // A pass dropped unanswered (too few bytes for min_bytes) leaves its reads unawaited: a failure
  // there must not be an unhandled rejection. The answered pass still sees it.
  done.catch(() => undefined);
  return { out, deferred: { done, maxBytes: deferred.maxBytes } };
}

/** A partition's answer with the log's current offsets. */
function answer(log: Partition['log'], errorCode: number, records: Buffer, divergingEpoch: FetchPartitionOutput['divergingEpoch']): FetchPartitionOutput {
  return { errorCode, highWatermark: log.highWatermark, lastStableOffset: log.lastStableOffset, logStartOffset: log.logStartOffset, records, divergingEpoch };
}

/**
 * Records read into a pooled buffer keep it until their response has been sent. Reads of 4-64 KiB
 * (a tailing consumer's) were copied out into a fresh buffer each, and their memory, about 7 MB/s
 * at 50,000 records/s, was freed only by full collections, which it brought on every 3-4 s. Lent
 * (from the small pool, see ReplicaManager): the bench's 5 s at 50,000/s saw no full collection in
 * 4 runs, against 1-2, and end-to-end p99 of 3.95-7.81 ms against 7.99-18.94.
 */
function lent(records: Buffer, buffers: BufferPools): Buffer {
  if (!buffers.lends(records)) return records;
  // Trimmed below what the encoding references (whole batches up to the high watermark): it would
  // be copied into the response, and the buffer never sent, so never given back.
  if (records.length < ZERO_COPY_BYTES) {
    const own = Buffer.from(records);
    buffers.give(records);
    return own;
  }
  whenSent(records, () => buffers.give(records));
  return records;
}

/** The aborted transactions among the records read from `fetchOffset`, for a read_committed
 * consumer. Kafka lists each one overlapping them (addAbortedTransactions, up to the offset after
 * the last batch returned) with its own first offset, and clients mark its producer aborted from
 * the first batch at or past that offset to its ABORT marker. Here each is listed at its first
 * batch in the response instead, which under that rule reads the same, and one with no batch in
 * the response is left out. kafkajs needs it so: it marks at most one transaction per record it
 * walks, in list order, so a fetch that starts inside two aborted transactions (its fetch after the
 * last record it delivered does) let the second one's records through. */
function abortedIn(p: Partition, fetchOffset: number, records: Buffer): { producerId: number; firstOffset: number }[] {
  if (records.length === 0) return [];
  let position = 0;
  let upperBoundOffset = fetchOffset;
  while (position < records.length) {
    upperBoundOffset = lastOffset(records, position) + 1;
    position += batchSize(records, position);
  }
  const txns = p.log.abortedTransactions(fetchOffset, upperBoundOffset);
  if (txns.length === 0) return [];
  // Each producer's transactions, by first offset: they never overlap one another.
  const byProducer = new Map<number, AbortedTxn[]>();
  for (const t of [...txns].sort((a, b) => a.firstOffset - b.firstOffset)) {
    const own = byProducer.get(t.producerId);
    if (own === undefined) byProducer.set(t.producerId, [t]);
    else own.push(t);
  }
  const listed: { producerId: number; firstOffset: number }[] = [];
  for (position = 0; position < records.length; position += batchSize(records, position)) {
    if (records[position + MAGIC] !== MAGIC_V2) continue;
    const attributes = records.readInt16BE(position + ATTRIBUTES);
    if ((attributes & TRANSACTIONAL_FLAG) === 0 || (attributes & CONTROL_FLAG) !== 0) continue;
    const own = byProducer.get(readInt64(records, position + PRODUCER_ID));
    if (own === undefined) continue;
    const base = readInt64(records, position + BASE_OFFSET);
    while (own.length > 0 && own[0]!.lastOffset < base) own.shift();
    const t = own[0];
    if (t === undefined || t.firstOffset > lastOffset(records, position)) continue;
    listed.push({ producerId: t.producerId, firstOffset: Math.max(t.firstOffset, base) });
    own.shift();
  }
  return listed;
}
