// Three kraftling nodes as three real processes, each started from a server.properties like
// examples/three-node's (free ports, a temp data dir), that the chaos harness kills with SIGKILL and
// starts again. Every node's log goes to <dir>/node-N.log, so a failed run can be diagnosed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeQuorumApi } from '../../protocol/generated/api/55-describe-quorum.js';
import { MetadataApi, type MetadataResponse } from '../../protocol/generated/api/03-metadata.js';
import { freePort } from '../../src/cluster/free-port.js';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/three-node');
export const NODE_IDS = [1, 2, 3] as const;
/** A request that gets no answer in this time counts as "no answer" (the node may be dead or busy). */
const REQUEST_TIMEOUT_MS = 5_000;
/**
 * Small segments, so records cross segment rolls while nodes die (producer state after a roll), and
 * a small metadata log between snapshots, so restarted nodes load and install metadata snapshots.
 */
const EXTRA_PROPERTIES = [
  'log.segment.bytes=32768',
  'metadata.log.segment.bytes=16384',
  'metadata.log.max.record.bytes.between.snapshots=8192',
  'metadata.max.retention.bytes=16384',
];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One request on a fresh connection, with a deadline; undefined when there is no answer. */
export async function ask<T>(address: string, send: (client: RawClient) => Promise<T>): Promise<T | undefined> {
  let client: RawClient | undefined;
  try {
    client = await RawClient.connect(address);
    const c = client;
    return await Promise.race([send(c), sleep(REQUEST_TIMEOUT_MS).then(() => undefined)]);
  } catch {
    return undefined;
  } finally {
    client?.close();
  }
}

export class ChaosCluster {
  /** Node id i + 1 runs in members[i], or nowhere while it is down. */
  private readonly members: (BrokerProcess | undefined)[] = [undefined, undefined, undefined];

  private constructor(
    readonly dir: string,
    private readonly files: string[],
    /** host:port of each node's broker listener, by node id - 1. */
    readonly addresses: string[],
  ) {}

  /** Writes server-N.properties into `dir` with free ports; nothing runs yet. */
  static async create(dir: string): Promise<ChaosCluster> {
    const ports = await Promise.all(Array.from({ length: 6 }, () => freePort('127.0.0.1')));
    const mapping = new Map(['9092', '9093', '9094', '9192', '9193', '9194'].map((p, i) => [p, ports[i]!]));
    const files = NODE_IDS.map((id) => {
      const text = fs.readFileSync(path.join(EXAMPLES, `server-${id}.properties`), 'utf8')
        .replace(/:(9092|9093|9094|9192|9193|9194)\b/g, (_, p: string) => `:${mapping.get(p)}`)
        .replace(/^log\.dirs=.*$/m, `log.dirs=${path.join(dir, `node-${id}`)}`);
      const file = path.join(dir, `server-${id}.properties`);
      fs.writeFileSync(file, `${text}\n${EXTRA_PROPERTIES.join('\n')}\n`);
      return file;
    });
    return new ChaosCluster(dir, files, ports.slice(0, 3).map((p) => `127.0.0.1:${p}`));
  }

  get bootstrap(): string {
    return this.addresses.join(',');
  }

  dataDir(nodeId: number): string {
    return path.join(this.dir, `node-${nodeId}`);
  }

  isUp(nodeId: number): boolean {
    return this.members[nodeId - 1] !== undefined;
  }

  liveAddresses(): string[] {
    return this.addresses.filter((_, i) => this.members[i] !== undefined);
  }

  async startAll(): Promise<void> {
    const started = await Promise.allSettled(NODE_IDS.map((id) => this.start(id)));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Starts a node and resolves once it printed its ready line. */
  async start(nodeId: number): Promise<void> {
    const log = fs.createWriteStream(path.join(this.dir, `node-${nodeId}.log`), { flags: 'a' });
    log.write(`--- start at ${new Date().toISOString()}\n`);
    const member = await startBrokerProcess(['--config', this.files[nodeId - 1]!, '--log-level', 'info'], 60_000)
      .catch((err: Error) => {
        log.end(`${err.message}\n`);
        throw err;
      });
    // Everything written before the ready line is in member.stderr(); the rest streams.
    log.write(member.stderr());
    member.child.stderr!.on('data', (d: Buffer) => log.write(d));
    void member.exited.then((code) => log.end(`--- exit ${code} at ${new Date().toISOString()}\n`));
    this.members[nodeId - 1] = member;
  }

  /** SIGKILL; resolves once the process is gone. */
  async kill(nodeId: number): Promise<void> {
    const member = this.members[nodeId - 1];
    this.members[nodeId - 1] = undefined;
    if (!member) return;
    member.child.kill('SIGKILL');
    await member.exited;
  }

  /** SIGTERM (a graceful stop: controlled shutdown, logs closed whole); SIGKILL if it has not
   * exited within `graceMs`. Resolves once the process is gone, with how it ended. */
  async stop(nodeId: number, graceMs = 30_000): Promise<number | string> {
    const member = this.members[nodeId - 1];
    this.members[nodeId - 1] = undefined;
    if (!member) return 'not running';
    member.child.kill('SIGTERM');
    const timer = setTimeout(() => member.child.kill('SIGKILL'), graceMs);
    const code = await member.exited;
    clearTimeout(timer);
    return code;
  }

  async killAll(): Promise<void> {
    await Promise.all(NODE_IDS.map((id) => this.kill(id)));
  }

  /** Metadata of `topic` as the first live node that answers sees it. */
  async metadata(topic: string): Promise<MetadataResponse | undefined> {
    for (const address of this.liveAddresses()) {
      const res = await ask(address, (c) => c.request(MetadataApi, 12, {
        topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: topic }], allowAutoTopicCreation: false,
        includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
      }));
      if (res && res.topics[0]?.errorCode === 0) return res;
    }
    return undefined;
  }

  /** The metadata quorum's leader as a live node reports it; undefined when none is known. */
  async activeController(): Promise<number | undefined> {
    for (const address of this.liveAddresses()) {
      const res = await ask(address, (c) => c.request(DescribeQuorumApi, 1, {
        topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }],
      }));
      const leader = res?.topics[0]?.partitions[0]?.leaderId;
      if (leader !== undefined && leader >= 0) return leader;
    }
    return undefined;
  }
}
