// Drivers for the Raft core in unit tests: TestNode carries out Readys on an in-memory log (in
// order, synchronously), TestCluster moves messages between nodes in zero time, with a filter to
// lose some. Time only moves when a test says so.
import type { QuorumStateData } from '../../../protocol/generated/data/quorum-state-data.js';
import { defaultRaftConfig, type RaftConfig } from '../../../src/raft/config.js';
import { MemoryLog, MemorySnapshotStore, applyReadyToMemory } from '../../../src/raft/memory-log.js';
import type { UpdateRaftVoterRequest } from '../../../protocol/generated/api/82-update-raft-voter.js';
import type { InboundMessage, OutboundMessage } from '../../../src/raft/messages.js';
import { RaftNode, type Ready } from '../../../src/raft/raft-node.js';

const TIMINGS: Partial<RaftConfig> = {
  electionTimeoutMs: 300,
  fetchTimeoutMs: 500,
  electionBackoffMaxMs: 200,
  requestTimeoutMs: 250,
  fetchMaxWaitMs: 100,
  retryBackoffMs: 20,
};

export interface TestNodeOptions {
  config?: Partial<RaftConfig>;
  quorumState?: QuorumStateData;
  log?: MemoryLog;
  snapshots?: MemorySnapshotStore;
  nowMs?: number;
  /** Fixed draws make election timeouts exactly electionTimeoutMs. */
  random?: () => number;
}

export class TestNode {
  readonly snapshots: MemorySnapshotStore;
  readonly log: MemoryLog;
  readonly raft: RaftNode;
  readonly config: RaftConfig;
  quorumState: QuorumStateData | undefined;
  nowMs: number;
  readonly readies: Ready[] = [];

  constructor(
    readonly id: number,
    voterIds: readonly number[],
    options: TestNodeOptions = {},
  ) {
    this.snapshots = options.snapshots ?? new MemorySnapshotStore();
    this.log = options.log ?? new MemoryLog(this.snapshots);
    this.quorumState = options.quorumState;
    this.nowMs = options.nowMs ?? 0;
    this.config = { ...defaultRaftConfig(id, voterIds), ...TIMINGS, ...options.config };
    this.raft = new RaftNode({
      config: this.config,
      log: this.log,
      snapshots: this.snapshots,
      quorumState: options.quorumState,
      nowMs: this.nowMs,
      random: options.random ?? (() => 0),
    });
  }

  get status() {
    return this.raft.status;
  }

  /** Carries out every pending Ready the way the contract says; returns their messages. */
  flush(): OutboundMessage[] {
    const messages: OutboundMessage[] = [];
    while (this.raft.hasReady()) {
      const ready = this.raft.ready();
      if (ready.quorumState !== undefined) this.quorumState = ready.quorumState;
      applyReadyToMemory(ready, this.log, this.snapshots);
      this.raft.advance(ready);
      this.readies.push(ready);
      messages.push(...ready.messages);
    }
    return messages;
  }

  tick(toMs: number): OutboundMessage[] {
    this.nowMs = toMs;
    this.raft.tick(toMs);
    return this.flush();
  }

  step(message: InboundMessage): OutboundMessage[] {
    this.raft.step(message);
    return this.flush();
  }
}

interface InFlight {
  from: number;
  message: OutboundMessage;
}

export class TestCluster {
  readonly nodes = new Map<number, TestNode>();
  nowMs = 0;
  /** Messages for which this returns false are lost. */
  deliverable: (from: number, to: number, message: OutboundMessage) => boolean = () => true;
  private queue: InFlight[] = [];
  private nextToken = 1;
  private readonly requesters = new Map<number, { from: number; correlationId: number }>();

  constructor(voterIds: readonly number[], options: (id: number) => TestNodeOptions = () => ({}), observerIds: readonly number[] = []) {
    for (const id of [...voterIds, ...observerIds]) this.nodes.set(id, new TestNode(id, voterIds, options(id)));
    for (const [id, node] of this.nodes) this.enqueue(id, node.flush());
  }

  node(id: number): TestNode {
    return this.nodes.get(id)!;
  }

  leader(): TestNode | undefined {
    return [...this.nodes.values()].find((n) => n.status.role === 'leader');
  }

  enqueue(from: number, messages: OutboundMessage[]): void {
    for (const message of messages) this.queue.push({ from, message });
  }

  /** Delivers messages until none are left (held fetches stay held). */
  exchange(maxMessages = 10_000): void {
    for (let i = 0; this.queue.length > 0; i++) {
      if (i >= maxMessages) throw new Error('messages keep flowing');
      const { from, message } = this.queue.shift()!;
      this.deliver(from, message);
    }
  }

  /** Moves time forward in steps, ticking every node and exchanging messages after each. */
  advance(ms: number, stepMs = 5): void {
    const end = this.nowMs + ms;
    while (this.nowMs < end) {
      this.nowMs = Math.min(end, this.nowMs + stepMs);
      for (const [id, node] of this.nodes) this.enqueue(id, node.tick(this.nowMs));
      this.exchange();
    }
  }

  /** UpdateRaftVoter is the driver's to serve (the core only sends it): as the node's driver does,
   * hand it to the core's updateVoter and answer with its error code. */
  private serveUpdateVoter(to: number, body: UpdateRaftVoterRequest, from: number, token: number): void {
    const node = this.node(to);
    const result = node.raft.updateVoter({
      id: body.voterId, directoryId: body.voterDirectoryId, weight: 1,
      endpoints: body.listeners.map((l) => ({ name: l.name, host: l.host, port: l.port })),
      kraftVersion: { min: body.kRaftVersionFeature.minSupportedVersion, max: body.kRaftVersionFeature.maxSupportedVersion },
    });
    this.enqueue(to, node.flush());
    const leader = node.raft.status;
    const response = { kind: 'response', apiKey: 82, destinationId: from, correlationId: token, body: {
      throttleTimeMs: 0, errorCode: result.errorCode, currentLeader: { leaderId: leader.leaderId, leaderEpoch: leader.epoch, host: '', port: -1 },
    } } as OutboundMessage;
    this.enqueue(to, [response]);
  }

  private deliver(from: number, message: OutboundMessage): void {
    if (message.kind === 'request') {
      const to = message.destinationId;
      if (!this.nodes.has(to) || !this.deliverable(from, to, message)) return;
      const token = this.nextToken++;
      this.requesters.set(token, { from, correlationId: message.correlationId });
      if (message.apiKey === 82) return this.serveUpdateVoter(to, message.body, from, token);
      const inbound = { ...message, kind: 'request', sourceId: from, correlationId: token } as InboundMessage;
      this.enqueue(to, this.node(to).step(inbound));
      return;
    }
    const requester = this.requesters.get(message.correlationId)!;
    this.requesters.delete(message.correlationId);
    if (!this.deliverable(from, requester.from, message)) return;
    const inbound = { ...message, kind: 'response', sourceId: from, correlationId: requester.correlationId } as InboundMessage;
    this.enqueue(requester.from, this.node(requester.from).step(inbound));
  }
}
