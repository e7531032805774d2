// UpdateFeatures on the active controller, as Kafka's FeatureControlManager: every update is checked
// against this controller's supported range and each registered broker's, a lower level needs a
// downgrade type, and metadata.version moves down only across levels that changed no record format
// (a "safe" downgrade; Kafka refuses the unsafe kind too). One failed update fails them all, and a
// successful request commits its FeatureLevelRecords as one batch.
import type { UpdateFeaturesRequest, UpdateFeaturesResponse } from '../../protocol/generated/api/57-update-features.js';
import { ErrorCode } from '../../protocol/errors.js';
import { SUPPORTED_FEATURES } from '../broker/features.js';
import type { MetadataImage } from '../metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';
import type { ControllerEnv, ControllerResult } from './env.js';

export const KRAFT_VERSION = 'kraft.version';

export const UpgradeType = { UPGRADE: 1, SAFE_DOWNGRADE: 2, UNSAFE_DOWNGRADE: 3 } as const;

/** Kafka's MetadataVersion levels from 3.3-IV3 on, and whether each changed a record format. */
export const METADATA_VERSIONS: readonly { level: number; release: string; metadataChanged: boolean }[] = [
  { level: 7, release: '3.3-IV3', metadataChanged: true }, { level: 8, release: '3.4-IV0', metadataChanged: true },
  { level: 9, release: '3.5-IV0', metadataChanged: false }, { level: 10, release: '3.5-IV1', metadataChanged: false },
  { level: 11, release: '3.5-IV2', metadataChanged: true }, { level: 12, release: '3.6-IV0', metadataChanged: false },
  { level: 13, release: '3.6-IV1', metadataChanged: true }, { level: 14, release: '3.6-IV2', metadataChanged: true },
  { level: 15, release: '3.7-IV0', metadataChanged: true }, { level: 16, release: '3.7-IV1', metadataChanged: false },
  { level: 17, release: '3.7-IV2', metadataChanged: true }, { level: 18, release: '3.7-IV3', metadataChanged: false },
  { level: 19, release: '3.7-IV4', metadataChanged: false },
];

/** Whether a level between low (exclusive) and high (inclusive) changed metadata: Kafka's checkIfMetadataChanged. */
export function metadataChangedBetween(low: number, high: number): boolean {
  return METADATA_VERSIONS.some((v) => v.level > low && v.level <= high && v.metadataChanged);
}

/** Why `what` cannot serve `level` of a feature, as Kafka's QuorumFeatures.reasonNotSupported words it. */
export function reasonNotSupported(what: string, level: number, range: { minVersion: number; maxVersion: number } | undefined): string | null {
  const r = range ?? { minVersion: 0, maxVersion: 0 };
  if (level >= r.minVersion && level <= r.maxVersion) return null;
  return r.maxVersion === 0 ? `${what} does not support this feature.` : `${what} only supports versions [${r.minVersion}, ${r.maxVersion}]`;
}

type Failure = { errorCode: number; message: string };

export function updateFeatures(_env: ControllerEnv, image: MetadataImage, req: UpdateFeaturesRequest): ControllerResult<UpdateFeaturesResponse> {
  const records: MetadataRecord[] = [];
  for (const u of req.featureUpdates) {
    const failure = checkUpdate(image, u.feature, u.maxVersionLevel, u.upgradeType);
    if (failure) {
      return { records: [], response: { throttleTimeMs: 0, errorCode: failure.errorCode, results: [],
        errorMessage: `The update failed for all features since the following feature had an error: ${failure.message}` } };
    }
    // kraft.version lives in the Raft log, not in FeatureLevelRecords: the node serving the request
    // raises it through the quorum once these records commit (src/broker/kraft-version-update.ts).
    if (u.feature !== KRAFT_VERSION) records.push(record(MetadataRecordType.FEATURE_LEVEL, { name: u.feature, featureLevel: u.maxVersionLevel }));
  }
  const results = req.featureUpdates.map((u) => ({ feature: u.feature, errorCode: ErrorCode.NONE, errorMessage: null }));
  return { records: req.validateOnly ? [] : records, response: { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, results } };
}

function checkUpdate(image: MetadataImage, feature: string, level: number, upgradeType: number): Failure | null {
  const invalid = (why: string): Failure => ({ errorCode: ErrorCode.INVALID_UPDATE_VERSION, message: `Invalid update version ${level} for feature ${feature}. ${why}` });
  if (upgradeType < UpgradeType.UPGRADE || upgradeType > UpgradeType.UNSAFE_DOWNGRADE) return invalid('The controller does not support the given upgrade type.');
  if (level < 0) return invalid('A feature version cannot be less than 0.');
  const local = reasonNotSupported('Local controller', level, SUPPORTED_FEATURES.find((f) => f.name === feature));
  if (local) return invalid(local);
  for (const broker of image.brokers.values()) {
    const reason = reasonNotSupported(`Broker ${broker.id}`, level, brokerRange(broker.features, feature));
    if (reason) return invalid(reason);
  }
  // kraft.version's level and the voters' ranges are the quorum's to check (src/raft/kraft-upgrade.ts).
  if (feature === KRAFT_VERSION) return null;
  const current = image.features.get(feature) ?? 0;
  if (level < current && upgradeType === UpgradeType.UPGRADE) {
    return invalid("Can't downgrade the version of this feature without setting the upgrade type to either safe or unsafe downgrade.");
  }
  if (level > current && upgradeType !== UpgradeType.UPGRADE) return invalid("Can't downgrade to a newer version.");
  if (feature === 'metadata.version' && level < current && metadataChangedBetween(level, current)) {
    return invalid(upgradeType === UpgradeType.UNSAFE_DOWNGRADE
      ? 'Unsafe metadata downgrade is not supported in this version.'
      : 'Refusing to perform the requested downgrade because it might delete metadata information.');
  }
  return null;
}

function brokerRange(features: readonly { name: string; minSupportedVersion: number; maxSupportedVersion: number }[], name: string) {
  const f = features.find((x) => x.name === name);
  return f && { minVersion: f.minSupportedVersion, maxVersion: f.maxSupportedVersion };
}
