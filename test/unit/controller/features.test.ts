// UpdateFeatures and registration against finalized levels on the controller, sans IO: each
// broker's registered range bounds what can be finalized, and a broker outside a finalized level
// cannot register.
import { describe, expect, it } from 'vitest';
import { defaultBrokerRegistrationRequest } from '../../../protocol/generated/api/62-broker-registration.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { registerBroker } from '../../../src/controller/brokers.js';
import { metadataChangedBetween, updateFeatures, UpgradeType } from '../../../src/controller/features.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { applyRecords } from '../../helpers/metadata-images.js';
import { controllerEnv } from './harness.js';

const level = (featureLevel: number) => record(MetadataRecordType.FEATURE_LEVEL, { name: 'metadata.version', featureLevel });
const broker = (id: number, max: number) => record(MetadataRecordType.REGISTER_BROKER, {
  brokerId: id, isMigratingZkBroker: false, incarnationId: `incarnation-${id}-AAAAAAAA`.slice(0, 22), brokerEpoch: 10 + id, endPoints: [],
  features: [{ name: 'metadata.version', minSupportedVersion: 7, maxSupportedVersion: max }], rack: null, fenced: false, inControlledShutdown: false, logDirs: [],
});
const update = (maxVersionLevel: number, upgradeType: number, validateOnly = false) => ({
  timeoutMs: 1000, validateOnly, featureUpdates: [{ feature: 'metadata.version', maxVersionLevel, allowDowngrade: upgradeType !== 1, upgradeType }],
});

describe('updateFeatures', () => {
  it('refuses a level a registered broker cannot serve, naming the broker', () => {
    const image = applyRecords(EMPTY_IMAGE, [level(17), broker(1, 19), broker(2, 18)]);
    const res = updateFeatures(controllerEnv(), image, update(19, UpgradeType.UPGRADE));
    expect(res.records).toEqual([]);
    expect(res.response.errorCode).toBe(ErrorCode.INVALID_UPDATE_VERSION);
    expect(res.response.errorMessage).toContain('Broker 2 only supports versions [7, 18]');
    expect(updateFeatures(controllerEnv(), image, update(18, UpgradeType.UPGRADE)).records).toEqual([level(18)]);
  });

  it('downgrades metadata.version only over levels that changed no record format', () => {
    expect(metadataChangedBetween(18, 19)).toBe(false);
    expect(metadataChangedBetween(16, 19)).toBe(true);
    const image = applyRecords(EMPTY_IMAGE, [level(19)]);
    expect(updateFeatures(controllerEnv(), image, update(18, UpgradeType.SAFE_DOWNGRADE)).records).toEqual([level(18)]);
    expect(updateFeatures(controllerEnv(), image, update(16, UpgradeType.SAFE_DOWNGRADE)).response.errorMessage).toContain('might delete metadata information');
    expect(updateFeatures(controllerEnv(), image, update(18, UpgradeType.SAFE_DOWNGRADE, true)).records).toEqual([]);
  });
});

describe('registerBroker', () => {
  it('refuses a broker whose range leaves out the finalized level', () => {
    const image = applyRecords(EMPTY_IMAGE, [level(19)]);
    const req = (max: number) => ({ ...defaultBrokerRegistrationRequest(), clusterId: 'c', brokerId: 3, incarnationId: 'AAAAAAAAAAAAAAAAAAAAAw',
      features: [{ name: 'metadata.version', minSupportedVersion: 7, maxSupportedVersion: max }] });
    expect(registerBroker(image, 'c', req(18), 5, () => false).response.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(registerBroker(image, 'c', req(19), 5, () => false).response.errorCode).toBe(ErrorCode.NONE);
  });
});
