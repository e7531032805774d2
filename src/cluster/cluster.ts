// The embedded API: start one or more co-located nodes in this process, stop them, and reach
// them, for `kraftling start` and for test suites that want a Kafka in milliseconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProfileName } from '../config/profiles.js';
import { parseProperties } from '../config/properties.js';
import { ServerConfig } from '../config/server-config.js';
import { createLogger, type Logger } from '../logger.js';
import { KraftlingNode, type NodeOptions } from '../node/node.js';
import { clusterIdProblem, randomUuid, readMetaProperties } from '../node/meta-properties.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import { PeerNetwork } from '../node/peer-network.js';
import type { FileSystem } from '../../storage/file-system.js';
import { KillableFileSystem } from '../../storage/killable-file-system.js';
import { MemoryFileSystem } from '../../storage/memory-file-system.js';
import { ClusterFaults } from './cluster-faults.js';
import type { ControlServer } from './control-server.js';
import { resetCluster } from './cluster-reset.js';
import { ChangeHub, ClusterWaits, partitionOf } from './cluster-waits.js';
import { makeEphemeralDir } from './ephemeral-dir.js';
import { freePort } from './free-port.js';

export interface ClusterOptions {
  /** Co-located nodes (default 1). */
  nodes?: number;
  /** Address to listen on and advertise (default 127.0.0.1). */
  host?: string;
  /** First broker port; node i listens on port + i - 1. 0 (the default here) picks free ports. */
  port?: number;
  /** Data directory; node i uses <dataDir>/node-<i>. Default: a temporary directory (ephemeral). */
  dataDir?: string;
  /** Remove the data directory on stop (default: true when no dataDir is given). */
  ephemeral?: boolean;
  /**
   * 'disk' (default), or 'memory': each node keeps its files in memory, behind a page cache of its
   * own, so `kill(id, { powerLoss: true })` can drop what it had not fsynced. Nothing touches the disk.
   */
  storage?: 'disk' | 'memory';
  /** Defaults under the config: 'dev' (default) or 'kafka'. */
  profile?: ProfileName;
  /** A server.properties file (single node). */
  configFile?: string;
  /** broker.rack of each node, in node order (node i gets racks[i - 1]); overrides win. */
  racks?: string[];
  /** More listeners on every node, by name (e.g. ['SASL_SSL']), on free ports; their keys go in overrides. */
  extraListeners?: string[];
  /** Config keys set on top of everything else. */
  overrides?: Record<string, string>;
  clusterId?: string;
  logLevel?: string;
  logger?: Logger;
  /** Aborting it stops the nodes, whatever state their start is in; start() then rejects. */
  signal?: AbortSignal;
  /**
   * host:port of the HTTP listener (/health, /metrics, web console); port 0 picks a free one.
   * Default: the config key kraftling.http.listener, else off.
   */
  http?: string;
}

/** What it takes to make node i again (restart): its config inputs and shared parts. */
interface NodeSpec {
  profile: ProfileName;
  file: ReadonlyMap<string, string> | undefined;
  overrides: Map<string, string>;
  clusterId: string | undefined;
}

export class Cluster {
  private readonly hub = new ChangeHub();
  /** Waits that resolve on the event: controller elected, leader, ISR size, group stable, offset committed. */
  readonly waitFor: ClusterWaits;
  /** Faults with real consequences: isolation, injected errors, latency, interception, dropped connections. */
  readonly faults: ClusterFaults;
  /** host:port of the control endpoint (kraftling.control.listener), when it is on. */
  controlAddress: string | undefined;
  private control: ControlServer | undefined;
  private httpListener: { readonly address: string; close(): Promise<void> } | undefined;

  private constructor(
    readonly nodes: KraftlingNode[],
    readonly dataDir: string,
    private readonly ephemeral: boolean,
    private readonly specs: NodeSpec[],
    private readonly network: PeerNetwork,
    private readonly disks: FileSystem[],
    private readonly logger: Logger,
  ) {
    this.waitFor = new ClusterWaits(this.hub, () => this.reachable(), () => this.controllerId());
    this.faults = new ClusterFaults(network, () => this.nodes.map((n) => n.nodeId), (id) => this.node(id), () => this.hub.notify());
    for (const node of nodes) this.watch(node);
  }

  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await Cluster.startOnce(options);
      } catch (err) {
        // The controller ports were free when probed, but another cluster starting at the same
        // moment (parallel test files) may have taken one since: start again on fresh ports.
        const autoPorts = (options.port === undefined && !options.configFile) || options.port === 0;
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !autoPorts || attempt >= START_ATTEMPTS) throw err;
      }
    }
  }

  private static async startOnce(options: ClusterOptions): Promise<Cluster> {
    const count = options.nodes ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`nodes must be a positive integer, got ${count}`);
    if (options.racks !== undefined && options.racks.length !== count) {
      throw new RangeError(`racks must name one rack per node: ${count} nodes, ${options.racks.length} racks`);
    }
    const idProblem = options.clusterId !== undefined ? clusterIdProblem(options.clusterId) : undefined;
    if (idProblem) throw new RangeError(idProblem);
    const inMemory = options.storage === 'memory';
    const ephemeral = !inMemory && (options.ephemeral ?? options.dataDir === undefined);
    const dataDir = options.dataDir ?? (inMemory ? '/kraftling' : ephemeral ? makeEphemeralDir() : fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-')));
    let made: MadeNodes;
    try {
      made = await createNodes(options, count, dataDir, ephemeral, inMemory);
    } catch (err) {
      if (ephemeral) await fs.promises.rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
      throw err;
    }
    const { nodes, specs, network, disks, logger, configs } = made;
    const cluster = new Cluster(nodes, dataDir, ephemeral, specs, network, disks, logger);
    const abort = (): void => void cluster.stop().catch(() => undefined);
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      if (options.signal?.aborted) throw new Error('start aborted');
      await Promise.all(nodes.map((n) => n.start()));
      for (const n of nodes) network.register(n.nodeId, n.brokerAddresses);
      // Ready means usable from every node: each one's image shows an active controller and every
      // broker unfenced, so a topic created next is led, produced to and read at once.
      await cluster.waitFor.controller();
      await cluster.waitFor.brokersUnfenced();
      await cluster.startControl(configs[0]!.get('kraftling.control.listener'));
      const http = options.http ?? configs[0]!.get('kraftling.http.listener') ?? '';
      if (http !== '') await cluster.startHttp(http, logger);
    } catch (err) {
      // Nodes already started (or starting) stop too, and an ephemeral directory goes with them.
      await cluster.stop().catch(() => undefined);
      throw err;
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
    return cluster;
  }

  /** host:port of every broker, comma separated: what a client's bootstrap.servers takes. */
  get bootstrapServers(): string {
    return this.nodes.flatMap((n) => n.brokerAddresses.slice(0, 1).map((a) => `${a.host}:${a.port}`)).join(',');
  }

  get clusterId(): string {
    return this.nodes[0]!.clusterId;
  }

  /** The node with this id (node.id; 1..N unless a config file says otherwise). */
  node(id: number): KraftlingNode {
    const node = this.nodes.find((n) => n.nodeId === id);
    if (!node) throw new RangeError(`no node ${id} in this cluster (nodes: ${this.nodes.map((n) => n.nodeId).join(', ')})`);
    return node;
  }

  /** The nodes that are up (not killed or stopped). */
  running(): KraftlingNode[] {
    return this.nodes.filter((n) => n.status === 'running');
  }

  /**
   * The running nodes no fault cuts off from the others: what the waits consult, since an isolated
   * node's view (a leadership it lost, an image that no longer moves) is stale by design.
   */
  reachable(): KraftlingNode[] {
    const ids = this.nodes.map((n) => n.nodeId);
    return this.running().filter((n) => !this.network.isCutOff(n.nodeId, ids));
  }

  /** The active controller's node id, as the running nodes see it; undefined during an election. */
  controllerId(): number | undefined {
    const running = this.reachable();
    // An isolated old leader may not know yet that it was replaced: the newest epoch wins.
    let local: KraftlingNode | undefined;
    for (const n of running) {
      if (n.quorumStatus?.role === 'leader' && (local === undefined || n.quorumStatus.epoch > local.quorumStatus!.epoch)) local = n;
    }
    if (local) return local.nodeId;
    // The leader may be a node of another process (one process per node): take it when every
    // node here agrees on it.
    const seen = new Set(running.map((n) => n.quorumStatus?.leaderId));
    const [leaderId] = seen;
    return seen.size === 1 && leaderId !== undefined && leaderId >= 0 && !this.nodes.some((n) => n.nodeId === leaderId) ? leaderId : undefined;
  }

  /** The partition's leader in the newest image any running node has (-1: none); undefined for an unknown partition. */
  leaderOf(topic: string, partition: number): number | undefined {
    let newest: KraftlingNode | undefined;
    for (const n of this.running()) if ((n.metadataImage?.offset ?? -1) > (newest?.metadataImage?.offset ?? -1)) newest = n;
    return partitionOf(newest?.metadataImage, topic, partition)?.leader;
  }

  /**
   * Crash: connections, timers and in-memory state dropped at once, nothing flushed (as SIGKILL;
   * what was written stays in the page cache). With `powerLoss` (storage: 'memory' only), the
   * node's unsynced writes are lost too, as when the machine loses power.
   */
  kill(id: number, options: { powerLoss?: boolean } = {}): void {
    const node = this.node(id);
    const disk = this.disks[this.nodes.indexOf(node)];
    if (options.powerLoss && !(disk instanceof MemoryFileSystem)) throw new RangeError('kill with powerLoss needs Cluster.start({ storage: \'memory\' })');
    node.kill();
    // Whatever the dead node left running touches no file again, as after SIGKILL.
    nodeFiles.get(node)?.kill();
    if (options.powerLoss) (disk as MemoryFileSystem).crash();
    this.hub.notify();
  }

  /** Starts a killed or stopped node again on the same ports and data directory; resolves once it serves. */
  async restart(id: number): Promise<void> {
    const index = this.nodes.findIndex((n) => n.nodeId === id);
    const old = this.node(id);
    if (old.status !== 'stopped') await old.stop();
    const spec = this.specs[index]!;
    const overrides = new Map(spec.overrides);
    // Same ports as before: clients and the other nodes know this node by them.
    const bound = new Map(old.brokerAddresses.map((a) => [a.name, a.port]));
    overrides.set('listeners', old.config.listeners.map((l) => `${l.name}://${l.host}:${l.port === 0 ? bound.get(l.name) ?? 0 : l.port}`).join(','));
    const config = ServerConfig.resolve({ profile: spec.profile, file: spec.file, overrides });
    const node = newNode({ config, logger: this.logger, clusterId: spec.clusterId, fs: this.disks[index]!, network: this.network });
    this.nodes[index] = node;
    this.watch(node);
    await node.start();
    this.hub.notify();
  }

  /** Deletes every user topic and consumer group, leaving the cluster ready for the next test. */
  reset(): Promise<void> {
    return resetCluster(() => this.running(), this.hub);
  }

  /** host:port the HTTP listener is bound to, undefined when it is off. */
  get httpAddress(): string | undefined {
    return this.httpListener?.address;
  }

  /** The listener's code is imported only here, so a cluster without it never loads it. */
  private async startHttp(address: string, logger: Logger): Promise<void> {
    const { startClusterHttp } = await import('./http/cluster-http.js');
    this.httpListener = await startClusterHttp(address, this, logger);
    logger.info({ http: this.httpListener.address }, 'HTTP listener serves /health, /metrics and the web console');
  }

  private async startControl(listener: string | null): Promise<void> {
    if (!listener) return;
    const m = /^(.*):(\d+)$/.exec(listener);
    if (!m) throw new Error(`kraftling.control.listener must be host:port, got "${listener}"`);
    // Imported only when on: a cluster without it loads no HTTP code.
    const { ControlServer } = await import('./control-server.js');
    this.control = new ControlServer(this);
    const bound = await this.control.listen(m[1]!, Number(m[2]));
    this.controlAddress = `${bound.host}:${bound.port}`;
  }

  private watch(node: KraftlingNode): void {
    node.onChange(() => this.hub.notify());
  }

  /**
   * Without an id: stops every node gracefully, then removes an ephemeral data directory. The
   * active controller goes last, so the others' controlled shutdowns still have a controller to
   * commit through. With an id: a controlled shutdown of that node alone.
   */
  async stop(id?: number): Promise<void> {
    if (id !== undefined) {
      await this.node(id).stop();
      this.hub.notify();
      return;
    }
    await this.control?.close();
    await this.httpListener?.close();
    this.httpListener = undefined;
    const active = this.nodes.find((n) => n.quorumStatus?.role === 'leader');
    // Every node stops even when one of them fails to: none may be left running.
    const results = await Promise.allSettled(this.nodes.filter((n) => n !== active).map((n) => n.stop()));
    // The active controller hands over only to a voter outside this process (one node per
    // process): the ones in it have just stopped.
    const ids = new Set(this.nodes.map((n) => n.nodeId));
    const handOver = active?.quorumStatus?.voterIds.some((id) => !ids.has(id)) ?? false;
    if (active) results.push(...(await Promise.allSettled([active.stop({ handOver })])));
    // Asynchronous: a directory of many partitions takes a while to remove, and the event loop is
    // shared with the application's other clusters and clients.
    if (this.ephemeral) await fs.promises.rm(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

interface MadeNodes {
  nodes: KraftlingNode[];
  configs: ServerConfig[];
  specs: NodeSpec[];
  network: PeerNetwork;
  disks: FileSystem[];
  logger: Logger;
}

async function createNodes(options: ClusterOptions, count: number, dataDir: string, ephemeral: boolean, inMemory: boolean): Promise<MadeNodes> {
  const logger = options.logger ?? createLogger({ level: options.logLevel ?? 'info' });
  const file = options.configFile ? parseProperties(fs.readFileSync(options.configFile, 'utf8')) : undefined;
  const controllerPorts = count > 1 ? await controllerPortsFor(options, count) : [];
  const configs: ServerConfig[] = [];
  const specs: NodeSpec[] = [];
  for (let i = 1; i <= count; i++) {
    const overrides = nodeOverrides(options, dataDir, i, file, controllerPorts);
    specs.push({ profile: options.profile ?? 'dev', file, overrides, clusterId: undefined });
    configs.push(ServerConfig.resolve({ profile: options.profile ?? 'dev', file, overrides }));
  }
  // Every node of one cluster formats with the same id: the given one, or the one already on disk.
  // A lone node of a larger quorum (one process per node) leaves it to the node, which derives
  // one from the voters that the other processes derive too.
  const loneVoter = count === 1 && configs[0]!.voters.length > 1;
  const clusterId = options.clusterId ?? (inMemory ? undefined : existingClusterId(configs)) ?? (loneVoter ? undefined : randomUuid());
  // An ephemeral cluster's data dies with it: no fsync is worth waiting for.
  const files = new NodeFileSystem({ durable: !ephemeral });
  const disks = configs.map(() => (inMemory ? new MemoryFileSystem() : files));
  const network = new PeerNetwork();
  for (const spec of specs) spec.clusterId = clusterId;
  const nodes = configs.map((config, i) => {
    for (const w of config.warnings) logger.warn(w);
    network.register(config.nodeId, config.voters.filter((v) => v.id === config.nodeId));
    return newNode({ config, logger, clusterId, fs: disks[i]!, network });
  });
  return { nodes, configs, specs, network, disks, logger };
}

/** Each node's own view of the shared file system, which kill() cuts off. */
const nodeFiles = new WeakMap<KraftlingNode, KillableFileSystem>();

function newNode(options: NodeOptions & { fs: FileSystem }): KraftlingNode {
  const files = new KillableFileSystem(options.fs);
  const node = new KraftlingNode({ ...options, fs: files });
  nodeFiles.set(node, files);
  return node;
}

function existingClusterId(configs: ServerConfig[]): string | undefined {
  const files = new NodeFileSystem({ durable: false });
  for (const c of configs) {
    for (const dir of [c.logDir, c.metadataLogDir]) {
      const meta = files.stat(dir) ? readMetaProperties(files, dir) : undefined;
      if (meta) return meta.clusterId;
    }
  }
  return undefined;
}

/** Controller listener ports: broker port + 100 for fixed ports, else free ones found now. */
async function controllerPortsFor(o: ClusterOptions, count: number): Promise<number[]> {
  if (o.port !== undefined && o.port !== 0) return Array.from({ length: count }, (_, i) => o.port! + CONTROLLER_PORT_OFFSET + i);
  return Promise.all(Array.from({ length: count }, () => freePort(o.host ?? '127.0.0.1')));
}

const CONTROLLER_PORT_OFFSET = 100;
/** Starts on free ports tried before giving up on EADDRINUSE. */
const START_ATTEMPTS = 5;

/** What the cluster sets per node, under --config keys only when the user did not set them. */
function nodeOverrides(o: ClusterOptions, dataDir: string, i: number, file: ReadonlyMap<string, string> | undefined,
  controllerPorts: number[]): Map<string, string> {
  const host = o.host ?? '127.0.0.1';
  const out = new Map<string, string>();
  const fromFile = (k: string): boolean => file?.has(k) === true;
  if (!fromFile('node.id')) out.set('node.id', String(i));
  if (!fromFile('listeners') || o.port !== undefined) {
    const port = o.port === undefined || o.port === 0 ? 0 : o.port + i - 1;
    const controller = controllerPorts.length > 0 ? `,CONTROLLER://${host}:${controllerPorts[i - 1]}` : '';
    const extra = (o.extraListeners ?? []).map((name) => `,${name}://${host}:0`).join('');
    out.set('listeners', `PLAINTEXT://${host}:${port}${controller}${extra}`);
  }
  if (controllerPorts.length > 0) {
    out.set('controller.listener.names', 'CONTROLLER');
    out.set('controller.quorum.voters', controllerPorts.map((p, j) => `${j + 1}@${host}:${p}`).join(','));
    // Several brokers: replicate by default, so killing one shows a leader moving, not data gone.
    const rf = String(Math.min(3, controllerPorts.length));
    for (const k of ['default.replication.factor', 'offsets.topic.replication.factor', 'transaction.state.log.replication.factor']) out.set(k, rf);
    out.set('transaction.state.log.min.isr', String(Math.min(2, controllerPorts.length)));
  }
  if (!fromFile('log.dirs') && !fromFile('log.dir')) out.set('log.dirs', path.join(dataDir, `node-${i}`));
  const rack = o.racks?.[i - 1];
  if (rack !== undefined) out.set('broker.rack', rack);
  for (const [k, v] of Object.entries(o.overrides ?? {})) out.set(k, v);
  return out;
}
