// The small Kafka client the tools share: bootstrap servers, ApiVersions negotiation (the highest
// version both ends speak, so the tools work against Apache Kafka too), metadata and leaders. It
// talks only the public Kafka protocol, with the project's own codecs.
import type { ApiDefinition } from '../../protocol/definition.js';
import { ApiVersionsApi } from '../../protocol/generated/api/18-api-versions.js';
import { MetadataApi, type MetadataResponse } from '../../protocol/generated/api/03-metadata.js';
import { errorName } from '../../protocol/errors.js';
import { PeerClient } from '../../src/node/peer-client.js';
import { UsageError } from '../usage.js';

export interface Address {
  host: string;
  port: number;
}

const TIMEOUT_MS = 30_000;

export class KafkaError extends Error {
  readonly code = 'KRAFTLING_KAFKA';
  constructor(readonly errorCode: number, context: string, message?: string | null) {
    super(`${context}: ${errorName(errorCode)}${message ? ` (${message})` : ''}`);
  }
}

export function parseBootstrap(value: unknown): Address[] {
  if (typeof value !== 'string' || value === '') throw new UsageError('--bootstrap-server host:port is required');
  return value.split(',').map((item) => {
    const m = /^\[?([^\]]*)\]?:(\d+)$/.exec(item.trim());
    if (!m || Number(m[2]) > 65535) throw new UsageError(`--bootstrap-server takes host:port[,host:port...], got "${value}"`);
    return { host: m[1]!, port: Number(m[2]) };
  });
}

export class KafkaClient {
  private readonly peers = new PeerClient('kraftling-cli', 5_000);
  /** Per broker address: api key -> highest version it serves. */
  private readonly versions = new Map<string, Map<number, number>>();
  private brokers = new Map<number, Address>();

  constructor(private readonly bootstrap: Address[]) {}

  close(): void {
    this.peers.close();
  }

  /** Sends to `at` (default: the first bootstrap server that answers) at the best common version. */
  async request<Req, Res>(api: ApiDefinition<Req, Res>, body: Req, at?: Address, maxVersion = api.maxStableVersion): Promise<{ res: Res; version: number }> {
    const targets = at ? [at] : this.bootstrap;
    let last: Error | undefined;
    for (const target of targets) {
      try {
        const served = await this.apiVersions(target);
        const theirs = served.get(api.key);
        if (theirs === undefined) throw new Error(`${target.host}:${target.port} does not serve ${api.name}`);
        const version = Math.min(theirs, maxVersion);
        if (version < api.minVersion) throw new Error(`${target.host}:${target.port} serves ${api.name} only below version ${api.minVersion}`);
        return { res: await this.peers.request(target, api, version, body, TIMEOUT_MS), version };
      } catch (err) {
        last = err as Error;
      }
    }
    throw new Error(`no broker answered: ${last?.message ?? 'no address'}`);
  }

  /** The ApiVersions answer of one broker (cached). */
  async apiVersions(at: Address): Promise<Map<number, number>> {
    const key = `${at.host}:${at.port}`;
    let served = this.versions.get(key);
    if (!served) {
      const res = await this.peers.request(at, ApiVersionsApi, 3, { clientSoftwareName: 'kraftling-cli', clientSoftwareVersion: '1' }, TIMEOUT_MS);
      if (res.errorCode !== 0) throw new KafkaError(res.errorCode, 'ApiVersions');
      served = new Map(res.apiKeys.map((k) => [k.apiKey, k.maxVersion]));
      this.versions.set(key, served);
    }
    return served;
  }

  /** Metadata for the given topics (all when undefined); remembers broker addresses. */
  async metadata(topics?: string[]): Promise<MetadataResponse> {
    const { res } = await this.request(MetadataApi, {
      topics: topics ? topics.map((name) => ({ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name })) : null,
      allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
    });
    this.brokers = new Map(res.brokers.map((b) => [b.nodeId, { host: b.host, port: b.port }]));
    return res;
  }

  broker(nodeId: number): Address {
    const b = this.brokers.get(nodeId);
    if (!b) throw new Error(`broker ${nodeId} is not in the metadata`);
    return b;
  }

  /** Partitions of one topic with their leaders; a KafkaError when the topic does not exist. */
  async partitions(topic: string): Promise<{ partition: number; leader: number; leaderEpoch: number }[]> {
    const md = await this.metadata([topic]);
    const t = md.topics[0];
    if (!t || t.errorCode !== 0) throw new KafkaError(t?.errorCode ?? 3, `topic ${topic}`);
    return t.partitions.map((p) => ({ partition: p.partitionIndex, leader: p.leaderId, leaderEpoch: p.leaderEpoch }))
      .sort((a, b) => a.partition - b.partition);
  }
}

/** Items grouped by a key (a partition's leader, a batch's topic), in first-seen order: requests
 * go one per broker, with one entry per topic. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/** Runs a tool's body with a client, closing it whatever happens; Kafka errors exit 1 with one line. */
export async function withClient(tool: string, values: Record<string, unknown>, body: (c: KafkaClient) => Promise<number>): Promise<number> {
  const client = new KafkaClient(parseBootstrap(values['bootstrap-server']));
  try {
    return await body(client);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    process.stderr.write(`kraftling ${tool}: ${(err as Error).message}\n`);
    return 1;
  } finally {
    client.close();
  }
}
