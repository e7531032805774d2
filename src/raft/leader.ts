// The leader's side of replication: answering Fetch (with divergence and snapshot redirection),
// holding fetches that have nothing new, FetchSnapshot chunks, the high watermark, check quorum,
// proposals and DescribeQuorum.
import { ErrorCode } from '../../protocol/errors.js';
import { defaultFetchResponse, type FetchResponse, type PartitionData } from '../../protocol/generated/api/01-fetch.js';
import type { DescribeQuorumResponsePartitionData } from '../../protocol/generated/api/55-describe-quorum.js';
import { defaultFetchSnapshotResponse, type FetchSnapshotResponse } from '../../protocol/generated/api/59-fetch-snapshot.js';
import { RecordError } from '../../protocol/records/record-error.js';
import { assert } from './assert.js';
import { METADATA_PARTITION } from './config.js';
import { describeBatch, encodeDataBatch, stampProposedBatch } from './batches.js';
import type { ParkedFetch, RaftCore } from './core.js';
import { validateOffsetAndEpoch } from './log-seams.js';
import {
  byName,
  byTopicOrId,
  fetchReplicaId,
  fetchResponse,
  fetchSnapshotResponse,
  metadataPartition,
  topLevelError,
} from './message-builders.js';
import type { InboundRequest } from './messages.js';
import { isMajority } from './quorum-math.js';

type Request<K extends number> = Extract<InboundRequest, { apiKey: K }>;

/** Errors of requests only the leader of the sender's epoch may answer. */
function leaderOnlyError(core: RaftCore, requestEpoch: number): number {
  if (requestEpoch < core.state.epoch) return ErrorCode.FENCED_LEADER_EPOCH;
  if (requestEpoch > core.state.epoch) return ErrorCode.UNKNOWN_LEADER_EPOCH;
  return core.state.role === 'leader' ? ErrorCode.NONE : ErrorCode.NOT_LEADER_OR_FOLLOWER;
}

export function handleFetchRequest(core: RaftCore, request: Request<1>): void {
  const body = request.body;
  const replyError = (errorCode: number) =>
    core.respond(request, { apiKey: 1, body: withLeaderEndpoint(core, fetchResponse({ errorCode, currentLeader: core.currentLeader(), highWatermark: core.highWatermark })) });
  if (core.clusterIdMismatch(body.clusterId)) {
    return core.respond(request, { apiKey: 1, body: topLevelError(defaultFetchResponse, ErrorCode.INCONSISTENT_CLUSTER_ID) });
  }
  const p = metadataPartition(body.topics, byTopicOrId, (x) => x.partition);
  if (p === undefined) return core.respond(request, { apiKey: 1, body: topLevelError(defaultFetchResponse, ErrorCode.INVALID_REQUEST) });
  const replicaId = fetchReplicaId(body);
  if (p.fetchOffset < 0 || p.lastFetchedEpoch < 0 || p.lastFetchedEpoch > p.currentLeaderEpoch || replicaId < 0) {
    return replyError(ErrorCode.INVALID_REQUEST);
  }
  const error = leaderOnlyError(core, p.currentLeaderEpoch);
  if (error !== ErrorCode.NONE) return replyError(error);
  const s = core.state;
  assert(s.role === 'leader', 'fetch answered by a non-leader');
  const validation = validateOffsetAndEpoch(core.log, core.log.snapshots, p.fetchOffset, p.lastFetchedEpoch);
  if (validation.kind !== 'valid') {
    // A diverging or lagging replica still follows this leader, so it counts for check quorum.
    s.progress.recordFetch(replicaId, undefined, core.log.durableEndOffset, core.nowMs, p.replicaDirectoryId);
    const redirect = validation.kind === 'diverging'
      ? { divergingEpoch: { epoch: validation.epoch, endOffset: validation.offset } }
      : { snapshotId: { ...validation.snapshotId } };
    return core.respond(request, { apiKey: 1, body: answer(core, { ...redirect, records: null }) });
  }
  const maxBytes = Math.min(p.partitionMaxBytes, body.maxBytes, core.config.fetchMaxBytes);
  const deadlineMs = core.nowMs + Math.min(body.maxWaitMs, core.config.fetchMaxWaitMs);
  answerValidFetch(core, { request, replicaId, directoryId: p.replicaDirectoryId, fetchOffset: p.fetchOffset, maxBytes, deadlineMs });
}

/** A fetch from where the replica's log matches ours: its progress counts, and it gets records,
 * or waits for some when there is nothing new for it. */
function answerValidFetch(core: RaftCore, fetch: ParkedFetch): void {
  const s = core.state;
  assert(s.role === 'leader', 'fetch answered by a non-leader');
  s.progress.recordFetch(fetch.replicaId, fetch.fetchOffset, core.log.durableEndOffset, core.nowMs, fetch.directoryId);
  // A replica that asks again no longer waits for its held fetch.
  completeParkedFetches(core, (f) => f.replicaId === fetch.replicaId);
  const highWatermark = core.highWatermark;
  maybeAdvanceHighWatermark(core);
  // Held only when the answer would carry nothing: no records, no commit this fetch caused, and no
  // high watermark the replica has not been told yet.
  const toldHighWatermark = core.sentHighWatermarks.get(fetch.replicaId) ?? -1;
  const nothingNew = fetch.fetchOffset >= core.log.durableEndOffset && core.highWatermark === highWatermark &&
    core.highWatermark <= toldHighWatermark;
  if (fetch.request.body.maxWaitMs > 0 && nothingNew) core.parkedFetches.push(fetch);
  else answerParked(core, fetch);
}

function answer(core: RaftCore, fields: Partial<PartitionData>): FetchResponse {
  return withLeaderEndpoint(core, fetchResponse({
    ...fields,
    currentLeader: core.currentLeader(),
    highWatermark: core.highWatermark,
    logStartOffset: core.log.logStartOffset,
  }));
}

/** Fetch v16+'s NodeEndpoints: where the leader is, for an observer that found it through a
 * bootstrap server and has no voter set yet. */
function withLeaderEndpoint(core: RaftCore, response: FetchResponse): FetchResponse {
  const leaderId = core.currentLeader().leaderId;
  const endpoint = core.endpointsOf(leaderId)[0];
  if (endpoint === undefined) return response;
  return { ...response, nodeEndpoints: [{ nodeId: leaderId, host: endpoint.host, port: endpoint.port, rack: null }] };
}

function answerParked(core: RaftCore, fetch: ParkedFetch): void {
  const records = core.log.read(fetch.fetchOffset, fetch.maxBytes);
  core.sentHighWatermarks.set(fetch.replicaId, core.highWatermark);
  core.respond(fetch.request, { apiKey: 1, body: answer(core, { records }) });
}

/** Answers the held fetches that `which` selects (all by default). */
function completeParkedFetches(core: RaftCore, which: (fetch: ParkedFetch) => boolean = () => true): void {
  const done = core.parkedFetches.filter(which);
  if (done.length === 0) return;
  core.parkedFetches = core.parkedFetches.filter((f) => !which(f));
  for (const fetch of done) answerParked(core, fetch);
}

/**
 * Raft's commit rule: the high watermark moves to what a majority of voters has durably fetched,
 * but only once that includes a record of the leader's own epoch (its LeaderChange record), since
 * a majority holding older records does not make them committed.
 */
function maybeAdvanceHighWatermark(core: RaftCore): void {
  const s = core.state;
  if (s.role !== 'leader') return;
  const candidate = s.progress.majorityEndOffset();
  if (candidate <= s.progress.epochStartOffset || candidate <= core.highWatermark) return;
  core.raiseHighWatermark(candidate);
  // Followers learn the new high watermark from their held fetches.
  completeParkedFetches(core);
}

/** After an advance: the leader's own records are durable; held fetches may now have data. */
export function onLeaderLogDurable(core: RaftCore): void {
  const s = core.state;
  if (s.role !== 'leader') return;
  s.progress.updateLocalEndOffset(core.log.durableEndOffset);
  maybeAdvanceHighWatermark(core);
  completeParkedFetches(core, (f) => f.fetchOffset < core.log.durableEndOffset);
}

export function tickLeader(core: RaftCore): void {
  const s = core.state;
  if (s.role !== 'leader') return;
  completeParkedFetches(core, (f) => f.deadlineMs <= core.nowMs);
  if (needsCheckQuorum(core) && core.nowMs >= s.progress.checkQuorumDeadlineMs) core.becomeResigned(s.progress.successorsByEndOffset());
}

/** Check quorum applies unless the leader is a quorum by itself (a sole voter, or one that
 * outweighs all the others together): then no one else's silence can depose it. */
function needsCheckQuorum(core: RaftCore): boolean {
  return !isMajority(core.voterWeights, new Set([core.nodeId]));
}

export function leaderDeadlineMs(core: RaftCore): number {
  const s = core.state;
  if (s.role !== 'leader') return Infinity;
  let next = needsCheckQuorum(core) ? s.progress.checkQuorumDeadlineMs : Infinity;
  for (const f of core.parkedFetches) next = Math.min(next, f.deadlineMs);
  return next;
}

export function handleFetchSnapshotRequest(core: RaftCore, request: Request<59>): void {
  const body = request.body;
  const reply = (b: FetchSnapshotResponse) => core.respond(request, { apiKey: 59, body: b });
  if (core.clusterIdMismatch(body.clusterId)) return reply(topLevelError(defaultFetchSnapshotResponse, ErrorCode.INCONSISTENT_CLUSTER_ID));
  const p = metadataPartition(body.topics, byName, (x) => x.partition);
  if (p === undefined) return reply(topLevelError(defaultFetchSnapshotResponse, ErrorCode.INVALID_REQUEST));
  const replyError = (errorCode: number) => reply(fetchSnapshotResponse({ errorCode, currentLeader: core.currentLeader(), snapshotId: p.snapshotId }));
  const error = leaderOnlyError(core, p.currentLeaderEpoch);
  if (error !== ErrorCode.NONE) return replyError(error);
  const s = core.state;
  assert(s.role === 'leader', 'fetch snapshot answered by a non-leader');
  const snapshots = core.log.snapshots;
  const size = snapshots.snapshotSizeBytes(p.snapshotId);
  if (size === undefined) return replyError(ErrorCode.SNAPSHOT_NOT_FOUND);
  if (p.position < 0 || p.position > size) return replyError(ErrorCode.POSITION_OUT_OF_RANGE);
  s.progress.recordFetch(body.replicaId, undefined, core.log.durableEndOffset, core.nowMs);
  const bytes = snapshots.readSnapshot(p.snapshotId, p.position, Math.min(body.maxBytes, core.config.snapshotChunkBytes));
  reply(fetchSnapshotResponse({ currentLeader: core.currentLeader(), snapshotId: p.snapshotId, size, position: p.position, unalignedRecords: bytes }));
}

export type ProposeResult =
  | { errorCode: typeof ErrorCode.NONE; epoch: number; baseOffset: number; lastOffset: number }
  | { errorCode: number; epoch: number; leaderId: number };

/** Appends records (values of one new batch) or one encoded batch at the end of the leader's log. */
export function propose(core: RaftCore, records: readonly Buffer[] | { batch: Buffer }): ProposeResult {
  const s = core.state;
  const refuse = (errorCode: number) => ({ errorCode, epoch: s.epoch, leaderId: core.currentLeader().leaderId });
  if (s.role !== 'leader') return refuse(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  const baseOffset = core.log.logEndOffset;
  let bytes: Buffer;
  try {
    if (!('batch' in records) && records.length === 0) return refuse(ErrorCode.INVALID_RECORD);
    bytes = 'batch' in records ? stampProposedBatch(records.batch, baseOffset, s.epoch) : encodeDataBatch(records, baseOffset, s.epoch, core.nowMs);
  } catch (err) {
    if (err instanceof RecordError || err instanceof RangeError) return refuse(ErrorCode.INVALID_RECORD);
    throw err;
  }
  if (bytes.length > core.config.maxBatchBytes) return refuse(ErrorCode.RECORD_LIST_TOO_LARGE);
  const batch = describeBatch(bytes);
  core.log.append(batch);
  return { errorCode: ErrorCode.NONE, epoch: s.epoch, baseOffset, lastOffset: batch.lastOffset };
}

/** Graceful resignation (KIP-595): hand over to the most caught-up voters. */
export function resign(core: RaftCore): boolean {
  const s = core.state;
  if (s.role !== 'leader') return false;
  core.becomeResigned(s.progress.successorsByEndOffset());
  return true;
}

/** DescribeQuorum's partition data; only the leader knows it. */
export function describeQuorum(core: RaftCore): DescribeQuorumResponsePartitionData {
  const s = core.state;
  const base = { partitionIndex: METADATA_PARTITION, errorMessage: null, ...core.currentLeader(), highWatermark: core.highWatermark };
  if (s.role !== 'leader') return { ...base, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, currentVoters: [], observers: [] };
  return { ...base, errorCode: ErrorCode.NONE, ...s.progress.describe(core.nowMs, (id) => core.voters.get(id)?.directoryId) };
}
