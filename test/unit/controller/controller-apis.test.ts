// Every API the controller serves has a NOT_CONTROLLER answer in its own shape, which encodes at
// every version the API has and which a forwarding broker recognises (so it retries elsewhere).
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { defaultCreatableTopic } from '../../../protocol/generated/api/19-create-topics.js';
import { defaultDeleteTopicState } from '../../../protocol/generated/api/20-delete-topics.js';
import { defaultAclCreation } from '../../../protocol/generated/api/30-create-acls.js';
import { defaultDeleteAclsFilter } from '../../../protocol/generated/api/31-delete-acls.js';
import { defaultAlterConfigsResource } from '../../../protocol/generated/api/33-alter-configs.js';
import { defaultCreatePartitionsTopic } from '../../../protocol/generated/api/37-create-partitions.js';
import { defaultTopicPartitions } from '../../../protocol/generated/api/43-elect-leaders.js';
import { defaultReassignableTopic, defaultReassignablePartition } from '../../../protocol/generated/api/45-alter-partition-reassignments.js';
import { defaultAlterClientQuotasRequestEntryData } from '../../../protocol/generated/api/49-alter-client-quotas.js';
import { defaultScramCredentialDeletion } from '../../../protocol/generated/api/51-alter-user-scram-credentials.js';
import { Reader } from '../../../protocol/primitives/reader.js';
import { Writer } from '../../../protocol/primitives/writer.js';
import { controllerApi, controllerApiDefinitions } from '../../../src/controller/controller-apis.js';

/** One element in each list a request names its items in: an answer must name each of them. */
const ONE_ITEM: Record<string, Record<string, unknown[]>> = {
  CreateTopics: { topics: [{ ...defaultCreatableTopic(), name: 't' }] },
  DeleteTopics: { topicNames: ['t'], topics: [{ ...defaultDeleteTopicState(), name: 'u' }] },
  CreateAcls: { creations: [defaultAclCreation()] },
  DeleteAcls: { filters: [defaultDeleteAclsFilter()] },
  AlterConfigs: { resources: [{ ...defaultAlterConfigsResource(), resourceName: 't' }] },
  IncrementalAlterConfigs: { resources: [{ ...defaultAlterConfigsResource(), resourceName: 't' }] },
  CreatePartitions: { topics: [{ ...defaultCreatePartitionsTopic(), name: 't' }] },
  ElectLeaders: { topicPartitions: [{ ...defaultTopicPartitions(), topic: 't', partitions: [0] }] },
  AlterPartitionReassignments: { topics: [{ ...defaultReassignableTopic(), name: 't', partitions: [defaultReassignablePartition()] }] },
  AlterClientQuotas: { entries: [defaultAlterClientQuotasRequestEntryData()] },
  AlterUserScramCredentials: { deletions: [{ ...defaultScramCredentialDeletion(), name: 'alice' }] },
};

describe('controller APIs', () => {
  const apis = controllerApiDefinitions();

  it('cover the admin APIs and the broker lifecycle', () => {
    expect(apis.map((a) => a.key).sort((a, b) => a - b)).toEqual([19, 20, 30, 31, 33, 37, 38, 39, 40, 43, 44, 45, 46, 49, 51, 56, 57, 62, 63, 64, 67]);
  });

  it.each(apis.map((api) => [api.name, api] as const))('%s: a NOT_CONTROLLER answer that encodes at every version and is recognised', (_, api) => {
    const req = { ...api.defaultRequest(), ...ONE_ITEM[api.name] };
    const entry = controllerApi(api);
    const answer = entry.notController(req);
    expect(entry.saysNotController(answer)).toBe(true);
    expect(JSON.stringify(answer)).toContain(`"errorCode":${ErrorCode.NOT_CONTROLLER}`);
    for (let version = api.minVersion; version <= api.maxVersion; version++) {
      const w = new Writer(64);
      api.writeResponse(w, answer, version);
      const back = api.readResponse(new Reader(w.toBuffer()), version);
      expect(entry.saysNotController(back), `v${version}`).toBe(true);
    }
    expect(entry.saysNotController(api.defaultResponse())).toBe(false);
  });
});
