// How this node reaches the active controller. When this node's controller is active, requests
// run on it: their records are proposed through the quorum, and the answer waits until they are
// committed and applied to this broker's image. Otherwise the request is forwarded to the active
// controller's controller listener (as Kafka brokers forward admin requests), retried while the
// quorum elects one, and answered once this broker's image has caught up with the leader.
import type { ApiDefinition } from '../../protocol/definition.js';
import { DescribeQuorumApi } from '../../protocol/generated/api/55-describe-quorum.js';
import { BrokerRegistrationApi } from '../../protocol/generated/api/62-broker-registration.js';
import { BrokerHeartbeatApi } from '../../protocol/generated/api/63-broker-heartbeat.js';
import type { ControllerChannel } from '../broker/services.js';
import type { Voter } from '../config/server-config.js';
import { controllerApi } from '../controller/controller-apis.js';
import type { QuorumController } from '../controller/quorum-controller.js';
import type { MetadataRecord } from '../metadata/records.js';
import { METADATA_TOPIC } from '../raft/index.js';
import type { MetadataPublisher } from './metadata-publisher.js';
import type { MetadataQuorum } from '../kraft/metadata-quorum.js';
import type { PeerClient } from './peer-client.js';
import { waitBounded } from './wait-bounded.js';

export interface ControllerClientOptions {
  nodeId: number;
  controller: QuorumController;
  quorum: MetadataQuorum;
  publisher: MetadataPublisher;
  peers: PeerClient;
  /**
   * Where this broker's registration and heartbeats go, apart from forwarded requests, as Kafka's
   * BrokerLifecycleManager has a channel of its own: answers come in request order on a
   * connection, so a heartbeat sent behind a large CreateTopics waited for it, timed out, and its
   * time-out closed the connection, failing the CreateTopics in flight, which was sent again and
   * found its topics already created. Defaults to `peers`.
   */
  lifecyclePeers?: PeerClient;
  nowMs: () => number;
  /** How long a forwarded request keeps retrying while no controller answers. */
  timeoutMs: number;
}

/** Between attempts while no controller answers, unless a leader change comes first (see leaderChanged). */
const RETRY_MS = 25;
const CATCH_UP_MS = 5_000;
/** The APIs that go through lifecyclePeers. */
const LIFECYCLE_API_KEYS: ReadonlySet<number> = new Set([BrokerRegistrationApi.key, BrokerHeartbeatApi.key]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ControllerClient implements ControllerChannel {
  private stopped = false;
  /** Requests this node's controller is serving (its own broker's or forwarded ones), until answered. */
  private serving = 0;
  /** Calls waiting to try again: a leader change wakes them at once. */
  private readonly retrying = new Set<() => void>();

  constructor(private readonly o: ControllerClientOptions) {}

  /** The node is stopping: calls still retrying give up (answering NOT_CONTROLLER) instead of retrying on. */
  stop(): void {
    this.stopped = true;
    this.leaderChanged();
  }

  /**
   * The quorum has a new leader, or this node's controller became active: calls waiting to try
   * again try now. At a node's start the broker registers before its own controller is active;
   * sleeping out the retry pause instead made a quarter of a one-node start (25 of about 100 ms
   * after the modules load).
   */
  leaderChanged(): void {
    for (const wake of this.retrying) wake();
    this.retrying.clear();
  }

  /** RETRY_MS, or less if the leader changes meanwhile. */
  private retryPause(): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.retrying.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, RETRY_MS);
      this.retrying.add(wake);
    });
  }

  /**
   * From this node's broker: run locally when active, else forward to the active controller.
   * `timeoutMs` (default: the client's) bounds the whole call, each forwarded attempt included: a
   * heartbeat must not wait on a controller that is gone longer than its session allows.
   */
  async call<Req, Res>(api: ApiDefinition<Req, Res>, version: number, req: Req, timeoutMs = this.o.timeoutMs): Promise<Res> {
    const deadline = this.o.nowMs() + timeoutMs;
    const entry = controllerApi(api);
    for (;;) {
      if (this.stopped) return entry.notController(req);
      if (this.o.controller.isActive) {
        const res = await this.callLocal(api, req);
        if (!entry.saysNotController(res)) return res;
      } else {
        const res = await this.forward(api, version, req, deadline);
        if (res !== undefined) return res;
      }
      if (this.o.nowMs() > deadline) return entry.notController(req);
      await this.retryPause();
    }
  }

  /** As the controller (a request on the controller listener): NOT_CONTROLLER unless active. */
  async callLocal<Req, Res>(api: ApiDefinition<Req, Res>, req: Req): Promise<Res> {
    const entry = controllerApi(api);
    // Elected, but still applying the log up to its epoch: active in a moment. Held until then
    // (at most a retry pause), rather than refused: the asking broker, which knows no other
    // leader to try, would sleep out its whole pause (each node after the first of a cluster
    // starting together registered 25 ms late that way).
    if (!this.o.controller.isActive && !this.stopped && this.o.quorum.leader().leaderId === this.o.nodeId) await this.retryPause();
    if (!this.o.controller.isActive) return entry.notController(req);
    const result = this.o.controller.handle(api, req, this.o.nowMs());
    this.serving++;
    try {
      await this.commit(result.records);
    } catch {
      // Leadership was lost before the records committed: the caller retries elsewhere.
      return entry.notController(req);
    } finally {
      this.serving--;
    }
    return result.response;
  }

  /**
   * Resolves once no request is being served by this node's controller, or after maxWaitMs. A
   * stopping active controller first lets the other brokers' controlled shutdowns it is
   * committing finish: a whole cluster stopping then needs no new election to answer them.
   */
  async drain(maxWaitMs: number): Promise<void> {
    const deadline = this.o.nowMs() + maxWaitMs;
    while (this.serving > 0 && this.o.nowMs() < deadline) await sleep(5);
  }

  /** Proposes records from this node's controller and waits until this broker's image has them. */
  async commit(records: MetadataRecord[]): Promise<void> {
    if (records.length === 0) return;
    let proposal;
    try {
      proposal = this.o.quorum.propose(records);
    } catch (err) {
      this.o.controller.discardUnappended();
      throw err;
    }
    const { lastOffset, committed } = proposal;
    this.o.controller.appended(lastOffset);
    await committed;
    await this.o.publisher.waitFor(lastOffset);
  }

  /** One attempt at the active controller, bounded by `deadline`; undefined when there is none to ask right now. */
  private async forward<Req, Res>(api: ApiDefinition<Req, Res>, version: number, req: Req, deadline: number): Promise<Res | undefined> {
    const leaderId = this.o.quorum.leader().leaderId;
    const address = this.o.quorum.addressOf(leaderId);
    const voter = address && { id: leaderId, ...address };
    if (leaderId === this.o.nodeId || !voter) return undefined;
    const peers = LIFECYCLE_API_KEYS.has(api.key) ? this.o.lifecyclePeers ?? this.o.peers : this.o.peers;
    try {
      const res = await peers.request(voter, api, version, req, this.remaining(deadline));
      if (controllerApi(api).saysNotController(res)) return undefined;
      await this.catchUp(peers, voter, deadline);
      return res;
    } catch {
      return undefined;
    }
  }

  /**
   * Waits until this broker's image reaches the leader's high watermark, at most CATCH_UP_MS and
   * never past the call's deadline: a heartbeat answered just before its controller vanished
   * otherwise waited out this wait's own time-out (30 s) with no heartbeat sent meanwhile, and the
   * next controller fenced the broker.
   */
  private async catchUp(peers: PeerClient, leader: Voter, deadline: number): Promise<void> {
    try {
      const res = await peers.request(leader, DescribeQuorumApi, 1, {
        topics: [{ topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] }],
      }, this.remaining(deadline));
      const hw = res.topics[0]?.partitions[0]?.highWatermark ?? 0;
      await waitBounded(this.o.publisher.waitFor(hw - 1), Math.min(CATCH_UP_MS, this.remaining(deadline)));
    } catch {
      // The answer stands; this broker's image catches up on its own.
    }
  }

  private remaining(deadline: number): number {
    return Math.max(1, deadline - this.o.nowMs());
  }
}
