// A deterministic simulation of a KRaft quorum: nodes (SimNode), a faulty network (SimNetwork) and
// a virtual clock driven by one event queue. Everything random comes from the seed. The Checker
// runs after every event; scenarios drive faults and liveness expectations through this class.
import { defaultRaftConfig, type RaftConfig } from '../../src/raft/config.js';
import type { OutboundMessage, RaftRequestBody, RaftResponseBody } from '../../src/raft/messages.js';
import type { Ready } from '../../src/raft/raft-node.js';
import { Checker } from './checker.js';
import { encodeSnapshot, idsBelow, entryAt } from './entries.js';
import { EventQueue } from './event-queue.js';
import { Prng } from './prng.js';
import { SimNetwork, type NetworkFaults } from './sim-network.js';
import { SimNode, type SimHost } from './sim-node.js';
import { requestOverWire, responseOverWire } from './wire.js';

/** The dev profile's quorum timings, and short request timeouts to match. */
export const DEV_TIMINGS = {
  electionTimeoutMs: 300,
  fetchTimeoutMs: 500,
  electionBackoffMaxMs: 200,
  requestTimeoutMs: 250,
  fetchMaxWaitMs: 100,
  retryBackoffMs: 20,
  snapshotChunkBytes: 256,
} satisfies Partial<RaftConfig>;

export interface SimulationOptions {
  seed: number;
  voters: number;
  observers: number;
  config: Partial<RaftConfig>;
  faults: NetworkFaults;
  trace: boolean;
}

const TRACE_LINES = 400;

export class Simulation implements SimHost {
  nowMs = 0;
  readonly maxDiskLatencyMs = 3;
  readonly prng: Prng;
  readonly nodes: SimNode[] = [];
  readonly voterIds: number[];
  readonly network: SimNetwork;
  readonly checker: Checker;
  readonly trace: string[] = [];
  /** Each role a node took (as its Ready became durable), and the leader ones apart. */
  readonly roleChanges: { timeMs: number; nodeId: number; role: string; epoch: number }[] = [];
  readonly leaderChanges: { timeMs: number; nodeId: number; epoch: number }[] = [];
  readonly snapshotInstalls = new Map<number, number>();
  eventCount = 0;
  private readonly queue = new EventQueue();
  private nextToken = 1;
  private clientRunning = false;
  private proposalSeq = 0;

  constructor(readonly options: SimulationOptions) {
    this.prng = new Prng(options.seed);
    this.voterIds = Array.from({ length: options.voters }, (_, i) => i + 1);
    const allIds = Array.from({ length: options.voters + options.observers }, (_, i) => i + 1);
    this.network = new SimNetwork(this.prng.split(1), options.faults);
    for (const id of allIds) {
      const config = { ...defaultRaftConfig(id, this.voterIds), ...options.config };
      this.nodes.push(new SimNode(id, this.voterIds.includes(id), config, this, this.prng.split(100 + id)));
    }
    this.checker = new Checker(this.nodes, this.voterIds);
  }

  get allIds(): number[] {
    return this.nodes.map((n) => n.id);
  }

  node(id: number): SimNode {
    return this.nodes[id - 1]!;
  }

  note(text: string): void {
    this.trace.push(`${this.nowMs} ${text}`);
    if (this.trace.length > TRACE_LINES && !this.options.trace) this.trace.shift();
  }

  schedule(atMs: number, run: () => void): void {
    this.queue.push(atMs, run);
  }

  start(): void {
    for (const node of this.nodes) this.restart(node.id);
  }

  crash(id: number): void {
    this.note(`crash ${id}`);
    this.node(id).crash();
  }

  restart(id: number): void {
    const node = this.node(id);
    node.start();
    this.checker.onStart(node);
    this.note(`start ${id}: ${JSON.stringify(node.status)}`);
  }

  isolate(group: readonly number[]): void {
    this.note(`isolate ${group.join(',')}`);
    this.network.isolate(group, this.allIds);
  }

  heal(): void {
    this.note('heal');
    this.network.heal();
  }

  /** The running node that leads the highest epoch, if any. */
  leader(): SimNode | undefined {
    let best: SimNode | undefined;
    for (const n of this.nodes) {
      if (n.alive && n.status.role === 'leader' && (best === undefined || n.status.epoch > best.status.epoch)) best = n;
    }
    return best;
  }

  // ---- the event loop ----

  private step(): void {
    const event = this.queue.pop()!;
    this.nowMs = event.timeMs;
    event.run();
    this.eventCount++;
    this.checker.afterEvent();
  }

  runUntil(timeMs: number): void {
    while (this.queue.peekTimeMs() <= timeMs) this.step();
    this.nowMs = Math.max(this.nowMs, timeMs);
  }

  runFor(ms: number): void {
    this.runUntil(this.nowMs + ms);
  }

  /** Runs until `done` holds (true) or withinMs of virtual time pass (false). */
  runUntilTrue(done: () => boolean, withinMs: number): boolean {
    const endMs = this.nowMs + withinMs;
    while (!done()) {
      if (this.queue.peekTimeMs() > endMs) {
        this.nowMs = endMs;
        return done();
      }
      this.step();
    }
    return true;
  }

  // ---- the network ----

  send(from: SimNode, messages: OutboundMessage[]): void {
    for (const m of messages) {
      if (m.kind === 'request') this.sendRequest(from, m);
      else this.sendResponse(from, m);
    }
  }

  private sendRequest(from: SimNode, m: Extract<OutboundMessage, { kind: 'request' }>): void {
    const body = requestOverWire(m);
    const fromIncarnation = from.incarnation;
    if (this.options.trace) this.note(`${from.id}->${m.destinationId} request ${m.apiKey} ${JSON.stringify("topics" in body.body ? body.body.topics : body.body)}`);
    this.transmit(from.id, m.destinationId, (to) => {
      const token = this.nextToken++;
      const vote = body.apiKey === 52 ? body.body.topics[0]?.partitions[0] : undefined;
      to.pendingRequests.set(token, {
        sourceId: from.id,
        sourceIncarnation: fromIncarnation,
        correlationId: m.correlationId,
        receivedAtMs: this.nowMs,
        grantCandidateId: vote !== undefined && vote.preVote !== true ? vote.candidateId : undefined,
      });
      to.deliver({ ...body, kind: 'request', sourceId: from.id, correlationId: token } as Parameters<SimNode['deliver']>[0]);
    });
  }

  private sendResponse(from: SimNode, m: Extract<OutboundMessage, { kind: 'response' }>): void {
    const pending = from.pendingRequests.get(m.correlationId);
    if (pending === undefined) throw new Error(`node ${from.id} answered request ${m.correlationId} twice or never got it`);
    from.pendingRequests.delete(m.correlationId);
    if (m.apiKey === 52 && pending.grantCandidateId !== undefined && m.body.topics[0]?.partitions[0]?.voteGranted) {
      this.checker.onVoteGranted(from, m, pending.grantCandidateId);
    }
    const body: RaftResponseBody = responseOverWire(m);
    if (this.options.trace) this.note(`${from.id}->${pending.sourceId} response ${m.apiKey}`);
    this.transmit(from.id, pending.sourceId, (to) => {
      if (to.incarnation !== pending.sourceIncarnation) return;
      to.deliver({ ...body, kind: 'response', sourceId: from.id, correlationId: pending.correlationId } as Parameters<SimNode['deliver']>[0]);
    });
  }

  private transmit(fromId: number, toId: number, deliver: (to: SimNode) => void): void {
    for (const delayMs of this.network.deliveryDelaysMs()) {
      this.schedule(this.nowMs + delayMs, () => {
        const to = this.node(toId);
        if (!this.network.isCut(fromId, toId) && to.alive) deliver(to);
      });
    }
  }

  readyDone(node: SimNode, ready: Ready): void {
    this.checker.onReadyDone(node, ready);
    if (ready.role !== undefined) {
      this.note(`node ${node.id} ${ready.role.role} epoch ${ready.role.epoch} leader ${ready.role.leaderId} voted ${ready.role.votedId}`);
      this.roleChanges.push({ timeMs: this.nowMs, nodeId: node.id, role: ready.role.role, epoch: ready.role.epoch });
      if (ready.role.role === 'leader') this.leaderChanges.push({ timeMs: this.nowMs, nodeId: node.id, epoch: ready.role.epoch });
    }
    if (ready.installSnapshot !== undefined) {
      this.note(`node ${node.id} installed snapshot ${ready.installSnapshot.endOffset}-${ready.installSnapshot.epoch}`);
      this.snapshotInstalls.set(node.id, (this.snapshotInstalls.get(node.id) ?? 0) + 1);
    }
  }

  // ---- the workload ----

  /** A client proposing a fresh value to the current leader every 10 to 40 ms. */
  startClient(): void {
    if (this.clientRunning) return;
    this.clientRunning = true;
    const next = () => {
      if (!this.clientRunning) return;
      const leader = this.leader();
      if (leader !== undefined) {
        leader.raft!.propose([Buffer.from(`v${++this.proposalSeq}`)]);
        leader.afterEvent();
      }
      this.schedule(this.nowMs + this.prng.int(10, 40), next);
    };
    this.schedule(this.nowMs, next);
  }

  stopClient(): void {
    this.clientRunning = false;
  }

  /** The state machine of `id` snapshots at what it was told is committed and drops older log. */
  snapshot(id: number): boolean {
    const node = this.node(id);
    if (!node.alive || node.syncing) return false;
    const endOffset = this.checker.reportedHighWatermark(id);
    if (endOffset <= node.disk.log.logStartOffset) return false;
    const last = entryAt(node.disk.log, node.disk.snapshots, endOffset - 1)!;
    const snapshotId = { endOffset, epoch: Number(last.slice(0, last.indexOf('/'))) };
    const check = node.raft!.validateSnapshotId(snapshotId);
    if (check !== 'valid') throw new Error(`node ${id}: snapshot at ${endOffset}-${snapshotId.epoch} refused: ${check}`);
    node.disk.writeSnapshot(snapshotId, encodeSnapshot(idsBelow(node.disk.log, node.disk.snapshots, endOffset)));
    this.note(`node ${id} snapshot ${endOffset}-${snapshotId.epoch}`);
    return true;
  }

  /** Requests a running node got long ago and never answered (each must be answered once). */
  unansweredRequests(olderThanMs: number): string[] {
    const late: string[] = [];
    for (const node of this.nodes) {
      if (!node.alive) continue;
      for (const [token, p] of node.pendingRequests) {
        if (this.nowMs - p.receivedAtMs > olderThanMs) late.push(`node ${node.id} request ${token} from ${p.sourceId}`);
      }
    }
    return late;
  }
}
