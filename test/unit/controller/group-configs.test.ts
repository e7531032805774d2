// Group configs (KIP-848) on the controller: IncrementalAlterConfigs and AlterConfigs on resource
// type GROUP become ConfigRecords once the group's whole config passes Kafka's GroupConfig checks
// (known names, integers, within the broker's group.consumer.min/max bounds, session timeout above
// heartbeat interval); anything else gets INVALID_CONFIG (INVALID_REQUEST for the empty name) and
// writes nothing.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { alterConfigs, incrementalAlterConfigs } from '../../../src/controller/configs.js';
import { EMPTY_IMAGE, groupConfigs, type MetadataImage } from '../../../src/metadata/image.js';
import { applyRecords } from '../../helpers/metadata-images.js';
import { controllerEnv } from './harness.js';

const GROUP = 32;
const SET = 0;
const DELETE = 1;

function alter(image: MetadataImage, name: string, configs: [string, number, string | null][], overrides: Record<string, string> = {}) {
  const r = incrementalAlterConfigs(controllerEnv(overrides), image, {
    resources: [{ resourceType: GROUP, resourceName: name, configs: configs.map(([n, configOperation, value]) => ({ name: n, configOperation, value })) }],
    validateOnly: false,
  });
  return { response: r.response.responses[0]!, image: applyRecords(image, r.records), records: r.records };
}

describe('group configs on the controller', () => {
  it('sets and deletes a group\'s keys as ConfigRecords', () => {
    const set = alter(EMPTY_IMAGE, 'g', [['consumer.session.timeout.ms', SET, '50000'], ['consumer.heartbeat.interval.ms', SET, '6000']]);
    expect(set.response.errorCode).toBe(ErrorCode.NONE);
    expect(Object.fromEntries(groupConfigs(set.image, 'g'))).toEqual({ 'consumer.session.timeout.ms': '50000', 'consumer.heartbeat.interval.ms': '6000' });
    expect(groupConfigs(set.image, 'other').size).toBe(0);
    const deleted = alter(set.image, 'g', [['consumer.session.timeout.ms', DELETE, null]]);
    expect(deleted.response.errorCode).toBe(ErrorCode.NONE);
    expect(Object.fromEntries(groupConfigs(deleted.image, 'g'))).toEqual({ 'consumer.heartbeat.interval.ms': '6000' });
  });

  it('checks values against the broker\'s bounds, with Kafka\'s messages', () => {
    const cases: [[string, number, string | null][], string][] = [
      [[['consumer.session.timeout.ms', SET, '1000']], 'consumer.session.timeout.ms must be greater than or equal to group.consumer.min.session.timeout.ms'],
      [[['consumer.session.timeout.ms', SET, '70000']], 'consumer.session.timeout.ms must be less than or equal to group.consumer.max.session.timeout.ms'],
      [[['consumer.heartbeat.interval.ms', SET, '100']], 'consumer.heartbeat.interval.ms must be greater than or equal to group.consumer.min.heartbeat.interval.ms'],
      [[['consumer.heartbeat.interval.ms', SET, '20000']], 'consumer.heartbeat.interval.ms must be less than or equal to group.consumer.max.heartbeat.interval.ms'],
      [[['consumer.session.timeout.ms', SET, 'soon']], 'Invalid value soon for configuration consumer.session.timeout.ms: "soon" is not an integer'],
      [[['share.session.timeout.ms', SET, '50000']], 'Unknown group config name: share.session.timeout.ms'],
    ];
    for (const [configs, message] of cases) {
      const r = alter(EMPTY_IMAGE, 'g', configs);
      expect(r.response).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG, errorMessage: message });
      expect(r.records).toEqual([]);
    }
  });

  it('checks the whole config after the change: the session timeout must stay above the heartbeat interval', () => {
    // The keys a group does not set count at the broker's values (heartbeat interval 5000 here).
    const env = { 'group.consumer.min.session.timeout.ms': '1000', 'group.consumer.min.heartbeat.interval.ms': '100' };
    expect(alter(EMPTY_IMAGE, 'g', [['consumer.session.timeout.ms', SET, '3000']], env).response.errorCode).toBe(ErrorCode.INVALID_CONFIG);
    expect(alter(EMPTY_IMAGE, 'g', [['consumer.session.timeout.ms', SET, '3000']], { ...env, 'group.consumer.heartbeat.interval.ms': '1000' }).response.errorCode)
      .toBe(ErrorCode.NONE);
    const first = alter(EMPTY_IMAGE, 'g', [['consumer.session.timeout.ms', SET, '3000'], ['consumer.heartbeat.interval.ms', SET, '1000']], env);
    expect(first.response.errorCode).toBe(ErrorCode.NONE);
    const clash = alter(first.image, 'g', [['consumer.heartbeat.interval.ms', SET, '3000']], env);
    expect(clash.response).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG, errorMessage: 'consumer.session.timeout.ms must be greater than consumer.heartbeat.interval.ms' });
    expect(alter(first.image, 'g', [['consumer.heartbeat.interval.ms', SET, '500']], env).response.errorCode).toBe(ErrorCode.NONE);
  });

  it('refuses the empty group name, and AlterConfigs replaces the whole set', () => {
    expect(alter(EMPTY_IMAGE, '', [['consumer.session.timeout.ms', SET, '50000']]).response)
      .toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Default group resources are not allowed.' });
    const set = alter(EMPTY_IMAGE, 'g', [['consumer.session.timeout.ms', SET, '50000'], ['consumer.heartbeat.interval.ms', SET, '6000']]);
    const r = alterConfigs(controllerEnv(), set.image, {
      resources: [{ resourceType: GROUP, resourceName: 'g', configs: [{ name: 'consumer.heartbeat.interval.ms', value: '7000' }] }], validateOnly: false,
    });
    expect(r.response.responses[0]!.errorCode).toBe(ErrorCode.NONE);
    expect(Object.fromEntries(groupConfigs(applyRecords(set.image, r.records), 'g'))).toEqual({ 'consumer.heartbeat.interval.ms': '7000' });
  });
});
