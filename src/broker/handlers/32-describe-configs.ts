// DescribeConfigs (key 32), v0-v4.
// Topic resources: every topic key with its effective value and source (topic override, dynamic
// broker config, static server.properties, or Kafka's default), synonyms when asked, docs when
// asked. Broker resources: this broker's keys; "" describes only the dynamic cluster defaults.
// Group resources (KIP-848): each group key with the group's value (GROUP_CONFIG) or the broker's
// group.consumer.* value (DEFAULT_CONFIG), for any group name, as Kafka's ConfigHelper answers.
// BROKER_LOGGER resources (this broker's id): its loggers and their levels (see broker-loggers.ts).
// Not implemented: CLIENT_METRICS resources (INVALID_REQUEST).
// With an authorizer: DESCRIBE_CONFIGS on the topic (else TOPIC_AUTHORIZATION_FAILED), the group
// (else GROUP_AUTHORIZATION_FAILED) or the cluster for broker resources (else
// CLUSTER_AUTHORIZATION_FAILED).
import {
  DescribeConfigsApi, type DescribeConfigsRequest, type DescribeConfigsResourceResult, type DescribeConfigsResponse,
  type DescribeConfigsResult, type DescribeConfigsResource,
} from '../../../protocol/generated/api/32-describe-configs.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { BROKER_KEY_BY_NAME, BROKER_KEYS } from '../../config/broker-keys.js';
import type { ConfigType } from '../../config/definition.js';
import { ConfigSourceCode, effectiveTopicConfigs, type EffectiveConfig } from '../../config/effective.js';
import { DYNAMIC_BROKER_KEYS } from '../../config/dynamic-broker-keys.js';
import { TOPIC_KEY_BY_NAME } from '../../config/topic-keys.js';
import { GROUP_KEYS } from '../../config/group-keys.js';
import { BROKER_LOGGER, loggerLevels } from '../broker-loggers.js';
import { ConfigResourceType, dynamicBrokerConfigs, groupConfigs, topicConfigs } from '../../metadata/image.js';
import { AclOperation } from '../../metadata/acls.js';
import { configAllowed, configRefusal } from '../forward-authorized.js';
import { handler } from '../handler.js';
import type { BrokerServices } from '../services.js';

const TYPE_CODES: Record<ConfigType, number> = { boolean: 1, string: 2, int: 3, long: 5, double: 6, list: 7, password: 9 };

export const describeConfigsHandler = handler<DescribeConfigsRequest, DescribeConfigsResponse>({
  api: DescribeConfigsApi,
  minVersion: 0,
  maxVersion: 4,
  handle(req, ctx) {
    const { services, version } = ctx;
    const results = req.resources.map((res) => configAllowed(ctx, AclOperation.DESCRIBE_CONFIGS, res.resourceType, res.resourceName)
      ? describe(services, res, version === 0 || req.includeSynonyms, req.includeDocumentation)
      : { errorCode: configRefusal(res.resourceType), errorMessage: null, resourceType: res.resourceType, resourceName: res.resourceName, configs: [] });
    return { throttleTimeMs: 0, results };
  },
});

function describe(services: BrokerServices, res: DescribeConfigsResource, synonyms: boolean, docs: boolean): DescribeConfigsResult {
  const answer = (errorCode: number, errorMessage: string | null, configs: DescribeConfigsResourceResult[] = []): DescribeConfigsResult =>
    ({ errorCode, errorMessage, resourceType: res.resourceType, resourceName: res.resourceName, configs });
  const image = services.image();
  const dynamic = dynamicBrokerConfigs(image, services.nodeId);
  let entries: (EffectiveConfig & { type: ConfigType; doc: string })[];
  if (res.resourceType === ConfigResourceType.TOPIC) {
    if (!image.topicsByName.has(res.resourceName)) return answer(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${res.resourceName} does not exist.`);
    entries = effectiveTopicConfigs(services.config, dynamic, topicConfigs(image, res.resourceName)).map((c) => {
      const key = TOPIC_KEY_BY_NAME.get(c.name)!;
      return { ...c, type: key.type, doc: key.doc };
    });
  } else if (res.resourceType === ConfigResourceType.BROKER) {
    if (res.resourceName !== '' && res.resourceName !== String(services.nodeId)) {
      return answer(ErrorCode.INVALID_REQUEST, `Unexpected broker id, expected ${services.nodeId} or empty string, but received ${res.resourceName}`);
    }
    entries = res.resourceName === ''
      ? clusterDefaultEntries(services, dynamic.clusterDefault)
      : brokerEntries(services, dynamic.perBroker, dynamic.clusterDefault);
  } else if (res.resourceType === BROKER_LOGGER) {
    if (res.resourceName === '') return answer(ErrorCode.INVALID_REQUEST, 'Broker id must not be empty');
    if (res.resourceName !== String(services.nodeId)) {
      return answer(ErrorCode.INVALID_REQUEST, `Unexpected broker id, expected ${services.nodeId} but received ${res.resourceName}`);
    }
    // As Kafka lists them: no synonyms, no type, no documentation.
    return answer(ErrorCode.NONE, null, loggerLevels(services.log).map(({ name, value }) => ({
      name, value, readOnly: false, isDefault: false, configSource: ConfigSourceCode.DYNAMIC_BROKER_LOGGER_CONFIG, isSensitive: false,
      synonyms: [], configType: 0, documentation: null,
    })));
  } else if (res.resourceType === ConfigResourceType.GROUP) {
    if (res.resourceName === '') return answer(ErrorCode.INVALID_REQUEST, 'Group name must not be empty');
    entries = groupEntries(services, groupConfigs(image, res.resourceName));
  } else {
    return answer(ErrorCode.INVALID_REQUEST, `Unsupported resource type ${res.resourceType}`);
  }
  const wanted = res.configurationKeys === null ? null : new Set(res.configurationKeys);
  const configs = entries.filter((c) => wanted === null || wanted.has(c.name)).map((c) => ({
    // Passwords and private keys are never sent back, as Kafka answers sensitive keys with null.
    name: c.name, value: c.sensitive ? null : c.value, readOnly: c.readOnly, isDefault: c.source === ConfigSourceCode.DEFAULT_CONFIG,
    configSource: c.source, isSensitive: c.sensitive,
    synonyms: !synonyms ? [] : c.sensitive ? c.synonyms.map((s) => ({ ...s, value: null })) : c.synonyms,
    configType: TYPE_CODES[c.type], documentation: docs ? c.doc : null,
  }));
  return answer(ErrorCode.NONE, null, configs);
}

/** A group's keys: its own values, or the broker's group.consumer.* ones; none read-only. */
function groupEntries(services: BrokerServices, own: ReadonlyMap<string, string>): (EffectiveConfig & { type: ConfigType; doc: string })[] {
  return GROUP_KEYS.map((key) => {
    const set = own.get(key.name);
    const value = set ?? services.config.get(key.brokerKey);
    const source = set !== undefined ? ConfigSourceCode.GROUP_CONFIG : ConfigSourceCode.DEFAULT_CONFIG;
    return { name: key.name, value, source, readOnly: false, sensitive: false, synonyms: [{ name: key.name, value, source }], type: key.type, doc: key.doc };
  });
}

/**
 * The cluster-wide resource ("") describes only the dynamic defaults set on it, as Kafka's
 * ConfigHelper does (currentDynamicDefaultConfigs), without per-broker synonyms.
 */
function clusterDefaultEntries(services: BrokerServices, clusterDefault: ReadonlyMap<string, string>) {
  return brokerEntries(services, new Map(), clusterDefault).filter((e) => clusterDefault.has(e.name));
}

/** Keys kraftling does not know that were set on the broker or as cluster defaults: listed as
 * Kafka lists them (its config's originals), read-only strings. */
function unknownEntries(perBroker: ReadonlyMap<string, string>, clusterDefault: ReadonlyMap<string, string>): (EffectiveConfig & { type: ConfigType; doc: string })[] {
  const names = new Set([...perBroker.keys(), ...clusterDefault.keys()].filter((name) => !BROKER_KEY_BY_NAME.has(name)));
  return [...names].sort().map((name) => {
    const syn: EffectiveConfig['synonyms'] = [];
    const own = perBroker.get(name);
    if (own !== undefined) syn.push({ name, value: own, source: ConfigSourceCode.DYNAMIC_BROKER_CONFIG });
    const def = clusterDefault.get(name);
    if (def !== undefined) syn.push({ name, value: def, source: ConfigSourceCode.DYNAMIC_DEFAULT_BROKER_CONFIG });
    const top = syn[0]!;
    return { name, value: top.value, source: top.source, readOnly: true, sensitive: false, synonyms: syn, type: 'string', doc: '' };
  });
}

function brokerEntries(services: BrokerServices, perBroker: ReadonlyMap<string, string>,
  clusterDefault: ReadonlyMap<string, string>): (EffectiveConfig & { type: ConfigType; doc: string })[] {
  return [...BROKER_KEYS.map((key) => {
    const syn: EffectiveConfig['synonyms'] = [];
    const own = perBroker.get(key.name);
    if (own !== undefined) syn.push({ name: key.name, value: own, source: ConfigSourceCode.DYNAMIC_BROKER_CONFIG });
    const def = clusterDefault.get(key.name);
    if (def !== undefined) syn.push({ name: key.name, value: def, source: ConfigSourceCode.DYNAMIC_DEFAULT_BROKER_CONFIG });
    const source = services.config.source(key.name);
    const value = services.config.get(key.name);
    if (source !== null && source !== 'default') syn.push({ name: key.name, value, source: ConfigSourceCode.STATIC_BROKER_CONFIG });
    syn.push({ name: key.name, value: key.default, source: ConfigSourceCode.DEFAULT_CONFIG });
    const top = syn[0]!;
    return {
      name: key.name, value: top.value, source: top.source, readOnly: !DYNAMIC_BROKER_KEYS.has(key.name), sensitive: key.type === 'password',
      synonyms: syn, type: key.type, doc: key.doc,
    };
  }), ...unknownEntries(perBroker, clusterDefault)];
}
