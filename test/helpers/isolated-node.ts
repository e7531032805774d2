// Restarts a node of an in-process cluster cut off from the other voters: its config reaches each
// of them through a GateProxy that refuses connections until the test lifts it (a network partition
// of that node's outbound traffic; the others still know its real address).
import { expect } from 'vitest';
import { ServerConfig } from '../../src/config/server-config.js';
import type { KraftlingNode } from '../../src/node/node.js';
import { GateProxy } from './gate-proxy.js';

/** The victim's config, with every other voter reached through a proxy that starts closed. */
export async function isolatedConfig(victim: KraftlingNode, others: KraftlingNode[], extra: Record<string, string> = {}):
Promise<{ config: ServerConfig; proxies: GateProxy[] }> {
  const proxies: GateProxy[] = [];
  const voters: string[] = [];
  for (const v of victim.config.voters) {
    if (v.id === victim.nodeId) {
      voters.push(`${v.id}@${v.host}:${v.port}`);
      continue;
    }
    const proxy = await GateProxy.start({ host: v.host, port: v.port });
    proxies.push(proxy);
    voters.push(`${v.id}@127.0.0.1:${proxy.port}`);
  }
  expect(others.length).toBe(proxies.length);
  const overrides = new Map(victim.config.entries().map(([k, v]) => [k, v.value]));
  overrides.set('controller.quorum.voters', voters.join(','));
  for (const [k, v] of Object.entries(extra)) overrides.set(k, v);
  return { config: ServerConfig.resolve({ profile: 'dev', overrides }), proxies };
}
