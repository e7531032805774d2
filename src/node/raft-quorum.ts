// The Raft driver: runs the sans-IO KRaft core against real storage, real TCP and real time, and
// presents it to the node as a MetadataQuorum. It carries out each Ready in the order the core's
// contract demands (quorum-state, snapshot chunks, snapshot install, truncation, appends, fsync,
// then advance, then send), hands committed batches to the metadata image, and reports leadership
// once this node's controller may act: when everything before its epoch is applied.
import type { FileSystem } from '../../storage/file-system.js';
import type { PartitionLog } from '../../storage/partition-log.js';
import { decodeSnapshot, encodeSnapshot } from '../metadata/snapshot-format.js';
import { encodeMetadataRecord, type AnyMetadataRecord } from '../metadata/records.js';
import { RaftNode, type InboundMessage, type InboundRequest, type OutboundMessage, type RaftConfig, type Ready, type SnapshotId } from '../raft/index.js';
import type { Logger } from './logger.js';
import { committedBatches, MetadataLog } from './metadata-log.js';
import { NotLeaderError, type LeaderState, type MetadataQuorum, type QuorumListener } from './metadata-quorum.js';
import { readQuorumState, writeQuorumState } from './quorum-state-file.js';
import type { RaftTransport } from './raft-transport.js';
import { FileSnapshotStore } from './snapshot-files.js';

const REPLAY_CHUNK_BYTES = 8 * 1024 * 1024;

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
}

type Proposal = { lastOffset: number; epoch: number; resolve: () => void; reject: (err: Error) => void };

export class RaftQuorum implements MetadataQuorum {
  private raft!: RaftNode;
  private snapshots!: FileSnapshotStore;
  private listener: QuorumListener | undefined;
  /** Offset of the last record handed to the listener. */
  private applied = -1;
  private proposals: Proposal[] = [];
  /** Responses owed to inbound requests, by the token given to the core. */
  private readonly owed = new Map<number, (body: unknown) => void>();
  private nextToken = 1;
  private timer: NodeJS.Timeout | undefined;
  private processing: Promise<void> | undefined;
  /** Set when this node became leader: its controller waits until the log before the epoch is applied. */
  private activation: { epoch: number; startOffset: number } | undefined;
  private announced: LeaderState = { leaderId: -1, epoch: -1 };
  private stopped = false;
  private markStarted!: () => void;
  /** Requests from other voters can arrive before start() is done; they wait for it. */
  private readonly started = new Promise<void>((resolve) => {
    this.markStarted = resolve;
  });

  constructor(private readonly o: RaftQuorumOptions) {}

  async start(listener: QuorumListener): Promise<void> {
    this.listener = listener;
    this.snapshots = FileSnapshotStore.open(this.o.fs, this.o.dir);
    const latest = this.snapshots.latestSnapshotId();
    // A log that ends before the latest snapshot (a crash during an install) restarts at it.
    if (latest && this.o.log.logEndOffset < latest.endOffset) await this.o.log.truncateFullyAndStartAt(latest.endOffset);
    if (latest) this.loadSnapshot(latest);
    this.raft = new RaftNode({
      config: this.o.config, log: new MetadataLog(this.o.log, this.snapshots), snapshots: this.snapshots,
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

  get status() {
    return this.raft.status;
  }

  get logSizeBytes(): number {
    return this.o.log.sizeBytes;
  }

  describeQuorum() {
    return this.raft.describeQuorum();
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

  /** A Raft request from another node (on the controller listener); resolves with the response body. */
  async handleRequest(request: Omit<InboundRequest, 'kind' | 'correlationId' | 'sourceId'>): Promise<unknown> {
    await this.started;
    const token = this.nextToken++;
    const answer = new Promise<unknown>((resolve) => this.owed.set(token, resolve));
    // step() reads the time of the last tick: bring it up to now first.
    this.raft.tick(this.o.nowMs());
    this.raft.step({ ...request, kind: 'request', sourceId: -1, correlationId: token } as InboundRequest);
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
    const bytes = encodeSnapshot(records, epoch, this.o.nowMs(), this.o.nowMs());
    await this.snapshots.create(id, bytes);
    const log = this.o.log;
    if (log.sizeBytes > retainBytes && id.endOffset > log.logStartOffset && id.endOffset <= log.highWatermark) {
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

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
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
    clearTimeout(this.timer);
    if (this.stopped) return;
    const waitMs = Math.max(0, Math.min(this.raft.nextDeadlineMs() - this.o.nowMs(), 60_000));
    this.timer = setTimeout(() => {
      this.raft.tick(this.o.nowMs());
      this.drive();
    }, waitMs);
  }

  private async processReadies(): Promise<void> {
    this.raft.tick(this.o.nowMs());
    while (!this.stopped && this.raft.hasReady()) {
      const ready = this.raft.ready();
      await this.persist(ready);
      this.raft.advance(ready);
      for (const m of ready.messages) this.send(m);
      if (ready.role) this.onRole(ready.role.role === 'leader', ready.role.leaderId, ready.role.epoch);
      if (ready.highWatermark !== undefined) this.commit(ready.highWatermark);
    }
  }

  /** Everything a Ready says to store, in the contract's order, durably. */
  private async persist(ready: Ready): Promise<void> {
    const log = this.o.log;
    if (ready.quorumState) await writeQuorumState(this.o.fs, this.o.dir, ready.quorumState);
    for (const chunk of ready.snapshotChunks) this.snapshots.writeChunk(chunk.snapshotId, chunk.position, chunk.bytes);
    if (ready.installSnapshot) {
      this.o.logger.info({ endOffset: ready.installSnapshot.endOffset, epoch: ready.installSnapshot.epoch },
        'installing the leader\'s metadata snapshot: this node was behind its log start');
      await this.snapshots.install(ready.installSnapshot);
      await log.truncateFullyAndStartAt(ready.installSnapshot.endOffset);
      this.loadSnapshot(ready.installSnapshot);
    }
    if (ready.truncateToOffset !== undefined) await log.truncateTo(ready.truncateToOffset);
    for (const batch of ready.appends) await log.appendAsFollower(batch);
    if (ready.appends.length > 0 || ready.truncateToOffset !== undefined) await log.flush();
  }

  private send(m: OutboundMessage): void {
    if (m.kind === 'response') {
      const resolve = this.owed.get(m.correlationId);
      this.owed.delete(m.correlationId);
      resolve?.(m.body);
      return;
    }
    this.o.transport.send(m).then(
      (body) => this.stepNow({ kind: 'response', apiKey: m.apiKey, body, sourceId: m.destinationId, correlationId: m.correlationId } as InboundMessage),
      () => this.stepNow({ kind: 'failure', sourceId: m.destinationId, correlationId: m.correlationId }),
    ).finally(() => this.drive());
  }

  /** step() reads the time of the last tick: bring it up to now first. */
  private stepNow(message: InboundMessage): void {
    if (this.stopped) return;
    this.raft.tick(this.o.nowMs());
    this.raft.step(message);
  }

  private onRole(isLeader: boolean, leaderId: number, epoch: number): void {
    if (leaderId !== this.announced.leaderId || epoch !== this.announced.epoch) {
      this.o.logger.debug({ leaderId, epoch }, 'metadata quorum leader changed');
    }
    this.announced = { leaderId, epoch };
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
    const batches = committedBatches(this.o.log, this.applied + 1, highWatermark, REPLAY_CHUNK_BYTES);
    for (const batch of batches) {
      this.listener?.onCommit(batch);
      this.applied = batch.lastOffset;
    }
    if (batches.length > 0) this.listener?.onCommitsDone();
    const done = this.proposals.filter((p) => p.lastOffset < highWatermark);
    this.proposals = this.proposals.filter((p) => p.lastOffset >= highWatermark);
    for (const p of done) p.resolve();
    this.maybeActivate();
  }

  private loadSnapshot(id: SnapshotId): void {
    this.listener?.onSnapshot(decodeSnapshot(this.snapshots.readAll(id)), id.endOffset, id.epoch);
    this.applied = id.endOffset - 1;
  }
}
