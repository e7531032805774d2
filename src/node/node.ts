// One kraftling node: a broker and a controller in one (KRaft combined mode). Wires storage, the
// metadata quorum, the image publisher, the controller, the replicas and the listeners, and owns
// their lifecycle: start, graceful stop, and kill (a crash without any cleanup, for fault tests).
import { randomUUID } from 'node:crypto';
import { LogDir } from '../../storage/log-dir.js';
import { METADATA_VERSION } from '../broker/features.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import type { FileSystem } from '../../storage/file-system.js';
import type { ServerConfig } from '../config/server-config.js';
import { QuorumController } from '../controller/quorum-controller.js';
import { CLUSTER_METADATA_TOPIC } from '../controller/topic-names.js';
import { ReplicaManager } from '../replication/replica-manager.js';
import { BackgroundTasks } from './background-tasks.js';
import { BrokerLifecycle } from './broker-lifecycle.js';
import { LocalControllerChannel } from './controller-channel.js';
import type { Logger } from './logger.js';
import { ensureFormatted } from './meta-properties.js';
import { MetadataPublisher } from './metadata-publisher.js';
import type { MetadataQuorum } from './metadata-quorum.js';
import { defaultLogConfig, metadataLogConfig, storageEventLogger } from './node-storage.js';
import { NodeListeners } from './node-listeners.js';
import { NodeServices } from './node-services.js';
import { SingleVoterQuorum } from './single-voter-quorum.js';
import { GroupRuntime } from './group-runtime.js';

export interface NodeOptions {
  config: ServerConfig;
  logger: Logger;
  fs?: FileSystem;
  /** Cluster id for directories formatted now (default: random, or what the directories say). */
  clusterId?: string;
  /** Format unformatted directories on start (default true, as `kraftling start` does). */
  autoFormat?: boolean;
  nowMs?: () => number;
}

export class KraftlingNode {
  readonly nodeId: number;
  clusterId = '';
  private readonly fs: FileSystem;
  private readonly log: Logger;
  private readonly nowMs: () => number;
  private logDir: LogDir | undefined;
  private quorum: MetadataQuorum | undefined;
  private listeners: NodeListeners | undefined;
  private lifecycle: BrokerLifecycle | undefined;
  private tasks: BackgroundTasks | undefined;
  private replicas: ReplicaManager | undefined;
  private groups: GroupRuntime | undefined;
  private state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' = 'new';

  constructor(private readonly options: NodeOptions) {
    this.nodeId = options.config.nodeId;
    this.fs = options.fs ?? new NodeFileSystem();
    this.log = options.logger.child({ node: this.nodeId });
    this.nowMs = options.nowMs ?? Date.now;
  }

  get config(): ServerConfig {
    return this.options.config;
  }

  /** Broker listener addresses as bound (ports resolved when 0 was asked for). */
  get brokerAddresses(): { name: string; host: string; port: number }[] {
    return this.listeners?.brokerAddresses() ?? [];
  }

  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`node ${this.nodeId} was already started`);
    this.state = 'starting';
    const { config } = this.options;
    const dirs = [...new Set([config.logDir, config.metadataLogDir])];
    this.clusterId = await ensureFormatted(this.fs, dirs, this.nodeId,
      { clusterId: this.options.clusterId, autoFormat: this.options.autoFormat ?? true });
    const publisher = new MetadataPublisher((err) => this.log.error({ err }, 'applying metadata failed'));
    const replicas = new ReplicaManager({ nodeId: this.nodeId, logDir: await this.openLogDir(), config, nowMs: this.nowMs });
    this.replicas = replicas;
    const controller = new QuorumController({ config, random: Math.random }, this.clusterId);
    publisher.subscribe((image) => controller.committedTo(image));
    publisher.subscribe((image, previous) => replicas.applyImage(image, previous));
    const groups = new GroupRuntime({ nodeId: this.nodeId, config, replicas, nowMs: this.nowMs, log: this.log });
    this.groups = groups;
    publisher.subscribe((image) => groups.applyImage(image));

    const metadataLog = await this.logDir!.getOrCreate(CLUSTER_METADATA_TOPIC, 0);
    metadataLog.config = metadataLogConfig(config);
    const quorum = new SingleVoterQuorum(this.nodeId, metadataLog, this.nowMs);
    this.quorum = quorum;
    const channel = new LocalControllerChannel(quorum, controller, publisher);
    let replaying = true;
    await quorum.start({
      onCommit: (batch) => publisher.apply(batch, replaying),
      onLeaderChange: (_state, isLocal) => {
        publisher.flush();
        if (isLocal) controller.activate(publisher.built, this.nowMs());
        else controller.deactivate();
      },
    });
    replaying = false;
    publisher.flush();
    await publisher.settled();

    const services = new NodeServices({ nodeId: this.nodeId, clusterId: this.clusterId, config, nowMs: this.nowMs, publisher, quorum, channel, controller, replicas, groups: groups.access });
    this.listeners = new NodeListeners(config, services, this.log);
    await this.listeners.start();
    this.lifecycle = new BrokerLifecycle({
      nodeId: this.nodeId, clusterId: this.clusterId, incarnationId: randomUUID(), config, controller, channel, publisher,
      addresses: this.listeners.brokerAddresses(), nowMs: this.nowMs, log: this.log,
    });
    await channel.commit(controller.bootstrapRecords(METADATA_VERSION));
    await this.lifecycle.register();
    this.tasks = new BackgroundTasks({ config, logDir: this.logDir!, controller, channel, nowMs: this.nowMs, log: this.log });
    this.tasks.start();
    this.state = 'running';
    this.log.info({ clusterId: this.clusterId, listeners: this.brokerAddresses }, 'node started');
  }

  private async openLogDir(): Promise<LogDir> {
    const { config } = this.options;
    const onEvent = storageEventLogger(this.log);
    const { logDir, events } = await LogDir.open({
      fs: this.fs, path: config.logDir, nowMs: this.nowMs,
      // Until the image says otherwise (the replica manager applies topic configs), broker defaults.
      configFor: (topic) => (topic === CLUSTER_METADATA_TOPIC ? metadataLogConfig(config) : defaultLogConfig(config)),
    });
    for (const e of events) onEvent(e);
    this.logDir = logDir;
    return logDir;
  }

  /** Graceful stop: stop accepting, finish in-flight requests, controlled shutdown, flush, close. */
  async stop(): Promise<void> {
    if (this.state !== 'running' && this.state !== 'starting') return;
    this.state = 'stopping';
    this.tasks?.stop();
    await this.listeners?.close(5_000);
    await this.lifecycle?.shutdown();
    this.groups?.stop();
    this.replicas?.abandonAll();
    await this.quorum?.stop();
    await this.logDir?.close();
    this.state = 'stopped';
    this.log.info('node stopped');
  }

  /** Crash: drop connections and timers at once; nothing is flushed or closed. */
  kill(): void {
    this.tasks?.stop();
    this.listeners?.abort();
    this.lifecycle?.abort();
    this.groups?.stop();
    this.replicas?.abandonAll();
    this.state = 'stopped';
  }
}
