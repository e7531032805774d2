// A three-node KRaft cluster as an operator runs one: three `kraftling start --config` processes,
// each from its own server.properties with Kafka's keys, durable (no --ephemeral, so the metadata
// log is fsynced as in production). And DescribeQuorum, the bench's probe of who leads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeQuorumApi, type DescribeQuorumResponsePartitionData } from '../../protocol/generated/api/55-describe-quorum.js';
import { freePort } from '../../src/cluster/free-port.js';
import { spawnBroker, type BrokerProcess } from './broker-process.js';
import { BenchConnection } from './raw-client.js';

export type QuorumPartition = DescribeQuorumResponsePartitionData;

export const VOTERS = 3;
const HOST = '127.0.0.1';
/** How often a poll asks again: a few ms, well under the dev profile's 300 ms election timeout. */
export const POLL_INTERVAL_MS = 5;
/** A probe that gets no answer in this time counts as "no leader known". */
const PROBE_TIMEOUT_MS = 1_000;
const POLL_TIMEOUT_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The quorum as one broker listener describes it; undefined when it does not answer (in time). */
export async function describeQuorum(address: string): Promise<QuorumPartition | undefined> {
  let conn: BenchConnection | undefined;
  try {
    conn = await BenchConnection.connect(address);
    const answer = conn.request(DescribeQuorumApi, 1, { topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }] });
    const res = await Promise.race([answer, sleep(PROBE_TIMEOUT_MS).then(() => undefined)]);
    return res?.errorCode === 0 ? res.topics[0]?.partitions[0] : undefined;
  } catch {
    // Not listening yet, or gone: no answer.
    return undefined;
  } finally {
    conn?.close();
  }
}

export interface QuorumAnswer {
  partition: QuorumPartition;
  /** When the answer arrived, on performance.now()'s clock. */
  at: number;
}

/** Asks every address every POLL_INTERVAL_MS until one answer satisfies `accept`. */
export async function pollQuorum(addresses: readonly string[], accept: (p: QuorumPartition) => boolean, what: string): Promise<QuorumAnswer> {
  const deadline = performance.now() + POLL_TIMEOUT_MS;
  let found: QuorumAnswer | undefined;
  const loop = async (address: string): Promise<void> => {
    while (!found && performance.now() < deadline) {
      const partition = await describeQuorum(address);
      if (partition && accept(partition)) {
        found ??= { partition, at: performance.now() };
        return;
      }
      await sleep(POLL_INTERVAL_MS);
    }
  };
  await Promise.all(addresses.map(loop));
  if (!found) throw new Error(`DescribeQuorum: ${what} not seen in ${POLL_TIMEOUT_MS} ms`);
  return found;
}

/** server.properties of node `id`, as Kafka's own docs write them for combined mode. */
function serverProperties(id: number, dir: string, brokerPorts: number[], controllerPorts: number[], extra: readonly string[]): string {
  return [
    'process.roles=broker,controller',
    `node.id=${id}`,
    `controller.quorum.voters=${controllerPorts.map((p, i) => `${i + 1}@${HOST}:${p}`).join(',')}`,
    `listeners=PLAINTEXT://${HOST}:${brokerPorts[id - 1]},CONTROLLER://${HOST}:${controllerPorts[id - 1]}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${path.join(dir, `node-${id}`)}`,
    `default.replication.factor=${VOTERS}`,
    `offsets.topic.replication.factor=${VOTERS}`,
    ...extra,
    '',
  ].join('\n');
}

export class ProcessCluster {
  /** Node id i + 1 runs in members[i], or nowhere while it is down. */
  readonly members: (BrokerProcess | undefined)[] = [];

  private constructor(
    private readonly dir: string,
    private readonly files: string[],
    /** host:port of each node's broker listener, by node id - 1. */
    readonly brokerAddresses: string[],
  ) {}

  /** Free ports and a fresh data directory; nothing runs yet. `extra`: more server.properties lines. */
  static async create(extra: readonly string[] = []): Promise<ProcessCluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-bench-kraft-'));
    const ports = await Promise.all(Array.from({ length: 2 * VOTERS }, () => freePort(HOST)));
    const brokerPorts = ports.slice(0, VOTERS);
    const controllerPorts = ports.slice(VOTERS);
    const files = Array.from({ length: VOTERS }, (_, i) => {
      const file = path.join(dir, `server-${i + 1}.properties`);
      fs.writeFileSync(file, serverProperties(i + 1, dir, brokerPorts, controllerPorts, extra));
      return file;
    });
    return new ProcessCluster(dir, files, brokerPorts.map((p) => `${HOST}:${p}`));
  }

  /** Spawns every node at once (each waits for a controller); resolves once all are ready. */
  async startAll(): Promise<void> {
    const started = await Promise.allSettled(this.files.map((_, i) => this.startNode(i + 1)));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async startNode(nodeId: number): Promise<void> {
    this.members[nodeId - 1] = await spawnBroker(['--config', this.files[nodeId - 1]!, '--log-level', 'warn']);
  }

  /** SIGTERM (a graceful stop); resolves once the process is gone. */
  async stopNode(nodeId: number): Promise<void> {
    const member = this.members[nodeId - 1];
    this.members[nodeId - 1] = undefined;
    await member?.stop();
  }

  /** kill -9; resolves once the process is gone. */
  async killNode(nodeId: number): Promise<void> {
    const member = this.members[nodeId - 1];
    this.members[nodeId - 1] = undefined;
    await member?.kill();
  }

  /** Whether a node's log directory still holds a directory of `topic`'s partitions (a deleted
   * topic's stay until the broker has removed them). */
  holdsTopic(topic: string): boolean {
    return this.files.some((_, i) => {
      const logDir = path.join(this.dir, `node-${i + 1}`);
      return fs.existsSync(logDir) && fs.readdirSync(logDir).some((name) => name.startsWith(`${topic}-`));
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m?.stop()));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
