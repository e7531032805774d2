// The Raft driver: runs the sans-IO KRaft core against real storage, real TCP and real time, and
// presents it to the node as a MetadataQuorum. It carries out each Ready in the order the core's
// contract demands (quorum-state, snapshot chunks, snapshot install, truncation, appends, fsync,
// then advance, then send), hands committed batches to the metadata image, and reports leadership
// once this node's controller may act: when everything before its epoch is applied.
import type { FileSystem } from '../../storage/file-system.js';
import type { PartitionLog } from '../../storage/partition-log.js';
import { encodeSnapshot, snapshotBatches } from '../metadata/snapshot-format.js';
import { encodeMetadataRecord, type AnyMetadataRecord } from '../metadata/records.js';
import type { UpdateRaftVoterRequest, UpdateRaftVoterResponse } from '../../protocol/generated/api/82-update-raft-voter.js';
import type { ForcedVoters } from '../raft/config.js';
import { applyVoterChange, voterChangeOf, type VoterChange } from './voter-changes.js';
import { RaftNode, type InboundMessage, type InboundRequest, type OutboundMessage, type RaftConfig, type RaftExchange, type RaftResponseBody, type Ready, type SnapshotId } from '../raft/index.js';
import type { Voter } from '../config/server-config.js';
import { withVoters } from './voters-snapshot.js';
import { addressOf, MetadataLag } from './quorum-addresses.js';
import type { Logger } from '../logger.js';
import { committedBatches, MetadataLog, truncateToLatestSnapshot } from './metadata-log.js';
import { NotLeaderError, type LeaderState, type MetadataQuorum, type QuorumListener } from './metadata-quorum.js';
import { REAL_TIMERS, type QuorumTimers } from './quorum-timers.js';
import { readForcedVoters, removeForcedVoters } from './forced-voters-file.js';
import { readQuorumState, writeQuorumState } from './quorum-state-file.js';
import type { RaftTransport } from './raft-transport.js';
import { FileSnapshotStore } from './snapshot-files.js';

/** Committed metadata is read back a chunk at a time into one buffer of this size, kept for the
 * node's life: its pages are faulted in once, where a new buffer per read costs a fault per page
 * (about 3 ms per MB here, more than the read), on every commit and through a replay at start. */
const REPLAY_CHUNK_BYTES = 1024 * 1024;

/** How handOver ended: another voter leads, none did in time, or there was nothing to hand over
 * (this node did not lead, or no other voter exists). */
export type HandOver = { outcome: 'handed-over'; leaderId: number; epoch: number } | { outcome: 'timed-out' } | { outcome: 'nothing' };

export interface RaftQuorumOptions {
  config: RaftConfig;
  fs: FileSystem;
  /** The __cluster_metadata-0 partition log and its directory. */
  log: PartitionLog;
  dir: string;
  transport: RaftTransport;
  nowMs: () => number;
  random: () => number;
  logger: Logger;
  /** Where the driver's one timer runs; real timers unless a simulation brings a virtual clock. */
  timers?: QuorumTimers;
  /** controller.quorum.voters (kraft.version 0) and controller.quorum.bootstrap.servers. */
  staticVoters?: readonly Voter[];
  bootstrapServers?: readonly { host: string; port: number }[];
  /** controller.listener.names: which of a voter's endpoints to use. */
  listenerNames?: readonly string[];
}

type Proposal = { lastOffset: number; epoch: number; resolve: () => void; reject: (err: Error) => void };

export class RaftQuorum implements MetadataQuorum {
  private raft!: RaftNode;
  private snapshots!: FileSnapshotStore;
  /** The voters force-voters named, until the recovered quorum commits them (forced-voters-file.ts). */
  private forcedVoters: ForcedVoters | undefined;
  private haltLogged = false;
  private listener: QuorumListener | undefined;
  /** Offset of the last record handed to the listener. */
  private applied = -1;
  private readonly replayBuffer = Buffer.allocUnsafe(REPLAY_CHUNK_BYTES);
  private proposals: Proposal[] = [];
  /** Responses owed to inbound requests, by the token given to the core. */
  private readonly owed = new Map<number, (body: RaftResponseBody['body']) => void>();
  private nextToken = 1;
  private timer: unknown;
  private readonly timers: QuorumTimers;
  private processing: Promise<void> | undefined;
  /** Set when this node became leader: its controller waits until the log before the epoch is applied. */
  private activation: { epoch: number; startOffset: number } | undefined;
  private announced: LeaderState = { leaderId: -1, epoch: -1 };
  /** The replay of what the log held at start: its last offset, the records handed over so far
   * (the snapshot's, then the log's), and the time spent so far loading the snapshot and applying
   * commits toward that offset (not the waits for the quorum between them). */
  private startReplay: { lastOffset: number; records: number; busyMs: number } | undefined;
  /** A snapshot was handed over and no onCommitsDone has followed it yet. */
  private snapshotUnpublished = false;
  private stopped = false;
  /** Settles handOver's wait once another voter leads. */
  private handedOver: (() => void) | undefined;
  private readonly lag: MetadataLag;
  private markStarted!: () => void;
  /** Requests from other voters can arrive before start() is done; they wait for it. */
  private readonly started = new Promise<void>((resolve) => {
    this.markStarted = resolve;
  });

  constructor(private readonly o: RaftQuorumOptions) {
    this.timers = o.timers ?? REAL_TIMERS;
    this.lag = new MetadataLag(o.logger);
  }

  async start(listener: QuorumListener): Promise<void> {
    this.listener = listener;
    const began = performance.now();
    this.snapshots = FileSnapshotStore.open(this.o.fs, this.o.dir);
    // A crash during a snapshot install leaves a log that does not lead up to the latest snapshot.
    if (await truncateToLatestSnapshot(this.o.log, this.snapshots)) {
      this.o.logger.warn({ logStartOffset: this.o.log.logStartOffset }, 'the metadata log did not lead up to the latest snapshot; restarted it there');
    }
    // KafkaMetadataLog.recoverSnapshots: a power cut between raising the log start and deleting
    // the snapshots below it leaves those behind; the core takes the earliest snapshot for the one
    // at the log start (its epoch is the log's epoch there), so they go now.
    await this.snapshots.deleteBefore(this.o.log.logStartOffset);
    const latest = this.snapshots.latestSnapshotId();
    // The snapshot's image is published with the log after it, at the first commit: one image for
    // both, as Kafka's MetadataLoader publishes nothing until it has caught up.
    const snapshotRecords = latest ? this.loadSnapshot(latest) : 0;
    this.startReplay = { lastOffset: this.o.log.logEndOffset - 1, records: snapshotRecords, busyMs: performance.now() - began };
    this.reportStartReplay();
    this.forcedVoters = readForcedVoters(this.o.fs, this.o.dir);
    if (this.forcedVoters) this.o.logger.warn({ voters: this.forcedVoters.ids, epoch: this.forcedVoters.epoch }, 'starting with forced voters (metadata-quorum force-voters)');
    this.raft = new RaftNode({
      config: { ...this.o.config, forcedVoters: this.forcedVoters }, log: new MetadataLog(this.o.log, this.snapshots), snapshots: this.snapshots,
      quorumState: readQuorumState(this.o.fs, this.o.dir), nowMs: this.o.nowMs(), random: this.o.random,
    });
    this.markStarted();
    this.drive();
  }

  leader(): LeaderState {
    return this.announced;
  }

  highWatermark(): number {
    return this.raft.status.highWatermark;
  }

  /** The Raft status plus the metadata offset this node has applied (handed to its image). */
  get status() {
    return { ...this.raft.status, appliedOffset: this.applied };
  }

  get logSizeBytes(): number {
    return this.o.log.sizeBytes;
  }

  describeQuorum() {
    return this.raft.describeQuorum();
  }

  /** A node's controller listener: from the voter set in the log, the static voters, or (ids -2,
   * -3, ...) the bootstrap servers. */
  addressOf(nodeId: number): { host: string; port: number } | undefined {
    return addressOf(this.raft, this.o, nodeId);
  }

  /** The voters as the log says (static ones in a kraft.version 0 quorum), with their addresses. */
  currentVoters(): Voter[] {
    const ids = this.raft?.voters.ids ?? (this.o.staticVoters ?? []).map((v) => v.id);
    return ids.map((id) => ({ id, host: '', port: 0, ...this.addressOf(id) }));
  }

  /** The voter set with directory ids and endpoints (DescribeQuorum v2's Nodes). */
  voterSet() {
    return this.raft.voters;
  }

  /** A voter-set or kraft.version change on the leader (voter-changes.ts): resolves once committed
   * (or at once with the error that refused it, or NOT_LEADER_OR_FOLLOWER when leadership is lost
   * first); with awaitCommit false once appended (a voter's own UpdateRaftVoter, as Kafka's
   * UpdateVoterHandler: the voter asking keeps a single request in flight to the leader). */
  async changeVoters(change: VoterChange, awaitCommit = true): Promise<{ errorCode: number; errorMessage: string | null }> {
    await this.started;
    this.raft.tick(this.o.nowMs());
    const result = applyVoterChange(this.raft, change);
    if (result.errorCode !== 0 || result.lastOffset === undefined) return { errorCode: result.errorCode, errorMessage: result.errorMessage };
    // Nothing new was appended (the change was already made): it is committed when its record is.
    if (result.lastOffset < this.raft.status.highWatermark) return { errorCode: 0, errorMessage: null };
    if (!awaitCommit) {
      this.drive();
      return { errorCode: 0, errorMessage: null };
    }
    this.o.logger.info({ change: Object.keys(change)[0], voters: this.raft.voters.ids, offset: result.lastOffset }, 'voter set change appended');
    const committed = new Promise<void>((resolve, reject) => {
      this.proposals.push({ lastOffset: result.lastOffset!, epoch: result.epoch!, resolve, reject });
    });
    this.drive();
    try {
      await committed;
      return { errorCode: 0, errorMessage: null };
    } catch (err) {
      return { errorCode: 6, errorMessage: (err as Error).message };
    }
  }

  /** UpdateRaftVoter: a voter's announcement (answered once appended) or a weight change (once committed). */
  async updateVoterRequest(req: UpdateRaftVoterRequest): Promise<UpdateRaftVoterResponse> {
    const { change, awaitCommit } = voterChangeOf(req);
    const result = await this.changeVoters(change, awaitCommit);
    const leader = this.leader();
    const address = this.addressOf(leader.leaderId);
    return { throttleTimeMs: 0, errorCode: result.errorCode, errorMessage: result.errorMessage,
      currentLeader: { leaderId: leader.leaderId, leaderEpoch: leader.epoch, host: address?.host ?? '', port: address?.port ?? -1 } };
  }

  propose(records: AnyMetadataRecord[]): { lastOffset: number; committed: Promise<void> } {
    this.raft.tick(this.o.nowMs());
    const result = this.raft.propose(records.map(encodeMetadataRecord));
    if (result.errorCode !== 0 || !('lastOffset' in result)) throw new NotLeaderError('leaderId' in result ? result.leaderId : -1);
    const committed = new Promise<void>((resolve, reject) => {
      this.proposals.push({ lastOffset: result.lastOffset, epoch: result.epoch, resolve, reject });
    });
    this.drive();
    return { lastOffset: result.lastOffset, committed };
  }

  /** A Raft request from another node (on the controller listener); resolves with the response body
   * of the same API (the core answers each request with its own API's response). */
  async handleRequest<K extends keyof RaftExchange>(apiKey: K, body: RaftExchange[K]['request']): Promise<RaftExchange[K]['response']> {
    await this.started;
    const token = this.nextToken++;
    // The core answers a request with a response of the same API (RaftNode's contract).
    const answer = new Promise<RaftExchange[K]['response']>((resolve) => this.owed.set(token, resolve as (body: RaftResponseBody['body']) => void));
    const inbound = { apiKey, body, kind: 'request', sourceId: -1, correlationId: token } as InboundRequest;
    if (!this.stepNow(inbound)) {
      // Dropped (refused by the core, or the quorum is stopping): the connection closes, as for
      // any request that cannot be answered.
      this.owed.delete(token);
      throw new Error(`Raft request ${apiKey} dropped`);
    }
    this.drive();
    return await answer;
  }

  /**
   * Stores a snapshot of the committed state `records` describe (everything up to and including
   * `lastOffset`, written in `epoch`), then, when the log beyond it has grown past
   * `retainBytes`, drops the log below it: followers that far behind then fetch the snapshot.
   */
  async writeSnapshot(records: AnyMetadataRecord[], lastOffset: number, epoch: number, retainBytes: number): Promise<boolean> {
    const id = { endOffset: lastOffset + 1, epoch };
    if (this.raft.validateSnapshotId(id) !== 'valid') return false;
    // KIP-853: the voters and kraft.version at the snapshot's end go in after its header.
    const at = this.raft.votersAt(id.endOffset);
    const bytes = withVoters(encodeSnapshot(records, epoch, this.o.nowMs(), this.o.nowMs()), at.kraftVersion, at.voters, epoch, this.o.nowMs());
    await this.snapshots.create(id, bytes);
    const log = this.o.log;
    if (log.sizeBytes > retainBytes && id.endOffset > log.logStartOffset && id.endOffset <= log.highWatermark) {
      // Fetches keep being answered meanwhile: none may find a snapshot below the new log start.
      this.snapshots.forgetBefore(id.endOffset);
      await log.deleteRecordsBefore(id.endOffset);
      await log.deleteOldSegments();
      await this.snapshots.deleteBefore(log.logStartOffset);
    }
    return true;
  }

  /** Hands leadership to another voter, as a controlled shutdown does. */
  resign(): void {
    if (this.raft?.resign()) this.drive();
  }

  /**
   * resign(), then keeps the quorum running until another voter leads or `timeoutMs` passes, as
   * Kafka's Raft client does on a graceful shutdown. The successor's election needs a vote this
   * node can still give, and a voter that missed the EndQuorumEpoch would otherwise wait out its
   * fetch timeout: with the node gone at once, a new controller took 330-520 ms instead.
   */
  async handOver(timeoutMs: number): Promise<HandOver> {
    // A node stopped while it starts may have no Raft node yet: it leads nothing.
    const raft = this.raft as RaftNode | undefined;
    if (raft === undefined) return { outcome: 'nothing' };
    if (raft.status.voterIds.length < 2) {
      this.resign();
      return { outcome: 'nothing' };
    }
    if (!raft.resign()) return { outcome: 'nothing' };
    let timer: unknown;
    await new Promise<void>((resolve) => {
      this.handedOver = resolve;
      timer = this.timers.setTimeout(resolve, timeoutMs);
      this.drive();
    });
    this.timers.clearTimeout(timer);
    this.handedOver = undefined;
    const { leaderId, epoch } = this.announced;
    if (leaderId >= 0 && leaderId !== this.o.config.nodeId) return { outcome: 'handed-over', leaderId, epoch };
    // Elected again at the last moment, it leaves resigned all the same (a no-op otherwise).
    this.resign();
    return { outcome: 'timed-out' };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    await this.processing;
    for (const p of this.proposals.splice(0)) p.reject(new Error('the quorum is stopping'));
    this.snapshots?.close();
  }

  /** Carries out Readys until there are none, then re-arms the timer. Never runs twice at once. */
  private drive(): void {
    if (this.stopped) return;
    if (this.processing) return;
    this.processing = this.processReadies().catch((err) => {
      this.o.logger.error({ err }, 'metadata quorum failed; stopping its driver');
      this.stopped = true;
    }).finally(() => {
      this.processing = undefined;
      if (!this.stopped && this.raft.hasReady()) this.drive();
      else this.arm();
    });
  }

  private arm(): void {
    this.timers.clearTimeout(this.timer);
    if (this.stopped) return;
    const waitMs = Math.max(0, Math.min(this.raft.nextDeadlineMs() - this.o.nowMs(), 60_000));
    this.timer = this.timers.setTimeout(() => this.drive(), waitMs);
  }

  /** True while no Ready is being carried out (a simulation waits for this between its events). */
  get idle(): boolean {
    return this.processing === undefined;
  }

  private async processReadies(): Promise<void> {
    this.raft.tick(this.o.nowMs());
    while (!this.stopped && this.raft.hasReady()) {
      const ready = this.raft.ready();
      await this.persist(ready);
      this.raft.advance(ready);
      for (const m of ready.messages) this.send(m);
      // Commits first: a proposal that committed in the epoch that just ended did commit (a leader
      // that removed itself resigns in the Ready that commits the removal).
      if (ready.highWatermark !== undefined) this.commit(ready.highWatermark);
      if (ready.role) this.onRole(ready.role.role === 'leader', ready.role.leaderId, ready.role.epoch);
    }
  }

  /** Everything a Ready says to store, in the contract's order, durably. */
  private async persist(ready: Ready): Promise<void> {
    const log = this.o.log;
    if (ready.quorumState) await writeQuorumState(this.o.fs, this.o.dir, ready.quorumState);
    if (this.raft.haltReason !== undefined && !this.haltLogged) {
      this.haltLogged = true;
      this.o.logger.error({ reason: this.raft.haltReason }, 'the metadata quorum stopped on this node');
    }
    if (this.forcedVoters !== undefined && !this.raft.forcedVotersPending) {
      // The recovered quorum committed its voters: the log speaks for them from now on.
      this.forcedVoters = undefined;
      removeForcedVoters(this.o.fs, this.o.dir);
      this.o.logger.info('forced voters are committed to the metadata log');
    }
    for (const chunk of ready.snapshotChunks) this.snapshots.writeChunk(chunk.snapshotId, chunk.position, chunk.bytes);
    if (ready.installSnapshot) await this.installSnapshot(ready.installSnapshot);
    if (ready.truncateToOffset !== undefined) await log.truncateTo(ready.truncateToOffset);
    for (const batch of ready.appends) await log.appendAsFollower(batch);
    if (ready.appends.length > 0 || ready.truncateToOffset !== undefined) await log.flush();
  }

  /**
   * A downloaded snapshot replaces the log, in an order a power cut at any step recovers from:
   * the snapshot is made durable under its real name first (fsync, rename, directory fsync), then
   * the log restarts at its end, and only then do the older snapshots go. A crash before the
   * rename leaves the old state; after it, start() finds a log that does not lead up to the
   * snapshot and restarts it there (truncateToLatestSnapshot).
   */
  private async installSnapshot(id: SnapshotId): Promise<void> {
    this.o.logger.info({ endOffset: id.endOffset, epoch: id.epoch }, 'installing the leader\'s metadata snapshot: this node was behind its log start');
    await this.snapshots.install(id);
    await this.o.log.truncateFullyAndStartAt(id.endOffset);
    await this.snapshots.deleteBefore(id.endOffset);
    this.loadSnapshot(id);
    this.snapshotUnpublished = false;
    this.listener?.onCommitsDone();
  }

  private send(m: OutboundMessage): void {
    if (m.kind === 'response') {
      const resolve = this.owed.get(m.correlationId);
      this.owed.delete(m.correlationId);
      resolve?.(m.body);
      return;
    }
    // A transport that throws instead of rejecting must not stop the driver (it would, thrown
    // from here into processReadies); and stepNow never throws, so nothing below is unhandled.
    let sent: Promise<unknown>;
    try {
      sent = this.o.transport.send(m);
    } catch (err) {
      sent = Promise.reject(err);
    }
    sent.then(
      (body) => this.stepNow({ kind: 'response', apiKey: m.apiKey, body, sourceId: m.destinationId, correlationId: m.correlationId } as InboundMessage),
      () => this.stepNow({ kind: 'failure', sourceId: m.destinationId, correlationId: m.correlationId }),
    ).finally(() => this.drive());
  }

  /**
   * Hands a message to the core at the current time (step() reads the time of the last tick).
   * A message the core refuses with an exception (a peer claiming a second leader for an epoch, a
   * truncation below the high watermark, a malformed body) is logged and dropped: thrown from a
   * transport callback it would take the process down, and the peer would do it again after the
   * restart. Returns false when the message was dropped.
   */
  private stepNow(message: InboundMessage): boolean {
    if (this.stopped) return false;
    try {
      this.raft.tick(this.o.nowMs());
      this.raft.step(message);
      return true;
    } catch (err) {
      const { kind, sourceId } = message;
      this.o.logger.error({ err, kind, apiKey: 'apiKey' in message ? message.apiKey : undefined, sourceId }, 'dropped a Raft message the quorum cannot accept');
      return false;
    }
  }

  private onRole(isLeader: boolean, leaderId: number, epoch: number): void {
    if (leaderId !== this.announced.leaderId || epoch !== this.announced.epoch) {
      this.o.logger.debug({ leaderId, epoch }, 'metadata quorum leader changed');
    }
    this.announced = { leaderId, epoch };
    if (leaderId >= 0 && leaderId !== this.o.config.nodeId) this.handedOver?.();
    // A resigned leader runs again when nobody took over before its election timeout (a
    // successor's pre-vote can lose the race with the EndQuorumEpoch to the third voter): one
    // that is handing over resigns again at once and keeps waiting.
    if (isLeader && this.handedOver !== undefined) {
      this.raft.resign();
      return;
    }
    if (isLeader) {
      // Its controller acts once it has applied the whole log up to this epoch's first record.
      this.activation = { epoch, startOffset: this.o.log.logEndOffset - 1 };
      this.maybeActivate();
      return;
    }
    this.activation = undefined;
    for (const p of this.proposals.splice(0)) p.reject(new NotLeaderError(leaderId));
    this.listener?.onLeaderChange(this.announced, false);
  }

  private maybeActivate(): void {
    const a = this.activation;
    if (!a || this.applied < a.startOffset) return;
    this.activation = undefined;
    this.listener?.onLeaderChange({ leaderId: this.o.config.nodeId, epoch: a.epoch }, true);
  }

  /** Hands newly committed batches to the listener and settles the proposals they contain. */
  private commit(highWatermark: number): void {
    this.o.log.updateHighWatermark(highWatermark);
    const before = this.applied;
    const replay = this.startReplay;
    const began = replay !== undefined ? performance.now() : 0;
    for (const batch of committedBatches(this.o.log, this.applied + 1, highWatermark, this.replayBuffer)) {
      this.listener?.onCommit(batch);
      this.applied = batch.lastOffset;
      if (replay !== undefined && batch.lastOffset <= replay.lastOffset) replay.records += batch.recordCount;
    }
    if (this.applied !== before || this.snapshotUnpublished) {
      this.snapshotUnpublished = false;
      this.listener?.onCommitsDone();
    }
    if (replay !== undefined) {
      replay.busyMs += performance.now() - began;
      this.reportStartReplay();
    }
    this.lag.note(this.applied, this.raft.status.leaderHighWatermark);
    const done = this.proposals.filter((p) => p.lastOffset < highWatermark);
    this.proposals = this.proposals.filter((p) => p.lastOffset >= highWatermark);
    for (const p of done) p.resolve();
    this.maybeActivate();
  }

  /** Logs the replay of the log the node started with, once the image has applied all of it: how
   * many records (a snapshot's included; not offsets, which count the records a snapshot
   * replaced) and how long reading, decoding and applying them took. */
  private reportStartReplay(): void {
    const replay = this.startReplay;
    if (replay === undefined || this.applied < replay.lastOffset) return;
    this.startReplay = undefined;
    const records = replay.records;
    if (records <= 0) return;
    const ms = Math.round(replay.busyMs * 10) / 10;
    this.o.logger.info({ records, ms, recordsPerSecond: Math.round(records / Math.max(replay.busyMs, 0.001) * 1000) }, 'replayed the metadata log it started with');
  }

  /** Hands a snapshot's records over (published at the next onCommitsDone); returns how many. */
  private loadSnapshot(id: SnapshotId): number {
    let records = 0;
    const batches = snapshotBatches(this.snapshots.readAll(id));
    this.listener?.onSnapshot((function* counted() {
      for (const batch of batches) {
        records += batch.recordCount;
        yield batch;
      }
    })(), id.endOffset, id.epoch);
    this.applied = id.endOffset - 1;
    this.snapshotUnpublished = true;
    return records;
  }
}
