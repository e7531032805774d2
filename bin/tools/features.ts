// `kraftling features`, as kafka-features: describe what every node supports and what is finalized,
// and upgrade, downgrade or disable features with UpdateFeatures (forwarded to the active
// controller). metadata.version takes Kafka release names (`--metadata 3.7`, `3.7-IV4`) or levels.
import { ApiVersionsApi } from '../../protocol/generated/api/18-api-versions.js';
import { UpdateFeaturesApi } from '../../protocol/generated/api/57-update-features.js';
import { METADATA_VERSIONS, UpgradeType } from '../../src/controller/features.js';
import { UsageError } from '../usage.js';
import { KafkaError, withClient } from './kafka-client.js';

/** A metadata.version level from a release name (`3.7` means its last IV) or a number. */
export function metadataLevel(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const matches = METADATA_VERSIONS.filter((v) => v.release === text || v.release.startsWith(`${text}-`));
  if (matches.length === 0) throw new UsageError(`unknown metadata.version ${text}: kraftling knows ${METADATA_VERSIONS[0]!.release} to ${METADATA_VERSIONS.at(-1)!.release}`);
  return matches.at(-1)!.level;
}

function releaseOf(level: number): string {
  return METADATA_VERSIONS.find((v) => v.level === level)?.release ?? String(level);
}

async function describe(values: Record<string, unknown>): Promise<number> {
  return withClient('features', values, async (client) => {
    const { res } = await client.request(ApiVersionsApi, { clientSoftwareName: 'kraftling-cli', clientSoftwareVersion: '1' }, undefined, 3);
    if (res.errorCode !== 0) throw new KafkaError(res.errorCode, 'ApiVersions');
    const finalized = new Map(res.finalizedFeatures.map((f) => [f.name, f.maxVersionLevel]));
    for (const f of [...res.supportedFeatures].sort((a, b) => a.name.localeCompare(b.name))) {
      const show = (level: number | undefined): string => level === undefined ? '-' : f.name === 'metadata.version' ? releaseOf(level) : String(level);
      process.stdout.write(`Feature: ${f.name}\tSupportedMinVersion: ${show(f.minVersion)}\tSupportedMaxVersion: ${show(f.maxVersion)}\tFinalizedVersionLevel: ${show(finalized.get(f.name))}\tEpoch: ${res.finalizedFeaturesEpoch}\n`);
    }
    return 0;
  });
}

/** The updates an upgrade, downgrade or disable names: `--metadata`, `--release-version`, `--feature name=level`. */
function wantedLevels(action: string, values: Record<string, unknown>): Map<string, number> {
  const out = new Map<string, number>();
  const metadata = (values.metadata ?? values['release-version']) as string | undefined;
  if (metadata !== undefined) out.set('metadata.version', metadataLevel(metadata));
  for (const spec of (values.feature as string[] | undefined) ?? []) {
    const [name, level] = action === 'disable' ? [spec, '0'] : spec.split('=');
    if (!name || level === undefined || !/^\d+$/.test(level)) throw new UsageError(`--feature takes name=level, got ${spec}`);
    out.set(name, name === 'metadata.version' ? metadataLevel(level) : Number(level));
  }
  if (out.size === 0) throw new UsageError(`${action} needs --metadata, --release-version or --feature`);
  return out;
}

async function update(action: string, values: Record<string, unknown>): Promise<number> {
  const levels = wantedLevels(action, values);
  const upgradeType = action === 'upgrade' ? UpgradeType.UPGRADE : values.unsafe ? UpgradeType.UNSAFE_DOWNGRADE : UpgradeType.SAFE_DOWNGRADE;
  const dryRun = values['dry-run'] === true;
  return withClient('features', values, async (client) => {
    const { res } = await client.request(UpdateFeaturesApi, {
      timeoutMs: 30_000, validateOnly: dryRun,
      featureUpdates: [...levels].map(([feature, level]) => ({ feature, maxVersionLevel: level, allowDowngrade: upgradeType !== UpgradeType.UPGRADE, upgradeType })),
    }, undefined, 1);
    const verb = action === 'upgrade' ? 'upgraded' : action === 'downgrade' ? 'downgraded' : 'disabled';
    for (const [feature, level] of levels) {
      const failed = res.errorCode !== 0 ? res : res.results.find((r) => r.feature === feature && r.errorCode !== 0);
      if (failed) process.stdout.write(`Could not ${action} ${feature} to ${level}. ${failed.errorMessage ?? ''}\n`);
      else process.stdout.write(dryRun ? `${feature} can be ${verb} to ${level}.\n` : `${feature} was ${verb} to ${level}.\n`);
    }
    return res.errorCode !== 0 || res.results.some((r) => r.errorCode !== 0) ? 1 : 0;
  });
}

export async function runFeatures(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const action = positionals[0];
  if (action === 'describe') return describe(values);
  if (action === 'upgrade' || action === 'downgrade' || action === 'disable') return update(action, values);
  throw new UsageError('the actions are describe, upgrade, downgrade and disable');
}
