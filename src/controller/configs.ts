// AlterConfigs and IncrementalAlterConfigs on the active controller, for topic, broker and group
// resources. Changes become ConfigRecords (a null value removes an override).
import type { AlterConfigsRequest, AlterConfigsResourceResponse, AlterConfigsResponse } from '../../protocol/generated/api/33-alter-configs.js';
import type { IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse } from '../../protocol/generated/api/44-incremental-alter-configs.js';
import { ErrorCode } from '../../protocol/errors.js';
import { BROKER_KEY_BY_NAME } from '../config/broker-keys.js';
import { checkValue, splitList } from '../config/definition.js';
import { checkTopicConfig } from '../config/effective.js';
import { checkGroupConfig } from '../config/group-keys.js';
import type { ServerConfig } from '../config/server-config.js';
import { DYNAMIC_BROKER_KEYS } from '../config/dynamic-broker-keys.js';
import { ConfigResourceType, configKey, type MetadataImage } from '../metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';
import type { ControllerEnv, ControllerResult } from './env.js';

const enum ConfigOp { SET = 0, DELETE = 1, APPEND = 2, SUBTRACT = 3 }


type Change = { name: string; value: string | null };
type Resource = { resourceType: number; resourceName: string };

export function alterConfigs(env: ControllerEnv, image: MetadataImage, req: AlterConfigsRequest): ControllerResult<AlterConfigsResponse> {
  return apply(env.config, image, req.resources, req.validateOnly, (res, current) => {
    // The legacy API replaces the whole set: keys not named are removed.
    const changes: Change[] = res.configs.map((c) => ({ name: c.name, value: c.value }));
    for (const name of current.keys()) if (!res.configs.some((c) => c.name === name)) changes.push({ name, value: null });
    return changes;
  });
}

export function incrementalAlterConfigs(env: ControllerEnv, image: MetadataImage, req: IncrementalAlterConfigsRequest): ControllerResult<IncrementalAlterConfigsResponse> {
  return apply(env.config, image, req.resources, req.validateOnly, (res, current) => res.configs.map((c) => {
    const list = splitList(current.get(c.name) ?? '');
    switch (c.configOperation) {
      case ConfigOp.SET: return { name: c.name, value: c.value };
      case ConfigOp.DELETE: return { name: c.name, value: null };
      case ConfigOp.APPEND: return { name: c.name, value: [...list, ...splitList(c.value ?? '').filter((v) => !list.includes(v))].join(',') };
      case ConfigOp.SUBTRACT: {
        const drop = splitList(c.value ?? '');
        return { name: c.name, value: list.filter((v) => !drop.includes(v)).join(',') };
      }
      default: throw new OpError(`Unknown config operation ${c.configOperation}`);
    }
  }));
}

class OpError extends Error {}

function apply<R extends Resource>(broker: ServerConfig, image: MetadataImage, resources: R[], validateOnly: boolean,
  changesOf: (res: R, current: ReadonlyMap<string, string>) => Change[]): ControllerResult<{ throttleTimeMs: number; responses: AlterConfigsResourceResponse[] }> {
  const records: MetadataRecord[] = [];
  const responses = resources.map((res): AlterConfigsResourceResponse => {
    const answer = (errorCode: number, errorMessage: string | null): AlterConfigsResourceResponse =>
      ({ errorCode, errorMessage, resourceType: res.resourceType, resourceName: res.resourceName });
    const problem = checkResource(image, res);
    if (problem) return answer(problem[0], problem[1]);
    const current = image.configs.get(configKey(res.resourceType, res.resourceName)) ?? new Map<string, string>();
    let changes: Change[];
    try {
      changes = changesOf(res, current);
    } catch (e) {
      if (e instanceof OpError) return answer(ErrorCode.INVALID_REQUEST, e.message);
      throw e;
    }
    if (res.resourceType === ConfigResourceType.GROUP) {
      // A group's config is checked whole, as it will be after the change (Kafka's GroupConfig).
      const after = new Map(current);
      for (const c of changes) {
        if (c.value === null) after.delete(c.name);
        else after.set(c.name, c.value);
      }
      const problem = checkGroupConfig(after, broker);
      if (problem) return answer(ErrorCode.INVALID_CONFIG, problem);
    } else {
      for (const c of changes) {
        const bad = checkChange(res.resourceType, c);
        if (bad) return answer(bad[0], bad[1]);
      }
    }
    if (!validateOnly) {
      for (const c of changes) {
        records.push(record(MetadataRecordType.CONFIG, {
          resourceType: res.resourceType, resourceName: res.resourceName, name: c.name, value: c.value,
        }));
      }
    }
    return answer(ErrorCode.NONE, null);
  });
  return { records, response: { throttleTimeMs: 0, responses } };
}

function checkResource(image: MetadataImage, res: Resource): [number, string] | null {
  if (res.resourceType === ConfigResourceType.TOPIC) {
    return image.topicsByName.has(res.resourceName)
      ? null : [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${res.resourceName} does not exist.`];
  }
  if (res.resourceType === ConfigResourceType.BROKER) {
    return res.resourceName === '' || /^\d+$/.test(res.resourceName)
      ? null : [ErrorCode.INVALID_REQUEST, `Invalid broker name ${res.resourceName}`];
  }
  if (res.resourceType === ConfigResourceType.GROUP) {
    return res.resourceName !== '' ? null : [ErrorCode.INVALID_REQUEST, 'Default group resources are not allowed.'];
  }
  return [ErrorCode.INVALID_REQUEST, `Unsupported resource type ${res.resourceType}`];
}

function checkChange(type: number, c: Change): [number, string] | null {
  if (type === ConfigResourceType.TOPIC) {
    const problem = checkTopicConfig(c.name, c.value);
    return problem ? [ErrorCode.INVALID_CONFIG, problem] : null;
  }
  const key = BROKER_KEY_BY_NAME.get(c.name);
  // Kafka checks only the keys it knows (DynamicBrokerConfig.validateConfigs): others, a plugin's
  // for one, are stored as they are and listed by DescribeConfigs.
  if (!key) return null;
  if (!DYNAMIC_BROKER_KEYS.has(c.name)) return [ErrorCode.INVALID_REQUEST, `Cannot update these configs dynamically: Set(${c.name})`];
  const problem = c.value === null ? null : checkValue(key, c.value);
  return problem ? [ErrorCode.INVALID_CONFIG, `Invalid value ${c.value} for configuration ${c.name}: ${problem}`] : null;
}
