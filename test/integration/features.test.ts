// Feature levels through UpdateFeatures, with `kraftling features` and raw requests over TCP on a
// three-node cluster: a safe metadata.version downgrade and the upgrade back, the refusals Kafka
// gives (unsafe downgrades, a level no node supports, a downgrade without a downgrade type), and
// the finalized level surviving the loss of the active controller and a node restart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UpdateFeaturesApi } from '../../protocol/generated/api/57-update-features.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { Cluster } from '../../src/index.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';

let cluster: Cluster;
let bootstrap: string;
beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
  bootstrap = cluster.bootstrapServers;
});
afterAll(() => cluster?.stop());

const features = (...args: string[]) => runInProcess(['features', '--bootstrap-server', bootstrap, ...args]);

/** Resolves once every running node's image has metadata.version at `level`. */
function everyNodeAt(level: number): Promise<unknown> {
  return cluster.waitFor.condition(() => cluster.running().every((n) => n.metadataImage?.features.get('metadata.version') === level) || undefined, `metadata.version ${level} everywhere`);
}

it('describes, dry-runs, downgrades safely and upgrades metadata.version', async () => {
  const described = await features('describe');
  expect(described.stdout).toMatch(/Feature: metadata\.version\tSupportedMinVersion: 3\.3-IV3\tSupportedMaxVersion: 3\.7-IV4\tFinalizedVersionLevel: 3\.7-IV4/);

  const dry = await features('downgrade', '--metadata', '3.7-IV3', '--dry-run');
  expect(dry).toMatchObject({ code: 0, stdout: 'metadata.version can be downgraded to 18.\n' });
  expect(cluster.running().every((n) => n.metadataImage?.features.get('metadata.version') === 19)).toBe(true);

  expect(await features('downgrade', '--metadata', '3.7-IV3')).toMatchObject({ code: 0, stdout: 'metadata.version was downgraded to 18.\n' });
  await everyNodeAt(18);
  expect((await features('describe')).stdout).toContain('FinalizedVersionLevel: 3.7-IV3');

  expect(await features('upgrade', '--metadata', '3.7')).toMatchObject({ code: 0, stdout: 'metadata.version was upgraded to 19.\n' });
  await everyNodeAt(19);
});

it('refuses what Kafka refuses, with its reasons', async () => {
  const unsafe = await features('downgrade', '--metadata', '3.6');
  expect(unsafe.code).toBe(1);
  expect(unsafe.stdout).toContain('Refusing to perform the requested downgrade because it might delete metadata information.');
  expect((await features('downgrade', '--metadata', '3.6', '--unsafe')).stdout).toContain('Unsafe metadata downgrade is not supported in this version.');
  expect((await features('upgrade', '--feature', 'metadata.version=20')).stdout).toContain('only supports versions [7, 19]');
  expect((await features('upgrade', '--feature', 'no.such.feature=1')).stdout).toContain('does not support this feature.');
  expect((await features('frobnicate')).code).toBe(2); // a usage error

  // v0 has no upgrade type: without allow_downgrade a lower level is refused; one failure fails all.
  const client = await RawClient.connect(bootstrap);
  try {
    const res = await client.request(UpdateFeaturesApi, 0, {
      timeoutMs: 5000, validateOnly: false, featureUpdates: [
        { feature: 'metadata.version', maxVersionLevel: 18, allowDowngrade: false, upgradeType: 1 },
      ],
    });
    expect(res.errorCode).toBe(ErrorCode.INVALID_UPDATE_VERSION);
    expect(res.errorMessage).toContain("Can't downgrade the version of this feature without setting the upgrade type");
    const ok = await client.request(UpdateFeaturesApi, 2, {
      timeoutMs: 5000, validateOnly: true, featureUpdates: [{ feature: 'metadata.version', maxVersionLevel: 18, allowDowngrade: true, upgradeType: 2 }],
    });
    expect(ok).toMatchObject({ errorCode: 0, results: [] });
  } finally {
    client.close();
  }
  await everyNodeAt(19);
});

it('keeps the finalized level when the active controller is killed and a node restarts', async () => {
  expect((await features('downgrade', '--metadata', '3.7-IV3')).code).toBe(0);
  await everyNodeAt(18);
  const old = cluster.controllerId()!;
  cluster.kill(old);
  await cluster.waitFor.condition(() => { const id = cluster.controllerId(); return id !== undefined && id !== old ? id : undefined; }, 'a new controller');
  await cluster.restart(old);
  await everyNodeAt(18);
  // The new controller serves the next change from the same committed level.
  expect((await features('upgrade', '--metadata', '3.7-IV4')).code).toBe(0);
  await everyNodeAt(19);
});
