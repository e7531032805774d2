// Real brokers for tests: in-process clusters on ephemeral ports with temporary data directories,
// and kafkajs clients pointed at them.
import { afterAll, beforeAll } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Cluster, type ClusterOptions } from '../../src/cluster/cluster.js';
import { silentLogger } from '../../src/logger.js';

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  return Cluster.start({ port: 0, logger: silentLogger(), ...options });
}

/**
 * For three nodes in one process: loose quorum timeouts (they share one event loop), and session
 * and lag bounds that keep a dead follower in the ISR for seconds, long enough for a request sent
 * right after the kill to be appended before the ISR shrinks.
 */
export const THREE_NODE_OVERRIDES: Readonly<Record<string, string>> = {
  'controller.quorum.fetch.timeout.ms': '2000', 'controller.quorum.election.timeout.ms': '1000',
  'broker.session.timeout.ms': '6000', 'replica.lag.time.max.ms': '5000',
};

/** host:port of node `id`'s first broker listener, for a client of that node alone. */
export function brokerAddress(cluster: Cluster, id: number): string {
  const { host, port } = cluster.node(id).brokerAddresses[0]!;
  return `${host}:${port}`;
}

export function kafkaClient(cluster: Cluster | string, clientId = 'kraftling-test'): Kafka {
  const brokers = (typeof cluster === 'string' ? cluster : cluster.bootstrapServers).split(',');
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50 } });
}

/** A cluster and a connected kafkajs admin for a test file: started before its tests, stopped after. */
export function clusterWithAdmin(options: ClusterOptions = {}): { cluster: Cluster; admin: Admin } {
  const ctx = {} as { cluster: Cluster; admin: Admin };
  beforeAll(async () => {
    ctx.cluster = await startCluster(options);
    ctx.admin = kafkaClient(ctx.cluster).admin();
    await ctx.admin.connect();
  });
  afterAll(async () => {
    await ctx.admin?.disconnect();
    await ctx.cluster?.stop();
  });
  return ctx;
}
