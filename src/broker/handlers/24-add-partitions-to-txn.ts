// AddPartitionsToTxn (key 24), v0-v5.
// v0-v3 (producers): adds the partitions to the producer's transaction on its coordinator, which
// writes the transaction's new partition set to __transaction_state before answering. Partitions
// of unknown topics get UNKNOWN_TOPIC_OR_PARTITION and the others OPERATION_NOT_ATTEMPTED, as in
// Kafka. v4+ (brokers, KIP-890): many transactions per request; with verify_only the coordinator
// only answers whether each partition is already in the ongoing transaction (NONE, else
// INVALID_TXN_STATE) — a partition leader asks this before it appends a transactional batch.
// PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v2.
// Not implemented: TRANSACTION_ABORTABLE (v5).
// With an authorizer: WRITE on the transactional id (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED) and on
// each topic (else TOPIC_AUTHORIZATION_FAILED); the batched v4+ form, sent by brokers, needs CLUSTER_ACTION.
import { ErrorCode } from '../../../protocol/errors.js';
import {
  AddPartitionsToTxnApi, type AddPartitionsToTxnRequest, type AddPartitionsToTxnResponse, type AddPartitionsToTxnTopic,
  type AddPartitionsToTxnTopicResult, type AddPartitionsToTxnTransaction,
} from '../../../protocol/generated/api/24-add-partitions-to-txn.js';
import type { BrokerServices } from '../services.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed, clusterAllowed } from '../access.js';
import { handler, type RequestContext } from '../handler.js';
import { fencedError } from './txn-errors.js';

const BATCHED_VERSION = 4;
const PRODUCER_FENCED_VERSION = 2;

export const addPartitionsToTxnHandler = handler<AddPartitionsToTxnRequest, AddPartitionsToTxnResponse>({
  api: AddPartitionsToTxnApi,
  minVersion: 0,
  maxVersion: 5,
  async handle(req, ctx) {
    const { services, version } = ctx;
    const empty: AddPartitionsToTxnResponse = { throttleTimeMs: 0, errorCode: ErrorCode.NONE, resultsByTransaction: [], resultsByTopicV3AndBelow: [] };
    if (version >= BATCHED_VERSION) {
      // Sent by brokers verifying transactions (KIP-890): CLUSTER_ACTION, as Kafka requires.
      if (!clusterAllowed(ctx, AclOperation.CLUSTER_ACTION)) return { ...empty, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED };
      const results = await Promise.all(req.transactions.map(async (t) => ({ transactionalId: t.transactionalId, topicResults: await addOne(services, t, version) })));
      return { ...empty, resultsByTransaction: results };
    }
    const single: AddPartitionsToTxnTransaction = {
      transactionalId: req.v3AndBelowTransactionalId, producerId: req.v3AndBelowProducerId,
      producerEpoch: req.v3AndBelowProducerEpoch, verifyOnly: false, topics: req.v3AndBelowTopics,
    };
    const refused = refusal(ctx, single);
    if (refused) return { ...empty, resultsByTopicV3AndBelow: refused };
    return { ...empty, resultsByTopicV3AndBelow: await addOne(services, single, version) };
  },
});

async function addOne(services: BrokerServices, t: AddPartitionsToTxnTransaction, version: number): Promise<AddPartitionsToTxnTopicResult[]> {
  const image = services.image();
  const unknown = (topic: string, p: number): boolean => (image.topicsByName.get(topic)?.partitions.length ?? 0) <= p || p < 0;
  const partitions = t.topics.flatMap((topic) => topic.partitions.map((partition) => ({ topic: topic.name, partition })));
  const input = { transactionalId: t.transactionalId, producerId: t.producerId, producerEpoch: t.producerEpoch, partitions };
  if (t.verifyOnly) {
    const errors = services.transactions.verifyPartitions(input);
    return results(t.topics, (topic, p) => fencedError(errors.get(`${topic}\u0000${p}`) ?? ErrorCode.UNKNOWN_SERVER_ERROR, version, PRODUCER_FENCED_VERSION));
  }
  if (partitions.some((tp) => unknown(tp.topic, tp.partition))) {
    return results(t.topics, (topic, p) => (unknown(topic, p) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.OPERATION_NOT_ATTEMPTED));
  }
  const errorCode = fencedError(await services.transactions.addPartitions(input), version, PRODUCER_FENCED_VERSION);
  return results(t.topics, () => errorCode);
}

/** WRITE on the transactional id, then on each topic (the others: OPERATION_NOT_ATTEMPTED), as Kafka. */
function refusal(ctx: RequestContext, t: AddPartitionsToTxnTransaction): AddPartitionsToTxnTopicResult[] | null {
  if (!allowed(ctx, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, t.transactionalId)) return results(t.topics, () => ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
  const denied = new Set(t.topics.filter((topic) => !allowed(ctx, AclOperation.WRITE, ResourceType.TOPIC, topic.name)).map((topic) => topic.name));
  if (denied.size === 0) return null;
  return results(t.topics, (topic) => (denied.has(topic) ? ErrorCode.TOPIC_AUTHORIZATION_FAILED : ErrorCode.OPERATION_NOT_ATTEMPTED));
}

function results(topics: AddPartitionsToTxnTopic[], errorOf: (topic: string, partition: number) => number): AddPartitionsToTxnTopicResult[] {
  return topics.map((t) => ({
    name: t.name,
    resultsByPartition: t.partitions.map((partitionIndex) => ({ partitionIndex, partitionErrorCode: errorOf(t.name, partitionIndex) })),
  }));
}
