// Helpers for the security tests: a listener's address, and a request that tells whether the
// server answered or closed the connection.
import type { Cluster } from '../../src/cluster/cluster.js';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { RawClient } from './raw-client.js';

/** host:port of node `index`'s listener of that name. */
export function listenerAddress(cluster: Cluster, name: string, index = 0): string {
  const a = cluster.nodes[index]!.brokerAddresses.find((l) => l.name === name);
  if (!a) throw new Error(`no ${name} listener`);
  return `${a.host}:${a.port}`;
}

/** Sends Metadata (all topics) unauthenticated: 'answered', or 'closed' when the server hung up. */
export async function metadataProbe(address: string): Promise<'answered' | 'closed'> {
  const client = await RawClient.connect(address);
  try {
    await client.request(MetadataApi, 1, { ...MetadataApi.defaultRequest(), topics: null });
    return 'answered';
  } catch {
    return 'closed';
  } finally {
    client.close();
  }
}
