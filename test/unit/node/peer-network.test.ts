// The network seam of in-process fault injection: a request over a cut link is lost (no answer,
// it fails at its timeout or when the connections are reset), other links are untouched.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ApiVersionsApi } from '../../../protocol/generated/api/18-api-versions.js';
import { PeerClient } from '../../../src/node/peer-client.js';
import { PeerNetwork } from '../../../src/node/peer-network.js';

/** A port nobody listens on: a request that reaches the network fails at once (ECONNREFUSED). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function clientOf(network: PeerNetwork, nodeId: number): PeerClient {
  return new PeerClient(`test-${nodeId}`, 1_000, undefined, (host, port) => network.dropped(nodeId, host, port));
}

describe('PeerNetwork', () => {
  it('drops requests over a cut link only, in the cut direction', async () => {
    const port = await closedPort();
    const network = new PeerNetwork();
    network.register(2, [{ host: '127.0.0.1', port }]);
    network.block(1, 2);
    const ask = (client: PeerClient, timeoutMs: number) => client.request({ host: '127.0.0.1', port }, ApiVersionsApi, 0, ApiVersionsApi.defaultRequest(), timeoutMs);
    await expect(ask(clientOf(network, 1), 30)).rejects.toThrow(/link cut/);
    // Node 3's link to node 2 is whole: its request reaches the network (and finds nobody there).
    await expect(ask(clientOf(network, 3), 30)).rejects.toThrow(/ECONNREFUSED/);
    expect(network.isCutOff(1, [1, 2, 3])).toBe(false);
    network.block(3, 1);
    expect(network.isCutOff(1, [1, 2, 3])).toBe(true);
    expect(network.isCutOff(2, [1, 2, 3])).toBe(false);
  });

  it('a lost request fails as soon as the client resets its connections (a healed link does not wait out timeouts)', async () => {
    const network = new PeerNetwork();
    network.register(2, [{ host: '127.0.0.1', port: 1 }]);
    network.block(1, 2);
    const client = clientOf(network, 1);
    const lost = client.request({ host: '127.0.0.1', port: 1 }, ApiVersionsApi, 0, ApiVersionsApi.defaultRequest(), 60_000);
    client.close();
    await expect(lost).rejects.toThrow(/link cut/);
  });
});
