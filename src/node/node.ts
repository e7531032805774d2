// One kraftling node: a broker and a controller in one (KRaft combined mode). Wires storage, the
// Raft quorum of __cluster_metadata, the image publisher, the controller, the replicas, the group
// coordinator and the listeners, and owns their lifecycle: start, graceful stop, and kill (a crash
// without any cleanup, for fault tests).
import { randomUUID } from 'node:crypto';
import { AlterPartitionApi } from '../../protocol/generated/api/56-alter-partition.js';
import { LogDir } from '../../storage/log-dir.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import type { FileSystem } from '../../storage/file-system.js';
import { BrokerMetrics } from '../broker/broker-metrics.js';
import { METADATA_VERSION, unservableFeatures } from '../broker/features.js';
import type { GroupCoordinatorAccess } from '../coordinator/access.js';
import { EMPTY_IMAGE, type MetadataImage } from '../metadata/image.js';
import type { ServerConfig } from '../config/server-config.js';
import { QuorumController } from '../controller/quorum-controller.js';
import { CLUSTER_METADATA_TOPIC } from '../controller/topic-names.js';
import { ReplicaFetchers } from '../replication/replica-fetcher.js';
import { ReplicaManager } from '../replication/replica-manager.js';
import { BackgroundTasks } from './background-tasks.js';
import { BrokerCatchUp } from './broker-catch-up.js';
import { BrokerLifecycle } from './broker-lifecycle.js';
import { ClientFaults } from './client-faults.js';
import { ControllerClient } from './controller-client.js';
import { GroupRuntime } from './group-runtime.js';
import { TxnRuntime } from './txn-runtime.js';
import type { TxnCoordinatorAccess } from '../coordinator/txn-access.js';
import type { Logger } from '../logger.js';
import { clusterIdForVoters, ensureFormatted, readMetaProperties } from './meta-properties.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { MetadataPublisher } from './metadata-publisher.js';
import { defaultLogConfig, metadataLogConfig, storageEventLogger } from './node-storage.js';
import { NodeListeners } from './node-listeners.js';
import { NodeServices } from './node-services.js';
import { PeerClient } from './peer-client.js';
import { txnVerifier } from './txn-verifier.js';
import type { PeerNetwork } from './peer-network.js';
import { notifyingGroupAccess } from './group-access-events.js';
import { raftConfigFor, resolveVoters } from '../kraft/quorum-config.js';
import { RaftQuorum, type HandOver } from '../kraft/raft-quorum.js';
import { PeerRaftTransport } from '../kraft/raft-transport.js';
import { PeerFetchTransport } from './replica-transport.js';
import { SnapshotPolicy } from '../kraft/snapshot-policy.js';
import { readBootstrapRecords } from './bootstrap-records.js';
import { interBrokerListenerName, peerSecurity } from './listener-security.js';
import { BufferPool } from '../../storage/buffer-pool.js';

/** In-flight client requests get this long to answer on a graceful stop. */
const BROKER_CLOSE_GRACE_MS = 5_000;
/**
 * Once the quorum has stopped, what is left on the controller listener are Raft requests that will
 * never be answered and forwarded requests just answered NOT_CONTROLLER: a moment to send those.
 */
const CONTROLLER_CLOSE_GRACE_MS = 50;
/** How long a stopping active controller keeps committing requests it is serving. */
const CONTROLLER_DRAIN_MS = 2_000;
/** How long a stopping leader of the metadata quorum waits for another voter to lead (an election
 * after a resignation took 16-47 ms on the bench machine). */
const HANDOVER_MS = 1_000;
/** A fetch answer's own fields beyond its records' replica.fetch.response.max.bytes. */
const FETCH_ANSWER_SLACK_BYTES = 64 * 1024;
/** Free fetch answer buffers kept: one fetch is in flight per leader. */
const FETCH_ANSWER_BUFFERS_KEPT = 2;

export interface NodeOptions {
  config: ServerConfig;
  logger: Logger;
  fs?: FileSystem;
  /** Cluster id for directories formatted now (default: random, or what the directories say). */
  clusterId?: string;
  /** Format unformatted directories on start (default true, as `kraftling start` does). */
  autoFormat?: boolean;
  nowMs?: () => number;
  /** Network faults between the nodes of an in-process cluster (fault injection). */
  network?: PeerNetwork;
}

/** Read-only handles on a node's parts, for the HTTP listener's /health, /metrics and console. */
export interface NodeView {
  readonly nodeId: number;
  readonly state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped';
  /** The image this broker serves (empty before it has caught up). */
  image(): MetadataImage;
  /** The broker's parts follow the image: it caught up with the quorum and was unfenced once. */
  readonly caughtUp: boolean;
  readonly quorum: KraftlingNode['quorumStatus'];
  readonly replicas: ReplicaManager | undefined;
  readonly groups: GroupCoordinatorAccess | undefined;
  readonly metrics: BrokerMetrics;
}

export class KraftlingNode {
  readonly nodeId: number;
  /** Counters of the request path, produce, fetch and ISR changes (see /metrics). */
  readonly metrics = new BrokerMetrics();
  clusterId = '';
  private readonly fs: FileSystem;
  private readonly log: Logger;
  private readonly nowMs: () => number;
  /**
   * Separate connections per kind of traffic, as Kafka keeps separate channels: a Raft fetch held
   * by the leader must never queue behind (or hold up) a broker registration waiting on that
   * very replication, and follower data fetches must not delay either.
   */
  private readonly raftPeers: PeerClient;
  private readonly controllerPeers: PeerClient;
  /** This broker's registration and heartbeats: Kafka's "heartbeat" channel, beside its
   * "forwarding" one (see ControllerClientOptions.lifecyclePeers). */
  private readonly lifecyclePeers: PeerClient;
  private readonly replicaPeers: PeerClient;
  /** KIP-890 verifications, on connections of their own: responses come in request order, and a
   * replica fetch long-polling on a shared connection would hold them back. */
  private readonly verifyPeers: PeerClient;
  /** Transaction markers to partition leaders: a channel of their own, as Kafka's marker channel. */
  private readonly markerPeers: PeerClient;
  private logDir: LogDir | undefined;
  /** Releases this node's claims on its directories (storage/dir-lock.ts). */
  private unlockDirs: (() => void)[] = [];
  /** The broker epoch the clean shutdown marker named at start (-1: none). */
  private previousBrokerEpoch = -1;
  private quorum: RaftQuorum | undefined;
  private listeners: NodeListeners | undefined;
  private lifecycle: BrokerLifecycle | undefined;
  private controllerClient: ControllerClient | undefined;
  private tasks: BackgroundTasks | undefined;
  private replicas: ReplicaManager | undefined;
  private fetchers: ReplicaFetchers | undefined;
  private groups: GroupRuntime | undefined;
  private transactions: TxnRuntime | undefined;
  private publisher: MetadataPublisher | undefined;
  private catchUp: BrokerCatchUp | undefined;
  private state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' = 'new';
  /** start()'s work, which stop() lets unwind when it comes first. */
  private starting: Promise<void> | undefined;
  private quorumStarted = false;
  private stopping: Promise<void> | undefined;
  private groupAccess: GroupCoordinatorAccess | undefined;
  private readonly changeListeners = new Set<() => void>();
  /** Faults injected into this node's client traffic (see ClientFaults); apply with applyFaults(). */
  readonly faults = new ClientFaults();

  constructor(private readonly options: NodeOptions) {
    this.nodeId = options.config.nodeId;
    this.fs = options.fs ?? new NodeFileSystem();
    // A level of its own: the BROKER_LOGGER resource changes this node's, not its neighbours'.
    this.log = options.logger.child({ node: this.nodeId }, { level: options.logger.level });
    this.nowMs = options.nowMs ?? Date.now;
    const network = options.network;
    const route = network ? (host: string, port: number) => network.dropped(this.nodeId, host, port) : null;
    // Secured controller or inter-broker listeners: these clients speak their TLS and SASL.
    const controllerSecurity = peerSecurity(options.config, options.config.controllerListenerNames[0] ?? 'CONTROLLER', 'controller');
    const brokerSecurity = peerSecurity(options.config, interBrokerListenerName(options.config), 'broker');
    this.raftPeers = new PeerClient(`kraftling-raft-${this.nodeId}`, undefined, this.log, route, controllerSecurity);
    this.controllerPeers = new PeerClient(`kraftling-broker-${this.nodeId}`, undefined, this.log, route, controllerSecurity);
    this.lifecyclePeers = new PeerClient(`kraftling-heartbeat-${this.nodeId}`, undefined, this.log, route, controllerSecurity);
    // Follower fetch answers are read into buffers used again once their records are in the logs.
    const answerBuffers = new BufferPool(this.config.int('replica.fetch.response.max.bytes') + FETCH_ANSWER_SLACK_BYTES, FETCH_ANSWER_BUFFERS_KEPT);
    this.replicaPeers = new PeerClient(`kraftling-replica-${this.nodeId}`, undefined, this.log, route, brokerSecurity, answerBuffers);
    this.verifyPeers = new PeerClient(`kraftling-txn-verify-${this.nodeId}`, undefined, this.log, route, brokerSecurity);
    this.markerPeers = new PeerClient(`kraftling-txn-markers-${this.nodeId}`, undefined, this.log, route, brokerSecurity);
  }

  get config(): ServerConfig {
    return this.options.config;
  }

  /** Broker listener addresses as bound (ports resolved when 0 was asked for). */
  get brokerAddresses(): { name: string; host: string; port: number }[] {
    return this.listeners?.brokerAddresses() ?? [];
  }

  /** The metadata quorum as this node sees it (role, epoch, leader, offsets). */
  get quorumStatus() {
    // Undefined until the quorum has started (a node whose start failed before it never does).
    return this.quorumStarted ? this.quorum?.status : undefined;
  }

  /** A new node on this one's config, data directory and logger, to start once this one has stopped (a restart). */
  successor(): KraftlingNode {
    return new KraftlingNode({ ...this.options, clusterId: this.clusterId || this.options.clusterId });
  }

  /** What the HTTP listener reads; nothing here changes the node. */
  get view(): NodeView {
    const node = this;
    return {
      nodeId: this.nodeId, state: this.state, quorum: this.quorumStatus, replicas: this.replicas, groups: this.groups?.access,
      metrics: this.metrics, caughtUp: this.catchUp?.isOpen === true,
      image: () => node.publisher?.image ?? EMPTY_IMAGE,
    };
  }

  /** 'running' once start() has resolved, until stop() or kill(). */
  get status(): 'new' | 'starting' | 'running' | 'stopping' | 'stopped' {
    return this.state;
  }

  /** The metadata image this node's broker serves. */
  get metadataImage(): MetadataImage | undefined {
    return this.publisher?.image;
  }

  /** The transaction coordinator as this node's handlers see it. */
  get transactionCoordinator(): TxnCoordinatorAccess | undefined {
    return this.transactions?.access;
  }

  /** The group coordinator as this node's handlers see it. */
  get groupCoordinator(): GroupCoordinatorAccess | undefined {
    return this.groupAccess;
  }

  /** Calls `listener` after each change this node sees: a metadata image applied, a new quorum
   * leader, a group or offset request answered. Returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /** Installs the client faults on the broker listeners while any is set, removes them when none is. */
  applyFaults(): void {
    this.listeners?.setBrokerFaults(this.faults.active ? this.faults : null);
  }

  /** Closes every client connection of the broker listeners (clients reconnect). */
  dropClientConnections(): void {
    this.listeners?.dropBrokerConnections();
  }

  /** Fails everything in flight to other nodes (used when a link is cut, so nothing crosses it late). */
  resetPeerConnections(): void {
    this.closePeers();
  }

  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`node ${this.nodeId} was already started`);
    this.state = 'starting';
    this.starting = this.startUp();
    try {
      await this.starting;
    } catch (err) {
      // A start that failed leaves the directories to whoever tries next.
      if (this.stopping === undefined) this.releaseDirs();
      throw err;
    }
  }

  private releaseDirs(): void {
    for (const unlock of this.unlockDirs.splice(0)) unlock();
  }

  /** Between the steps of start-up: a stop() that came meanwhile ends it here. */
  private throwIfStopping(): void {
    if (this.state !== 'starting') throw new Error(`node ${this.nodeId} was stopped while starting`);
  }

  private async startUp(): Promise<void> {
    const { config } = this.options;
    const voters = resolveVoters(config);
    // Nodes of one quorum formatting on their own agree on a cluster id derived from the voters.
    const clusterId = this.options.clusterId ?? (voters.length > 1 ? clusterIdForVoters(voters) : undefined);
    const dirs = [...new Set([config.logDir, config.metadataLogDir])];
    // Before anything reads or writes them: another broker process may be using them.
    for (const dir of dirs) {
      const unlock = this.fs.lockDir?.(dir);
      if (unlock) this.unlockDirs.push(unlock);
    }
    this.clusterId = await ensureFormatted(this.fs, dirs, this.nodeId,
      { clusterId, autoFormat: this.options.autoFormat ?? true });
    this.throwIfStopping();
    const logDir = await this.openLogDir();
    this.throwIfStopping();
    const publisher = new MetadataPublisher((err) => this.log.error({ err }, 'applying metadata failed'));
    this.publisher = publisher;
    publisher.onApplied(() => this.changed());
    const controller = new QuorumController({ config, random: Math.random }, this.clusterId);
    const metadataLog = await logDir.getOrCreate(CLUSTER_METADATA_TOPIC, 0);
    metadataLog.config = metadataLogConfig(config);
    const directoryId = readMetaProperties(this.fs, config.metadataLogDir)?.directoryId ?? ZERO_UUID;
    const quorum: RaftQuorum = new RaftQuorum({
      config: raftConfigFor(config, voters, this.clusterId, directoryId), fs: this.fs, log: metadataLog, dir: metadataLog.dir,
      transport: new PeerRaftTransport(this.raftPeers, (id) => quorum.addressOf(id), config.int('controller.quorum.request.timeout.ms') + 1_000),
      nowMs: this.nowMs, random: Math.random, logger: this.log,
      staticVoters: voters, bootstrapServers: config.bootstrapServers, listenerNames: config.controllerListenerNames,
    });
    this.quorum = quorum;
    const client = new ControllerClient({ nodeId: this.nodeId, controller, quorum, publisher, peers: this.controllerPeers, lifecyclePeers: this.lifecyclePeers, nowMs: this.nowMs, timeoutMs: 30_000 });
    this.controllerClient = client;
    this.fetchers = new ReplicaFetchers(
      new PeerFetchTransport(this.replicaPeers, () => publisher.image, interBrokerListenerName(config), config.int('controller.quorum.request.timeout.ms')),
      { nodeId: this.nodeId, maxWaitMs: config.int('replica.fetch.wait.max.ms'), maxBytesPerPartition: config.int('replica.fetch.max.bytes'),
        maxBytesPerResponse: config.int('replica.fetch.response.max.bytes'), backoffMs: 100,
        brokerEpoch: () => this.lifecycle?.epoch ?? -1,
        // The replica manager, made next, holds the throttle (and the topic configs that name it).
        throttle: {
          holds: (p): boolean => replicas.followerHolds(p, this.nowMs()),
          counts: (p): boolean => replicas.followerThrottled(p),
          record: (bytes) => replicas.followerQuota.record(bytes, this.nowMs()),
        } },
      (err) => this.log.debug({ err }, 'replica fetch failed'),
    );
    const replicas: ReplicaManager = new ReplicaManager({
      nodeId: this.nodeId, logDir, config, nowMs: this.nowMs, random: Math.random, fetchers: this.fetchers,
      alterPartition: (req) => client.call(AlterPartitionApi, 3, req), brokerEpoch: () => this.lifecycle?.epoch ?? -1, metrics: this.metrics,
      verifyTxn: config.bool('transaction.partition.verification.enable')
        ? txnVerifier({ peers: this.verifyPeers, image: () => publisher.image, listenerName: interBrokerListenerName(config), timeoutMs: 30_000 }) : undefined,
    });
    this.replicas = replicas;
    const groups = new GroupRuntime({ nodeId: this.nodeId, config, replicas, nowMs: this.nowMs, log: this.log });
    this.groups = groups;
    let services: NodeServices | undefined;
    const transactions = new TxnRuntime({
      nodeId: this.nodeId, config, replicas, peers: this.markerPeers, listenerName: interBrokerListenerName(config),
      image: () => publisher.image, nextProducerId: () => services!.nextProducerId(), nowMs: this.nowMs, log: this.log,
    });
    this.transactions = transactions;
    this.groupAccess = notifyingGroupAccess(groups.access, () => this.changed());
    const snapshots = new SnapshotPolicy(config, quorum, this.nowMs, this.log);
    publisher.subscribe((image) => controller.committedTo(image));
    const catchUp = new BrokerCatchUp(async (image, previous) => {
      await replicas.applyImage(image, previous);
      await groups.applyImage(image);
      await transactions.applyImage(image);
    });
    publisher.subscribe(catchUp.listener);
    this.catchUp = catchUp;
    publisher.subscribe((image) => snapshots.onImage(image));
    publisher.onApplied((image) => this.tasks?.imageApplied(image));

    services = new NodeServices({
      nodeId: this.nodeId, clusterId: this.clusterId, config, nowMs: this.nowMs, publisher, quorum,
      peers: this.controllerPeers, controller: client, replicas, groups: this.groupAccess, transactions: transactions.access,
      caughtUp: () => catchUp.whenOpen(), log: this.log,
    });
    this.listeners = new NodeListeners(config, services, this.log, this.metrics);
    await this.listeners.start();
    this.throwIfStopping();
    this.applyFaults();
    await quorum.start({
      onSnapshot: (records, endOffset, epoch) => publisher.reset(records, endOffset - 1, epoch),
      // One image per advance of the high watermark: replaying a long log at start publishes once,
      // so a topic created and deleted in it never has its partitions made and removed again.
      onCommit: (batch) => publisher.apply(batch, true),
      onCommitsDone: () => publisher.flush(),
      onLeaderChange: (leader, isLocal) => {
        this.metrics.controllerSeen(leader.leaderId, leader.epoch);
        queueMicrotask(() => this.changed());
        if (!isLocal) {
          controller.deactivate();
          client.leaderChanged();
          return;
        }
        controller.activate(publisher.built, this.nowMs());
        this.log.info({ epoch: leader.epoch }, 'this node is now the active controller');
        client.commit(controller.bootstrapRecords(METADATA_VERSION, readBootstrapRecords(this.fs, config.metadataLogDir))).catch((err) => this.log.warn({ err }, 'bootstrap records failed'));
        client.leaderChanged();
      },
    });
    this.quorumStarted = true;
    this.throwIfStopping();
    this.lifecycle = new BrokerLifecycle({
      nodeId: this.nodeId, clusterId: this.clusterId, incarnationId: randomUUID(), config, controller: client, publisher,
      addresses: this.listeners.brokerAddresses(), nowMs: this.nowMs, log: this.log,
      quorumLeaderId: () => quorum.status.leaderId, previousBrokerEpoch: this.previousBrokerEpoch,
    });
    await this.lifecycle.register();
    this.throwIfStopping();
    await catchUp.open();
    this.throwIfStopping();
    const unservable = unservableFeatures(publisher.image.features);
    if (unservable) throw new Error(unservable);
    this.tasks = new BackgroundTasks({ config, logDir, controller, channel: client, replicas, nowMs: this.nowMs, log: this.log });
    this.tasks.start();
    this.state = 'running';
    this.log.info({ clusterId: this.clusterId, listeners: this.brokerAddresses }, 'node started');
  }

  private async openLogDir(): Promise<LogDir> {
    const { config } = this.options;
    const onEvent = storageEventLogger(this.log);
    // One object for every log opened here: resolving the broker defaults once per partition was a
    // visible part of a start with 100,000 partitions.
    const defaults = defaultLogConfig(config);
    const { logDir, events, previousBrokerEpoch } = await LogDir.open({
      fs: this.fs, path: config.logDir, nowMs: this.nowMs, onEvent,
      // Until the image says otherwise (the replica manager applies topic configs), broker defaults.
      configFor: (topic) => (topic === CLUSTER_METADATA_TOPIC ? metadataLogConfig(config) : defaults),
    });
    for (const e of events) onEvent(e);
    this.logDir = logDir;
    this.previousBrokerEpoch = previousBrokerEpoch;
    return logDir;
  }

  /**
   * Graceful stop: controlled shutdown, stop accepting, finish in-flight requests, flush, close.
   * The quorum stops last (until then it commits other brokers' controlled shutdowns). A leader of
   * it resigns first and, with `handOver` (the default), serves on until another voter leads (at
   * most HANDOVER_MS), so the others elect a successor at once instead of after a fetch timeout;
   * without, as when every voter is stopping, it leaves right after resigning.
   */
  stop(options: { handOver?: boolean } = {}): Promise<void> {
    // Once: a second caller (a signal while the cluster stops a failed start) waits for the first.
    this.stopping ??= this.stopOnce(options.handOver ?? true);
    return this.stopping;
  }

  private async stopOnce(handOver: boolean): Promise<void> {
    if (this.state === 'starting') {
      // Stopped while starting (another node of the cluster failed to start, or a signal came):
      // waits for a controller give up, start() unwinds, then whatever it had opened is closed.
      this.state = 'stopping';
      this.lifecycle?.abort();
      this.controllerClient?.stop();
      this.controllerPeers.close();
      this.lifecyclePeers.close();
      await this.starting?.catch(() => undefined);
    } else if (this.state !== 'running') {
      return;
    }
    this.state = 'stopping';
    this.tasks?.stop();
    await this.lifecycle?.shutdown();
    this.controllerClient?.stop();
    // Leads nothing from here: acks=all waits fail and fetch long-polls end, so the broker
    // listeners do not wait them out.
    this.replicas?.abandonAll();
    await this.listeners?.closeBroker(BROKER_CLOSE_GRACE_MS);
    this.fetchers?.stop();
    this.groups?.stop();
    this.transactions?.stop();
    await this.controllerClient?.drain(CONTROLLER_DRAIN_MS);
    if (handOver) this.logHandOver(await this.quorum?.handOver(HANDOVER_MS));
    else this.quorum?.resign();
    await this.quorum?.stop();
    await this.listeners?.closeController(CONTROLLER_CLOSE_GRACE_MS);
    this.closePeers();
    // The marker names the broker epoch these logs were closed under, for the next registration.
    await this.logDir?.close(this.lifecycle?.epoch ?? -1);
    this.releaseDirs();
    this.state = 'stopped';
    this.log.info('node stopped');
  }

  private logHandOver(result: HandOver | undefined): void {
    if (result?.outcome === 'handed-over') this.log.info({ leaderId: result.leaderId, epoch: result.epoch }, 'handed the metadata quorum over');
    else if (result?.outcome === 'timed-out') this.log.warn({ waitedMs: HANDOVER_MS }, 'no other voter took the metadata quorum over in time; stopping anyway');
  }

  /** Crash: drop connections, timers and fetches at once; nothing is flushed or closed. */
  kill(): void {
    this.tasks?.stop();
    this.listeners?.abort();
    this.lifecycle?.abort();
    this.controllerClient?.stop();
    this.fetchers?.stop();
    this.groups?.stop();
    this.transactions?.stop();
    this.replicas?.abandonAll();
    void this.quorum?.stop();
    this.closePeers();
    this.state = 'stopped';
  }

  private closePeers(): void {
    for (const p of [this.raftPeers, this.controllerPeers, this.lifecyclePeers, this.replicaPeers, this.verifyPeers, this.markerPeers]) p.close();
  }
}
