// NOT_CONTROLLER answers for requests that reach a node whose controller is not the active one,
// in each API's own shape, and the test a forwarding broker uses to see that it must retry.
import { ErrorCode } from '../../protocol/errors.js';
import type { AlterConfigsRequest } from '../../protocol/generated/api/33-alter-configs.js';
import type { CreatePartitionsRequest } from '../../protocol/generated/api/37-create-partitions.js';
import type { CreateTopicsRequest } from '../../protocol/generated/api/19-create-topics.js';
import type { DeleteTopicsRequest } from '../../protocol/generated/api/20-delete-topics.js';
import type { ElectLeadersRequest } from '../../protocol/generated/api/43-elect-leaders.js';
import type { AlterClientQuotasRequest } from '../../protocol/generated/api/49-alter-client-quotas.js';
import type { AlterPartitionReassignmentsRequest } from '../../protocol/generated/api/45-alter-partition-reassignments.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';

const NOT_CONTROLLER = ErrorCode.NOT_CONTROLLER;
const MESSAGE = 'This is not the active controller.';

export function notControllerResponse(apiKey: number, req: any): unknown {
  switch (apiKey) {
    case 19:
      return {
        throttleTimeMs: 0,
        topics: (req as CreateTopicsRequest).topics.map((t) => ({
          name: t.name, topicId: ZERO_UUID, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, topicConfigErrorCode: 0,
          numPartitions: -1, replicationFactor: -1, configs: null,
        })),
      };
    case 20: {
      const r = req as DeleteTopicsRequest;
      const topics = [...r.topicNames.map((name) => ({ name: name as string | null, topicId: ZERO_UUID })), ...r.topics];
      return { throttleTimeMs: 0, responses: topics.map((t) => ({ ...t, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })) };
    }
    case 33:
    case 44:
      return {
        throttleTimeMs: 0,
        responses: (req as AlterConfigsRequest).resources.map((res) => ({
          errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, resourceType: res.resourceType, resourceName: res.resourceName,
        })),
      };
    case 37:
      return { throttleTimeMs: 0, results: (req as CreatePartitionsRequest).topics.map((t) => ({ name: t.name, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })) };
    case 43:
      return {
        throttleTimeMs: 0, errorCode: NOT_CONTROLLER,
        replicaElectionResults: ((req as ElectLeadersRequest).topicPartitions ?? []).map((t) => ({
          topic: t.topic, partitionResult: t.partitions.map((partitionId) => ({ partitionId, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })),
        })),
      };
    case 45:
      return {
        throttleTimeMs: 0, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE,
        responses: (req as AlterPartitionReassignmentsRequest).topics.map((t) => ({
          name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })),
        })),
      };
    case 46:
      return { throttleTimeMs: 0, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, topics: [] };
    case 51: {
      const r = req as { deletions: { name: string }[]; upsertions: { name: string }[] };
      const users = [...new Set([...r.deletions, ...r.upsertions].map((u) => u.name))];
      return { throttleTimeMs: 0, results: users.map((user) => ({ user, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE })) };
    }
    case 49:
      return {
        throttleTimeMs: 0,
        entries: (req as AlterClientQuotasRequest).entries.map((e) => ({ errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, entity: e.entity })),
      };
    case 56:
      return { throttleTimeMs: 0, errorCode: NOT_CONTROLLER, topics: [] };
    case 57:
      return { throttleTimeMs: 0, errorCode: NOT_CONTROLLER, errorMessage: MESSAGE, results: [] };
    case 62:
      return { throttleTimeMs: 0, errorCode: NOT_CONTROLLER, brokerEpoch: -1 };
    case 63:
      return { throttleTimeMs: 0, errorCode: NOT_CONTROLLER, isCaughtUp: false, isFenced: true, shouldShutDown: false };
    case 67:
      return { throttleTimeMs: 0, errorCode: NOT_CONTROLLER, producerIdStart: -1, producerIdLen: 0 };
    default:
      throw new Error(`API ${apiKey} has no NOT_CONTROLLER answer`);
  }
}

/** True when a controller API's response says the receiver was not the active controller. */
export function saysNotController(apiKey: number, res: any): boolean {
  switch (apiKey) {
    case 19:
      return res.topics.some((t: { errorCode: number }) => t.errorCode === NOT_CONTROLLER);
    case 20:
    case 33:
    case 44:
      return res.responses.some((t: { errorCode: number }) => t.errorCode === NOT_CONTROLLER);
    case 49:
      return res.entries.some((e: { errorCode: number }) => e.errorCode === NOT_CONTROLLER);
    case 37:
    case 51:
      return res.results.some((t: { errorCode: number }) => t.errorCode === NOT_CONTROLLER);
    case 43:
      // ElectLeaders v0 has no top-level error code on the wire: look at the partitions too.
      return res.errorCode === NOT_CONTROLLER || res.replicaElectionResults.some((t: { partitionResult: { errorCode: number }[] }) =>
        t.partitionResult.some((p) => p.errorCode === NOT_CONTROLLER));
    default:
      return res.errorCode === NOT_CONTROLLER;
  }
}
