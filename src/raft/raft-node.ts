// RaftNode: the sans-IO KRaft core (KIP-595 pull-based Raft with KIP-996 pre-vote and KIP-630
// snapshots) behind an API shaped like etcd's RawNode. It never reads a clock, sleeps, draws random
// numbers, opens a socket or touches a file: the driver brings time, randomness, messages and
// storage, and carries out what each Ready says.
//
// DRIVER CONTRACT
//
// 1. Create it with the config, the log and snapshot seams (reads only), the quorum-state file as
//    last written (undefined on first start), the current time and a random source in [0, 1).
// 2. Call tick(nowMs) when time passes, at the latest at nextDeadlineMs(). Call step(message) for
//    every inbound request, every response to a request it sent, and for a request that failed at
//    the transport ({ kind: 'failure' }; optional, as unanswered requests time out anyway). step()
//    uses the time of the last tick.
// 3. Whenever hasReady(), take ready() and carry it out in this order:
//    a. quorumState: write the quorum-state file and fsync it.
//    b. snapshotChunks: write each at its position of that snapshot's partial file (position 0
//       starts the file afresh).
//    c. installSnapshot: fsync and publish the downloaded snapshot, delete the older ones, then
//       restart the log empty at its endOffset (truncateFullyAndStartAt).
//    d. truncateToOffset: remove the log from that offset on.
//    e. appends: append the batches as they are; offsets and leader epochs are already set.
//    f. fsync the log, then call advance(ready).
//    g. only now send messages: requests go to node destinationId, and their answer comes back
//       through step() with the same correlationId; responses go back on the connection of the
//       request that had that correlationId.
//    h. highWatermark, when set, is the newly committed offset: records below it may be applied.
//       role, when set, is the new role, epoch and leader.
//    One Ready at a time: hasReady() is false and ready() throws until advance().
// 4. propose(records) appends to the leader's log and returns the offsets; the records are
//    committed once a highWatermark above lastOffset arrives while the epoch is the same.
// 5. Every inbound request is answered exactly once (a Fetch may be held up to fetchMaxWaitMs).
// 6. Snapshots are written by the state machine itself into the snapshot store, at an id that
//    validateSnapshotId accepts. The driver may then raise the log start offset to a snapshot's
//    end, delete the segments below it and the snapshots older than it (the earliest snapshot is
//    the one at the log start, as in KafkaMetadataLog); the core reads all of it through the seams.
// 7. On open, a log that ends before the latest snapshot restarts empty at the snapshot's end
//    (KafkaMetadataLog does the same), and the partial file of an unfinished download is dropped.
// 8. Pre-votes travel in Vote v2's PreVote field. A transport that sends Vote v0-1 drops it and a
//    pre-vote would arrive as a real vote, so it must send v2 when config.preVote is on.
import type { DescribeQuorumResponsePartitionData } from '../../protocol/generated/api/55-describe-quorum.js';
import type { QuorumStateData } from '../../protocol/generated/data/quorum-state-data.js';
import { assert } from './assert.js';
import { checkRaftConfig } from './config.js';
import { RaftCore, type RaftCoreOptions, type SnapshotChunk } from './core.js';
import {
  electionDeadlineMs,
  handleBeginQuorumEpochRequest,
  handleBeginQuorumEpochResponse,
  handleEndQuorumEpochRequest,
  handleEndQuorumEpochResponse,
  handleVoteRequest,
  handleVoteResponse,
  sendElectionRequests,
  tickElection,
} from './election.js';
import { handleFetchResponse, handleFetchSnapshotResponse, handleUpdateVoterResponse, sendFetchRequests, tickFollower } from './follower.js';
import {
  describeQuorum,
  handleFetchRequest,
  handleFetchSnapshotRequest,
  leaderDeadlineMs,
  onLeaderLogDurable,
  propose,
  resign,
  tickLeader,
  type ProposeResult,
} from './leader.js';
import type { SnapshotId } from './log-seams.js';
import { upgradeKraftVersion } from './kraft-upgrade.js';
import { addVoter, maybeResignAfterRemoval, removeVoter, setVoterWeight, updateVoter, type VoterChangeResult } from './reconfig.js';
import type { Voter, VoterEndpoint, VoterSet } from './voter-set.js';
import type { InboundMessage, InboundRequest, InboundResponse, OutboundMessage } from './messages.js';
import { roleInfo, type RoleInfo } from './roles.js';

export interface Ready {
  quorumState: QuorumStateData | undefined;
  snapshotChunks: SnapshotChunk[];
  installSnapshot: SnapshotId | undefined;
  truncateToOffset: number | undefined;
  appends: Buffer[];
  messages: OutboundMessage[];
  highWatermark: number | undefined;
  role: RoleInfo | undefined;
}

export interface RaftStatus extends RoleInfo {
  nodeId: number;
  /** kraft.version as the log says: 0 static voters, 1 voter records (KIP-853). */
  kraftVersion: number;
  voterIds: number[];
  highWatermark: number;
  /** The committed offset as far as this node has heard from a leader (≥ highWatermark while its log catches up). */
  leaderHighWatermark: number;
  logStartOffset: number;
  logEndOffset: number;
}

export type SnapshotIdCheck = 'valid' | 'above-high-watermark' | 'before-log-start' | 'not-in-log';

export class RaftNode {
  private readonly core: RaftCore;
  private outstanding: Ready | undefined;

  constructor(options: RaftCoreOptions) {
    checkRaftConfig(options.config);
    this.core = new RaftCore(options);
    this.poll();
  }

  tick(nowMs: number): void {
    const core = this.core;
    core.nowMs = Math.max(core.nowMs, nowMs);
    core.requests.expire(core.nowMs, core.config.retryBackoffMs);
    tickLeader(core);
    tickFollower(core);
    tickElection(core);
    this.poll();
  }

  step(message: InboundMessage): void {
    const core = this.core;
    if (message.kind === 'failure') core.requests.fail(message.correlationId, core.nowMs, core.config.retryBackoffMs);
    else if (message.kind === 'request') this.handleRequest(message);
    else if (core.requests.complete(message.correlationId, message.sourceId, message.apiKey)) this.handleResponse(message);
    this.poll();
  }

  propose(records: readonly Buffer[] | { batch: Buffer }): ProposeResult {
    return propose(this.core, records);
  }

  /** Graceful resignation of a leader; false when this node does not lead. */
  resign(): boolean {
    const resigned = resign(this.core);
    this.poll();
    return resigned;
  }

  hasReady(): boolean {
    const core = this.core;
    if (this.outstanding !== undefined) return false;
    return (
      core.quorumStateChanged() ||
      core.roleChanged ||
      core.outbox.length > 0 ||
      core.snapshotChunks.length > 0 ||
      core.log.hasChanges() ||
      core.highWatermark > core.reportedHighWatermark
    );
  }

  ready(): Ready {
    assert(this.outstanding === undefined, 'ready() before advance() of the previous Ready');
    const core = this.core;
    const ready: Ready = {
      quorumState: core.takeQuorumState(),
      snapshotChunks: core.snapshotChunks,
      ...core.log.takeChanges(),
      messages: core.outbox,
      highWatermark: core.highWatermark > core.reportedHighWatermark ? core.highWatermark : undefined,
      role: core.roleChanged ? roleInfo(core.state) : undefined,
    };
    core.reportedHighWatermark = core.highWatermark;
    core.snapshotChunks = [];
    core.outbox = [];
    core.roleChanged = false;
    this.outstanding = ready;
    return ready;
  }

  /** The driver made everything in `ready` durable. */
  advance(ready: Ready): void {
    assert(ready === this.outstanding, 'advance() of a Ready that is not the outstanding one');
    this.outstanding = undefined;
    this.core.log.acknowledgeChanges();
    onLeaderLogDurable(this.core);
    this.poll();
  }

  /** When tick() next has something to do (Infinity: nothing pending). */
  nextDeadlineMs(): number {
    const core = this.core;
    const s = core.state;
    const fetchDeadline = s.role === 'follower' ? s.fetchDeadlineMs : Infinity;
    return Math.min(core.requests.nextDeadlineMs(core.nowMs), electionDeadlineMs(s), fetchDeadline, leaderDeadlineMs(core));
  }

  /** AddRaftVoter on the leader: the change's offset, committed once the high watermark passes it. */
  addVoter(voter: Voter): VoterChangeResult {
    return this.change(() => addVoter(this.core, voter));
  }

  removeVoter(voterId: number, directoryId: string): VoterChangeResult {
    return this.change(() => removeVoter(this.core, voterId, directoryId));
  }

  updateVoter(voter: Voter): VoterChangeResult {
    return this.change(() => updateVoter(this.core, voter));
  }

  /** A voter's weight (kraftling's weighted voters), on the leader. */
  setVoterWeight(voterId: number, directoryId: string, weight: number): VoterChangeResult {
    return this.change(() => setVoterWeight(this.core, voterId, directoryId, weight));
  }

  /** kraft.version up to `level` on the leader (kraft-upgrade.ts); committed as a voter change is. */
  upgradeKraftVersion(level: number, validateOnly: boolean): VoterChangeResult {
    return this.change(() => upgradeKraftVersion(this.core, level, validateOnly));
  }

  /** Why this node stopped taking part (a log that diverges below its high watermark), if it did. */
  get haltReason(): string | undefined {
    return this.core.haltReason;
  }

  /** Whether this node still runs on voters forced by metadata-quorum force-voters (not yet committed). */
  get forcedVotersPending(): boolean {
    return this.core.quorum.forced !== undefined;
  }

  /** The voter set at the log's end (uncommitted changes included). */
  get voters(): VoterSet {
    return this.core.voters;
  }

  /** The voters and kraft.version a snapshot ending at endOffset carries. */
  votersAt(endOffset: number): { voters: VoterSet | undefined; kraftVersion: number } {
    return this.core.quorum.at(endOffset);
  }

  /** A node's controller endpoints as the voter set (or a leader's response) names them. */
  endpointsOf(nodeId: number): VoterEndpoint[] {
    return this.core.endpointsOf(nodeId);
  }

  private change(apply: () => VoterChangeResult): VoterChangeResult {
    const result = apply();
    this.poll();
    return result;
  }

  describeQuorum(): DescribeQuorumResponsePartitionData {
    return describeQuorum(this.core);
  }

  /** Whether the state machine may write a snapshot with this id: committed, and in the log. */
  validateSnapshotId(id: SnapshotId): SnapshotIdCheck {
    const log = this.core.log;
    if (id.endOffset > this.core.highWatermark) return 'above-high-watermark';
    if (id.endOffset <= log.logStartOffset) return 'before-log-start';
    const end = log.endOffsetForEpoch(id.epoch);
    const start = log.endOffsetForEpoch(id.epoch - 1).offset;
    if (end.epoch !== id.epoch || end.offset < id.endOffset || start >= id.endOffset) return 'not-in-log';
    return 'valid';
  }

  get status(): RaftStatus {
    const core = this.core;
    return {
      nodeId: core.nodeId,
      kraftVersion: core.quorum.kraftVersion,
      voterIds: core.voterIds,
      ...roleInfo(core.state),
      highWatermark: core.highWatermark,
      leaderHighWatermark: Math.max(core.highWatermark, core.leaderHighWatermark),
      logStartOffset: core.log.logStartOffset,
      logEndOffset: core.log.logEndOffset,
    };
  }

  private handleRequest(request: InboundRequest): void {
    const core = this.core;
    switch (request.apiKey) {
      case 52: return handleVoteRequest(core, request);
      case 53: return handleBeginQuorumEpochRequest(core, request);
      case 54: return handleEndQuorumEpochRequest(core, request);
      case 1: return handleFetchRequest(core, request);
      case 59: return handleFetchSnapshotRequest(core, request);
    }
  }

  private handleResponse(response: InboundResponse): void {
    const core = this.core;
    switch (response.apiKey) {
      case 52: return handleVoteResponse(core, response);
      case 53: return handleBeginQuorumEpochResponse(core, response);
      case 54: return handleEndQuorumEpochResponse(core, response);
      case 1: return handleFetchResponse(core, response);
      case 59: return handleFetchSnapshotResponse(core, response);
      case 82: return handleUpdateVoterResponse(core, response);
    }
  }

  /** Sends what the role needs in flight: votes, epoch announcements, fetches. */
  private poll(): void {
    maybeResignAfterRemoval(this.core);
    sendElectionRequests(this.core);
    sendFetchRequests(this.core);
  }
}
