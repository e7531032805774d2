// The embedded API: start one or more co-located nodes in this process, stop them, and reach
// them, for `kraftling start` and for test suites that want a Kafka in milliseconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProfileName } from '../config/profiles.js';
import { parseProperties } from '../config/properties.js';
import { ServerConfig } from '../config/server-config.js';
import { createLogger, type Logger } from '../node/logger.js';
import { KraftlingNode } from '../node/node.js';
import { clusterIdProblem, randomUuid, readMetaProperties } from '../node/meta-properties.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
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
  /** Defaults under the config: 'dev' (default) or 'kafka'. */
  profile?: ProfileName;
  /** A server.properties file (single node). */
  configFile?: string;
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

export class Cluster {
  private httpListener: { readonly address: string; close(): Promise<void> } | undefined;

  private constructor(
    readonly nodes: KraftlingNode[],
    readonly dataDir: string,
    private readonly ephemeral: boolean,
  ) {}

  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const count = options.nodes ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`nodes must be a positive integer, got ${count}`);
    const idProblem = options.clusterId !== undefined ? clusterIdProblem(options.clusterId) : undefined;
    if (idProblem) throw new RangeError(idProblem);
    const ephemeral = options.ephemeral ?? options.dataDir === undefined;
    const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-'));
    let nodes: KraftlingNode[] = [];
    try {
      nodes = await createNodes(options, count, dataDir, ephemeral);
    } catch (err) {
      if (ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
    const cluster = new Cluster(nodes, dataDir, ephemeral);
    const abort = (): void => void cluster.stop().catch(() => undefined);
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      if (options.signal?.aborted) throw new Error('start aborted');
      await Promise.all(nodes.map((n) => n.start()));
      const http = options.http ?? nodes[0]!.config.get('kraftling.http.listener') ?? '';
      if (http !== '') await cluster.startHttp(http, options.logger ?? createLogger({ level: options.logLevel ?? 'info' }));
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

  /** host:port the HTTP listener is bound to, undefined when it is off. */
  get httpAddress(): string | undefined {
    return this.httpListener?.address;
  }

  /** The listener's code is imported only here, so a cluster without it never loads it. */
  private async startHttp(address: string, logger: Logger): Promise<void> {
    const { startClusterHttp } = await import('./http/cluster-http.js');
    this.httpListener = await startClusterHttp(address, { clusterId: this.clusterId, nodes: this.nodes }, logger);
    logger.info({ http: this.httpListener.address }, 'HTTP listener serves /health, /metrics and the web console');
  }

  /**
   * Stops every node gracefully, then removes an ephemeral data directory. The active controller
   * goes last, so the others' controlled shutdowns still have a controller to commit through.
   */
  async stop(): Promise<void> {
    await this.httpListener?.close();
    this.httpListener = undefined;
    const active = this.nodes.find((n) => n.quorumStatus?.role === 'leader');
    // Every node stops even when one of them fails to: none may be left running.
    const results = await Promise.allSettled(this.nodes.filter((n) => n !== active).map((n) => n.stop()));
    if (active) results.push(...(await Promise.allSettled([active.stop()])));
    if (this.ephemeral) fs.rmSync(this.dataDir, { recursive: true, force: true });
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

async function createNodes(options: ClusterOptions, count: number, dataDir: string, ephemeral: boolean): Promise<KraftlingNode[]> {
  const logger = options.logger ?? createLogger({ level: options.logLevel ?? 'info' });
  const file = options.configFile ? parseProperties(fs.readFileSync(options.configFile, 'utf8')) : undefined;
  const controllerPorts = count > 1 ? await controllerPortsFor(options, count) : [];
  const configs: ServerConfig[] = [];
  for (let i = 1; i <= count; i++) {
    const overrides = nodeOverrides(options, dataDir, i, file, controllerPorts);
    configs.push(ServerConfig.resolve({ profile: options.profile ?? 'dev', file, overrides }));
  }
  // Every node of one cluster formats with the same id: the given one, or the one already on disk.
  // A lone node of a larger quorum (one process per node) leaves it to the node, which derives
  // one from the voters that the other processes derive too.
  const loneVoter = count === 1 && configs[0]!.voters.length > 1;
  const clusterId = options.clusterId ?? existingClusterId(configs) ?? (loneVoter ? undefined : randomUuid());
  // An ephemeral cluster's data dies with it: no fsync is worth waiting for.
  const files = new NodeFileSystem({ durable: !ephemeral });
  return configs.map((config) => {
    for (const w of config.warnings) logger.warn(w);
    return new KraftlingNode({ config, logger, clusterId, fs: files });
  });
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
    out.set('listeners', `PLAINTEXT://${host}:${port}${controller}`);
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
  for (const [k, v] of Object.entries(o.overrides ?? {})) out.set(k, v);
  return out;
}
