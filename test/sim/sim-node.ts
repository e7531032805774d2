// One simulated node: the driver of a RaftNode over a SimDisk, as the runtime will drive it over
// TCP and segment files. A Ready is written at once and synced after a random disk latency; only
// then is it advanced and its messages sent. A crash loses the unsynced part.
import type { RaftConfig } from '../../src/raft/config.js';
import type { InboundMessage, OutboundMessage } from '../../src/raft/messages.js';
import { RaftNode, type Ready, type RaftStatus } from '../../src/raft/raft-node.js';
import type { Prng } from './prng.js';
import { SimDisk } from './sim-disk.js';

export interface SimHost {
  readonly nowMs: number;
  schedule(atMs: number, run: () => void): void;
  /** A Ready's messages, sent after its sync. */
  send(from: SimNode, messages: OutboundMessage[]): void;
  /** A Ready is durable and advanced. */
  readyDone(node: SimNode, ready: Ready): void;
  maxDiskLatencyMs: number;
}

export interface PendingRequest {
  sourceId: number;
  sourceIncarnation: number;
  correlationId: number;
  receivedAtMs: number;
  /** For a real (not pre-) Vote request: the candidate, to check a grant was stored first. */
  grantCandidateId: number | undefined;
}

export class SimNode {
  readonly disk = new SimDisk();
  raft: RaftNode | undefined;
  incarnation = 0;
  /** Requests this incarnation received and has not answered: sim token -> where the answer goes. */
  readonly pendingRequests = new Map<number, PendingRequest>();
  private busy = false;
  private tickAtMs = Infinity;

  constructor(
    readonly id: number,
    readonly isVoter: boolean,
    private readonly config: RaftConfig,
    private readonly host: SimHost,
    private readonly prng: Prng,
  ) {}

  get alive(): boolean {
    return this.raft !== undefined;
  }

  /** Busy: a Ready is written but not yet synced. */
  get syncing(): boolean {
    return this.busy;
  }

  get status(): RaftStatus {
    return this.raft!.status;
  }

  start(): void {
    this.incarnation++;
    this.busy = false;
    this.tickAtMs = Infinity;
    this.pendingRequests.clear();
    const random = this.prng.split(this.incarnation);
    this.raft = new RaftNode({
      config: this.config,
      log: this.disk.log,
      snapshots: this.disk.snapshots,
      quorumState: this.disk.quorumState,
      nowMs: this.host.nowMs,
      random: () => random.next(),
    });
    this.afterEvent();
  }

  crash(): void {
    this.raft = undefined;
    this.disk.crash();
  }

  deliver(message: InboundMessage): void {
    this.raft!.step(message);
    this.afterEvent();
  }

  /** After anything happened to the node: carry out a Ready if one is due, and keep a tick booked. */
  afterEvent(): void {
    const raft = this.raft;
    if (raft === undefined) return;
    if (!this.busy && raft.hasReady()) {
      const ready = raft.ready();
      this.disk.write(ready);
      this.busy = true;
      const incarnation = this.incarnation;
      this.host.schedule(this.host.nowMs + this.prng.int(0, this.host.maxDiskLatencyMs), () => {
        if (this.incarnation === incarnation && this.alive) this.finishReady(ready);
      });
    }
    this.bookTick(raft.nextDeadlineMs());
  }

  private finishReady(ready: Ready): void {
    this.disk.sync();
    this.raft!.advance(ready);
    this.busy = false;
    this.host.readyDone(this, ready);
    this.host.send(this, ready.messages);
    this.afterEvent();
  }

  private bookTick(deadlineMs: number): void {
    if (deadlineMs >= this.tickAtMs || deadlineMs === Infinity) return;
    const atMs = Math.max(deadlineMs, this.host.nowMs);
    this.tickAtMs = atMs;
    const incarnation = this.incarnation;
    this.host.schedule(atMs, () => {
      if (this.incarnation !== incarnation || !this.alive) return;
      if (this.tickAtMs === atMs) this.tickAtMs = Infinity;
      this.raft!.tick(this.host.nowMs);
      this.afterEvent();
    });
  }
}
