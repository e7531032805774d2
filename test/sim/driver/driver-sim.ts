// A deterministic simulation of a KRaft quorum running the real driver (RaftQuorum over segmented
// logs, snapshot files and the quorum-state file on in-memory disks). Virtual time comes from one
// event queue; the driver's file I/O is asynchronous, so after each event the loop lets every
// node's pending work run to rest (nothing else runs meanwhile, so the order is fixed by the seed)
// before the checker looks and the next event starts.
import type { UpdateRaftVoterRequest } from '../../../protocol/generated/api/82-update-raft-voter.js';
import type { RaftExchange } from '../../../src/raft/index.js';
import type { VoteRequest, VoteResponse } from '../../../protocol/generated/api/52-vote.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { Reader } from '../../../protocol/primitives/reader.js';
import { Writer } from '../../../protocol/primitives/writer.js';
import { NotLeaderError } from '../../../src/kraft/metadata-quorum.js';
import { RAFT_APIS } from '../../../src/kraft/raft-transport.js';
import { defaultRaftConfig, type RaftConfig } from '../../../src/raft/config.js';
import type { OutboundRequest } from '../../../src/raft/messages.js';
import { EventQueue } from '../event-queue.js';
import { Prng } from '../prng.js';
import { DriverChecker } from './driver-checker.js';
import { DriverNetwork, type DriverNetworkFaults } from './driver-network.js';
import { DEFAULT_LOG_CONFIG, DriverNode, valueRecord, type DriverHost } from './driver-node.js';

const TRACE_LINES = 400;
/** Turns of the event loop a node may take to come to rest after one event, before we call it a hang. */
const MAX_SETTLE_TURNS = 10_000;

export interface DriverSimOptions {
  seed: number;
  voters: number;
  config: Partial<RaftConfig>;
  segmentBytes: number;
  /** Each fsync takes up to this long in virtual time; 0 makes the disk as fast as the clock is still. */
  maxDiskLatencyMs: number;
  faults: DriverNetworkFaults;
  trace: boolean;
  /** KIP-853: no static voters; every node is formatted with node 1 as the only initial voter
   * (a bootstrap snapshot, as `kraftling format --initial-controllers` writes). */
  dynamic?: boolean;
  /** Static voters that know their directory ids and endpoints, so they announce themselves with
   * UpdateRaftVoter (a dynamic quorum always does). */
  identities?: boolean;
}

/** A simulated node's directory id and (unused: the simulated network routes by id) endpoint. */
export function simVoterIdentity(id: number): { directoryId: string; endpoints: { name: string; host: string; port: number }[] } {
  return { directoryId: Buffer.alloc(16, id).toString('base64url'), endpoints: [{ name: 'CONTROLLER', host: `node-${id}`, port: 9000 + id }] };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function overWire(apiKey: number, body: unknown, kind: 'request' | 'response'): unknown {
  const { api, version } = RAFT_APIS.get(apiKey)!;
  const w = new Writer();
  (kind === 'request' ? api.writeRequest : api.writeResponse)(w, body as never, version);
  const r = new Reader(w.toBuffer());
  return (kind === 'request' ? api.readRequest : api.readResponse)(r, version);
}

export class DriverSim implements DriverHost {
  nowMs = 0;
  eventCount = 0;
  activity = 0;
  readonly maxDiskLatencyMs: number;
  readonly prng: Prng;
  readonly nodes: DriverNode[] = [];
  readonly network: DriverNetwork;
  readonly checker: DriverChecker;
  readonly trace: string[] = [];
  readonly config: RaftConfig;
  private readonly queue = new EventQueue();
  private clientRunning = false;
  private proposalSeq = 0;

  constructor(readonly options: DriverSimOptions) {
    this.prng = new Prng(options.seed);
    this.maxDiskLatencyMs = options.maxDiskLatencyMs;
    const voterIds = Array.from({ length: options.voters }, (_, i) => i + 1);
    this.network = new DriverNetwork(this.prng.split(1), options.faults);
    this.config = { ...defaultRaftConfig(1, options.dynamic ? [] : voterIds), ...options.config };
    const logConfig = { ...DEFAULT_LOG_CONFIG, segmentBytes: options.segmentBytes, retentionMs: -1, retentionBytes: -1 };
    for (const id of voterIds) {
      const config = { ...this.config, nodeId: id, maxBatchBytes: options.segmentBytes, ...(options.dynamic || options.identities ? simVoterIdentity(id) : {}) };
      this.nodes.push(new DriverNode(id, config, logConfig, this, this.prng.split(100 + id)));
    }
    this.checker = new DriverChecker(this.nodes);
  }

  get allIds(): number[] {
    return this.nodes.map((n) => n.id);
  }

  node(id: number): DriverNode {
    return this.nodes[id - 1]!;
  }

  note(text: string): void {
    this.trace.push(`${this.nowMs} ${text}`);
    if (this.trace.length > TRACE_LINES && !this.options.trace) this.trace.shift();
  }

  schedule(atMs: number, run: () => void): void {
    this.activity++;
    this.queue.push(Math.max(atMs, this.nowMs), run);
  }

  fail(message: string): void {
    this.checker.fail(message);
  }

  onTruncate(node: DriverNode, offset: number): void {
    this.checker.onTruncate(node, offset);
  }

  onApplied(node: DriverNode, fromOffset: number): void {
    this.checker.onApplied(node, fromOffset);
  }

  // ---- node lifecycle and faults ----

  restart(id: number): void {
    const node = this.node(id);
    if (node.alive) return;
    this.note(`start ${id}`);
    this.checker.onStart(node);
    node.start();
  }

  crash(id: number): void {
    this.note(`crash ${id}`);
    this.node(id).crash();
  }

  pause(id: number, forMs: number): void {
    const node = this.node(id);
    if (!node.alive) return;
    this.note(`pause ${id} for ${forMs} ms`);
    node.pausedUntilMs = this.nowMs + forMs;
  }

  isolate(group: readonly number[]): void {
    this.note(`isolate ${group.join(',')}`);
    this.network.isolate(group, this.allIds);
  }

  heal(): void {
    this.note('heal');
    this.network.heal();
  }

  /** The running, unfrozen node whose controller was told it leads the highest epoch. */
  leader(): DriverNode | undefined {
    let best: DriverNode | undefined;
    for (const n of this.nodes) {
      if (!n.alive || n.paused || n.activeEpoch === undefined || n.quorum?.status.role !== 'leader') continue;
      if (best === undefined || n.activeEpoch > best.activeEpoch!) best = n;
    }
    return best;
  }

  // ---- the event loop ----

  private async step(): Promise<void> {
    const event = this.queue.pop()!;
    this.nowMs = event.timeMs;
    event.run();
    await this.settle();
    this.eventCount++;
    this.noteRoles();
    this.checker.afterEvent();
  }

  private readonly roles = new Map<number, string>();

  /** Traces each node's role as it changes (with --trace, its high watermark and log too). */
  private noteRoles(): void {
    for (const n of this.nodes) {
      const s = n.started ? n.quorum!.status : undefined;
      const role = s === undefined ? (n.alive ? 'starting' : 'down') : `${s.role} epoch ${s.epoch} leader ${s.leaderId} voted ${s.votedId}`;
      const text = s === undefined || !this.options.trace ? role : `${role} hw ${s.highWatermark} log ${s.logStartOffset}..${s.logEndOffset}`;
      if (this.roles.get(n.id) === text) continue;
      this.roles.set(n.id, text);
      this.note(`node ${n.id} ${text}`);
    }
  }

  /**
   * Lets every node's asynchronous work (file I/O, request handling) run until each is at rest:
   * done, or waiting for virtual time (an fsync's latency), with nothing moving for two turns.
   */
  private async settle(): Promise<void> {
    let calm = 0;
    for (let turn = 0; calm < 2; turn++) {
      if (turn > MAX_SETTLE_TURNS) throw new Error(`nodes ${this.nodes.filter((n) => !n.atRest).map((n) => n.id)} never came to rest`);
      const before = this.activity;
      await nextTurn();
      calm = this.activity === before && this.nodes.every((n) => n.atRest) ? calm + 1 : 0;
    }
  }

  async runUntil(timeMs: number): Promise<void> {
    while (this.queue.peekTimeMs() <= timeMs) await this.step();
    this.nowMs = Math.max(this.nowMs, timeMs);
  }

  async runFor(ms: number): Promise<void> {
    await this.runUntil(this.nowMs + ms);
  }

  /** Runs until `done` holds (true) or withinMs of virtual time pass (false). */
  async runUntilTrue(done: () => boolean, withinMs: number): Promise<boolean> {
    const endMs = this.nowMs + withinMs;
    while (!done()) {
      if (this.queue.peekTimeMs() > endMs) {
        this.nowMs = endMs;
        return done();
      }
      await this.step();
    }
    return true;
  }

  // ---- the network ----

  request(from: DriverNode, inc: number, m: OutboundRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (ok: boolean, value: unknown) => from.run(inc, () => {
        if (settled) return;
        settled = true;
        if (ok) resolve(value);
        else reject(value);
      });
      // As PeerRaftTransport: the request timeout plus a second, after which the answer is ignored.
      this.schedule(this.nowMs + this.config.requestTimeoutMs + 1000, () => settle(false, new Error('request timed out')));
      const body = overWire(m.apiKey, m.body, 'request');
      if (this.options.trace) this.note(`${from.id}->${m.destinationId} request ${m.apiKey}`);
      this.transmit(from.id, m.destinationId, (to) => this.serve(from, to, m.apiKey, body, settle));
    });
  }

  private serve(from: DriverNode, to: DriverNode, apiKey: number, body: unknown, settle: (ok: boolean, value: unknown) => void): void {
    const quorum = to.quorum;
    // No quorum yet: the controller listener of a starting process does not answer.
    if (quorum === undefined) return;
    const inc = to.incarnation;
    // Not waited for: a held fetch is answered at a later event. UpdateRaftVoter goes where the
    // node's handler sends it.
    const answer = apiKey === 82 ? quorum.updateVoterRequest(body as UpdateRaftVoterRequest)
      : quorum.handleRequest(apiKey as keyof RaftExchange, body as RaftExchange[keyof RaftExchange]['request']);
    void answer.then(
      (response) => {
        if (inc !== to.incarnation || !to.alive) return;
        if (apiKey === 52) this.checkVote(to, body, response);
        const wire = overWire(apiKey, response, 'response');
        this.transmit(to.id, from.id, () => settle(true, wire));
      },
      // A dropped request closes the connection: the sender sees it fail.
      () => {
        if (inc === to.incarnation && to.alive) this.transmit(to.id, from.id, () => settle(false, new Error('connection closed')));
      },
    );
  }

  private checkVote(voter: DriverNode, request: unknown, response: unknown): void {
    const asked = (request as VoteRequest).topics[0]?.partitions[0];
    const answer = response as VoteResponse;
    const granted = answer.errorCode === ErrorCode.NONE && answer.topics[0]?.partitions[0]?.voteGranted === true;
    // A granted pre-vote changes no state: only real votes must be stored before they leave.
    if (asked !== undefined && granted && !asked.preVote) this.checker.onVoteGranted(voter, asked.candidateEpoch, asked.candidateId);
  }

  private transmit(fromId: number, toId: number, deliver: (to: DriverNode) => void): void {
    for (const delayMs of this.network.deliveryDelaysMs()) {
      this.schedule(this.nowMs + delayMs, () => {
        const to = this.node(toId);
        if (!this.network.isCut(fromId, toId) && to.alive) to.run(to.incarnation, () => deliver(to));
      });
    }
  }

  // ---- the workload ----

  /** A client proposing a fresh value to the current leader every 10 to 40 ms. */
  startClient(): void {
    if (this.clientRunning) return;
    this.clientRunning = true;
    const next = () => {
      if (!this.clientRunning) return;
      this.proposeOnce();
      this.schedule(this.nowMs + this.prng.int(10, 40), next);
    };
    this.schedule(this.nowMs, next);
  }

  stopClient(): void {
    this.clientRunning = false;
  }

  private proposeOnce(): void {
    const leader = this.leader();
    if (leader === undefined) return;
    const value = `v${++this.proposalSeq}`;
    const epoch = leader.quorum!.status.epoch;
    try {
      const { lastOffset, committed } = leader.quorum!.propose([valueRecord(value)]);
      // Acknowledged means the driver resolved it; whatever happens to the node afterwards.
      committed.then(() => this.checker.onAck(leader.id, lastOffset, `${epoch}/${value}`), () => undefined);
    } catch (err) {
      if (!(err instanceof NotLeaderError)) throw err;
    }
  }

  /** Entries every node has applied (the smallest applied count among running nodes). */
  minApplied(): number {
    return Math.min(...this.nodes.map((n) => (n.alive ? n.applied.length : 0)));
  }
}
