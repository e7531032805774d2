// The follower's side of replication: one Fetch (or FetchSnapshot) in flight to the leader, the
// answer appended, truncated on divergence or replaced by a snapshot, the fetch timeout. Observers
// without a leader ask a voter until one names it.
import { ErrorCode } from '../../protocol/errors.js';
import type { PartitionData } from '../../protocol/generated/api/01-fetch.js';
import type { FetchSnapshotResponsePartitionSnapshot } from '../../protocol/generated/api/59-fetch-snapshot.js';
import { RecordError } from '../../protocol/records/record-error.js';
import { assert } from './assert.js';
import { splitBatches } from './batches.js';
import type { RaftCore } from './core.js';
import { sameSnapshotId } from './log-seams.js';
import { bootstrapServerId } from './config.js';
import { KRAFT_VERSION_RANGE, sameEndpoints } from './voter-set.js';
import type { UpdateRaftVoterRequest } from '../../protocol/generated/api/82-update-raft-voter.js';
import { byName, byTopicOrId, fetchRequest, fetchSnapshotRequest, metadataPartition } from './message-builders.js';
import type { InboundResponse } from './messages.js';
import type { FollowerState } from './roles.js';

type Response<K extends number> = Extract<InboundResponse, { apiKey: K }>;

function sendFetch(core: RaftCore, destinationId: number): void {
  const log = core.log;
  const position = {
    currentLeaderEpoch: core.state.epoch,
    fetchOffset: log.logEndOffset,
    lastFetchedEpoch: log.lastFetchedEpoch,
    logStartOffset: log.logStartOffset,
  };
  const body = fetchRequest(core.config.clusterId, core.nodeId, position, core.config.fetchMaxWaitMs, core.config.fetchMaxBytes, core.config.directoryId);
  core.send(destinationId, { apiKey: 1, body });
}

/** Keeps one Fetch or FetchSnapshot in flight to the leader; an observer without one asks a voter. */
export function sendFetchRequests(core: RaftCore): void {
  const s = core.state;
  if (core.haltReason !== undefined) return;
  if (s.role === 'follower') {
    if (!core.requests.canSend(s.leaderId, core.nowMs)) return;
    if (shouldUpdateVoter(core, s)) return sendUpdateVoter(core, s);
    const download = s.snapshotDownload;
    if (download === undefined) return sendFetch(core, s.leaderId);
    const body = fetchSnapshotRequest(core.config.clusterId, core.nodeId, s.epoch, download.snapshotId, download.position, core.config.snapshotChunkBytes);
    core.send(s.leaderId, { apiKey: 59, body });
  } else if (s.role === 'unattached' && !core.isVoter && !core.requests.hasInFlight()) {
    // Kafka's observers ask the bootstrap servers; the voters the log names are asked too, so a
    // removed voter whose bootstrap list names only itself still finds the leader.
    const bootstrap = Array.from({ length: core.config.bootstrapServerCount }, (_, i) => bootstrapServerId(i));
    const candidates = [...bootstrap, ...core.voterIds];
    if (candidates.length === 0) return;
    const destinationId = candidates[Math.floor(core.random() * candidates.length)]!;
    if (core.requests.canSend(destinationId, core.nowMs)) sendFetch(core, destinationId);
  }
}

/**
 * KafkaRaftClient's follower-as-voter poll: once per leader epoch a voter tells the leader its
 * directory id, controller endpoints and kraft.version range with UpdateRaftVoter. At kraft.version 1
 * only when its endpoints differ from the voter set's (it moved): the leader appends a VotersRecord.
 * At kraft.version 0 always: the leader keeps it in memory, so that an upgrade to kraft.version 1
 * knows every voter (Kafka 4.1). A request that fails or is refused is sent again a fetch timeout
 * later; an accepted one is not sent again in the epoch.
 */
function shouldUpdateVoter(core: RaftCore, s: FollowerState): boolean {
  if (!s.hasFetchedFromLeader || core.updateVoterAckedEpoch === s.epoch || core.nowMs < core.updateVoterNextMs) return false;
  const self = core.voters.get(core.nodeId);
  if (self === undefined || core.config.endpoints.length === 0) return false;
  return core.quorum.kraftVersion < 1 || !sameEndpoints(self.endpoints, core.config.endpoints);
}

function sendUpdateVoter(core: RaftCore, s: FollowerState): void {
  core.updateVoterNextMs = core.nowMs + core.config.fetchTimeoutMs;
  core.send(s.leaderId, { apiKey: 82, body: updateRaftVoterRequest(core.config.clusterId, s.epoch, core.nodeId, core.config.directoryId, core.config.endpoints) });
}

/** The leader's answer to UpdateRaftVoter: done for this epoch unless it may succeed later. A leader
 * that does not take it at kraft.version 0 (UNSUPPORTED_VERSION: an older kraftling) is not asked again. */
export function handleUpdateVoterResponse(core: RaftCore, response: Response<82>): void {
  const s = core.state;
  if (s.role !== 'follower') return;
  const code = response.body.errorCode;
  if (code === ErrorCode.NONE || code === ErrorCode.UNSUPPORTED_VERSION) core.updateVoterAckedEpoch = s.epoch;
}

export function tickFollower(core: RaftCore): void {
  const s = core.state;
  if (s.role !== 'follower' || core.nowMs < s.fetchDeadlineMs) return;
  if (core.canCampaign) core.startElection();
  else core.becomeUnattached(s.epoch, s.votedId);
}

function retryLater(core: RaftCore, destinationId: number): void {
  // An observer looking for the leader waits as long as a long poll, not to flood the voters.
  const discovering = core.state.role === 'unattached';
  core.requests.backoff(destinationId, core.nowMs, discovering ? core.config.fetchMaxWaitMs : core.config.retryBackoffMs);
}

export function handleFetchResponse(core: RaftCore, response: Response<1>): void {
  const p = metadataPartition(response.body.responses, byTopicOrId, (x) => x.partitionIndex);
  if (response.body.errorCode !== ErrorCode.NONE || p === undefined) return retryLater(core, response.sourceId);
  for (const e of response.body.nodeEndpoints) core.knownEndpoints.set(e.nodeId, [{ name: '', host: e.host, port: e.port }]);
  if (core.onLeaderHint(p.currentLeader.leaderId, p.currentLeader.leaderEpoch)) return;
  const s = core.state;
  if (p.errorCode !== ErrorCode.NONE || s.role !== 'follower' || s.leaderId !== response.sourceId) {
    return retryLater(core, response.sourceId);
  }
  if (p.divergingEpoch.epoch >= 0 || p.divergingEpoch.endOffset >= 0) truncateOnDivergence(core, p);
  else if (p.snapshotId.epoch >= 0 || p.snapshotId.endOffset >= 0) startSnapshotDownload(core, s, p);
  else if (!appendFetched(core, p)) return retryLater(core, response.sourceId);
  heardFromLeader(core, s);
}

function heardFromLeader(core: RaftCore, s: FollowerState): void {
  s.fetchDeadlineMs = core.followerFetchDeadlineMs();
  s.hasFetchedFromLeader = true;
}

function truncateOnDivergence(core: RaftCore, p: PartitionData): void {
  const diverging = { epoch: p.divergingEpoch.epoch, offset: p.divergingEpoch.endOffset };
  // Everything below the high watermark is committed and so in the leader's log, unless this node
  // committed alone on the lost side of a quorum recovered with force-voters: it stops (core.haltReason).
  if (diverging.offset < core.highWatermark) {
    core.haltReason = `the leader's log diverges at offset ${diverging.offset}, below this node's high watermark ${core.highWatermark}: ` +
      'this node committed records the quorum does not have (its quorum was recovered with force-voters?). Wipe its metadata log directory and restart it to rejoin';
    return;
  }
  core.log.truncateToEndOffset(diverging);
}

function startSnapshotDownload(core: RaftCore, s: FollowerState, p: PartitionData): void {
  if (p.snapshotId.epoch < 0 || p.snapshotId.endOffset < 0) return;
  // Kafka fails here too (its truncateToLatestSnapshot finds nothing to do): a snapshot below what
  // we know is committed would take the state machine back. The driver drops the response.
  assert(p.snapshotId.endOffset >= core.highWatermark, `snapshot ${p.snapshotId.endOffset} below the high watermark ${core.highWatermark}`);
  s.snapshotDownload = { snapshotId: { endOffset: p.snapshotId.endOffset, epoch: p.snapshotId.epoch }, position: 0 };
}

/** Appends the fetched batches after our log end; false when the records are unusable. */
function appendFetched(core: RaftCore, p: PartitionData): boolean {
  const log = core.log;
  let batches;
  try {
    batches = p.records === null ? [] : splitBatches(p.records);
  } catch (err) {
    if (err instanceof RecordError) return false;
    throw err;
  }
  for (const batch of batches) {
    if (batch.lastOffset < log.logEndOffset) continue;
    if (batch.baseOffset !== log.logEndOffset) return false;
    log.append(batch);
  }
  // Our log matches the leader's up to its end (the fetch was valid), so the leader's high
  // watermark holds for it as far as it goes.
  if (p.highWatermark >= 0) core.raiseHighWatermark(Math.min(p.highWatermark, log.logEndOffset));
  core.leaderHighWatermark = Math.max(core.leaderHighWatermark, p.highWatermark);
  return true;
}

export function handleFetchSnapshotResponse(core: RaftCore, response: Response<59>): void {
  const p = metadataPartition(response.body.topics, byName, (x) => x.index);
  if (response.body.errorCode !== ErrorCode.NONE || p === undefined) return retryLater(core, response.sourceId);
  if (core.onLeaderHint(p.currentLeader.leaderId, p.currentLeader.leaderEpoch)) return;
  const s = core.state;
  if (s.role !== 'follower' || s.leaderId !== response.sourceId || s.snapshotDownload === undefined) return;
  if (p.errorCode !== ErrorCode.NONE) {
    // The snapshot is gone (a newer one replaced it) or we asked wrongly: fetch again to learn.
    const lost = p.errorCode === ErrorCode.SNAPSHOT_NOT_FOUND || p.errorCode === ErrorCode.POSITION_OUT_OF_RANGE;
    if (lost) s.snapshotDownload = undefined;
    return retryLater(core, response.sourceId);
  }
  if (!acceptChunk(core, s, p)) return retryLater(core, response.sourceId);
  heardFromLeader(core, s);
}

function acceptChunk(core: RaftCore, s: FollowerState, p: FetchSnapshotResponsePartitionSnapshot): boolean {
  const download = s.snapshotDownload!;
  const bytes = p.unalignedRecords ?? Buffer.alloc(0);
  if (!sameSnapshotId(p.snapshotId, download.snapshotId) || p.position !== download.position) return false;
  if (bytes.length === 0 && download.position < p.size) return false;
  // The snapshot's voters are in its first batches: kept to read them when it is installed.
  if (download.position === 0) core.quorum.downloadHead = bytes;
  if (bytes.length > 0) core.snapshotChunks.push({ snapshotId: download.snapshotId, position: download.position, bytes });
  download.position += bytes.length;
  if (download.position < p.size) return true;
  // The whole snapshot is here: the log restarts at its end, which is committed.
  core.log.resetToSnapshot(download.snapshotId);
  core.raiseHighWatermark(download.snapshotId.endOffset);
  s.snapshotDownload = undefined;
  return true;
}

function updateRaftVoterRequest(clusterId: string | null, epoch: number, voterId: number, voterDirectoryId: string,
  endpoints: readonly { name: string; host: string; port: number }[]): UpdateRaftVoterRequest {
  return {
    clusterId, currentLeaderEpoch: epoch, voterId, voterDirectoryId,
    listeners: endpoints.map((e) => ({ name: e.name, host: e.host, port: e.port })),
    kRaftVersionFeature: { minSupportedVersion: KRAFT_VERSION_RANGE.min, maxSupportedVersion: KRAFT_VERSION_RANGE.max },
    weight: -1,
  };
}
