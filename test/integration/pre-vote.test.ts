// Pre-vote on the wire (KIP-996, Vote v2): a voter cut off from the leader finds no quorum that
// would vote for it and so never bumps the epoch; when the cut heals it rejoins as a follower of
// the same leader in the same epoch. Without pre-vote it would campaign in ever higher epochs
// while cut off, and its first Vote after the heal would depose a leader the others still follow.
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { KraftlingNode } from '../../src/node/node.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import { startCluster } from '../helpers/cluster.js';
import { isolatedConfig } from '../helpers/isolated-node.js';
import { retry } from '../helpers/retry.js';

const TIMINGS = { 'controller.quorum.fetch.timeout.ms': '800', 'controller.quorum.election.timeout.ms': '400' };
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe('pre-vote', () => {
  it('a voter that rejoins after a partition does not force a new election', async () => {
    const cluster = await startCluster({ nodes: 3, overrides: TIMINGS });
    cleanups.push(() => cluster.stop());
    const leader = cluster.nodes.find((n) => n.quorumStatus?.role === 'leader')!;
    const victim = cluster.nodes.find((n) => n !== leader)!;
    const others = cluster.nodes.filter((n) => n !== victim);
    const epoch = leader.quorumStatus!.epoch;

    victim.kill();
    const { config, proxies } = await isolatedConfig(victim, others, TIMINGS);
    cleanups.push(() => Promise.all(proxies.map((p) => p.close())));
    const restarted = new KraftlingNode({ config, logger: silentLogger(), clusterId: cluster.clusterId, fs: new NodeFileSystem({ durable: false }) });
    restarted.start().catch(() => undefined);
    cleanups.push(() => restarted.stop());

    // Cut off past its fetch timeout, it looks for an election: as a prospective voter, asking.
    await retry(async () => {
      const role = restarted.quorumStatus?.role;
      if (role !== 'prospective' && role !== 'candidate') throw new Error(`still ${role ?? 'starting'}`);
    }, 20_000, 20);
    expect(restarted.quorumStatus!.epoch).toBe(epoch);

    for (const p of proxies) p.lift();
    await retry(async () => {
      const s = restarted.quorumStatus!;
      if (s.role !== 'follower' || s.leaderId !== leader.nodeId) throw new Error(`${s.role} of ${s.leaderId} in epoch ${s.epoch}`);
    }, 20_000, 20);
    for (const node of [...others, restarted]) {
      expect({ node: node.nodeId, epoch: node.quorumStatus!.epoch }).toEqual({ node: node.nodeId, epoch });
    }
    expect(leader.quorumStatus!.role).toBe('leader');
  });
});
