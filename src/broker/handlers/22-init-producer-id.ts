// InitProducerId (key 22), v0-v5.
// Idempotent producers (null transactional id) get a producer id from a block this broker reserved
// from the controller (ProducerIdsRecord, KIP-730) and epoch 0; one that sends its id and epoch
// back (KIP-360) gets the same id with the next epoch, or a new id when the epoch is exhausted.
// Transactional producers go to the transaction coordinator of their id (this broker when it leads
// the id's __transaction_state partition, else NOT_COORDINATOR): the next epoch for the id, which
// fences older producers; an open transaction is aborted first (CONCURRENT_TRANSACTIONS until its
// markers are written); transaction_timeout_ms must be within transaction.max.timeout.ms.
// PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v4, as Kafka answers older clients.
// With an authorizer: WRITE on the transactional id (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED), or
// for an idempotent producer IDEMPOTENT_WRITE on the cluster or WRITE on some topic (else
// CLUSTER_AUTHORIZATION_FAILED).
import { InitProducerIdApi, type InitProducerIdRequest, type InitProducerIdResponse } from '../../../protocol/generated/api/22-init-producer-id.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed, anyAllowed, clusterAllowed } from '../access.js';
import { handler } from '../handler.js';
import { fencedError } from './txn-errors.js';

const MAX_EPOCH = 32767;
const PRODUCER_FENCED_VERSION = 4;

export const initProducerIdHandler = handler<InitProducerIdRequest, InitProducerIdResponse>({
  api: InitProducerIdApi,
  minVersion: 0,
  maxVersion: 5,
  async handle(req, ctx) {
    const { services, version } = ctx;
    const answer = (errorCode: number, producerId = -1, producerEpoch = -1): InitProducerIdResponse =>
      ({ throttleTimeMs: 0, errorCode, producerId, producerEpoch });
    // Authorization as KafkaApis: WRITE on the transactional id; without one, IDEMPOTENT_WRITE on the
    // cluster or WRITE on any topic.
    if (req.transactionalId !== null) {
      if (!allowed(ctx, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId)) return answer(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      const r = await services.transactions.initProducerId({ ...req, transactionalId: req.transactionalId });
      return answer(fencedError(r.errorCode, version, PRODUCER_FENCED_VERSION), r.producerId, r.producerEpoch);
    }
    if (!clusterAllowed(ctx, AclOperation.IDEMPOTENT_WRITE) && !anyAllowed(ctx, AclOperation.WRITE, ResourceType.TOPIC)) {
      return answer(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
    }
    if (req.producerId >= 0 && req.producerEpoch >= 0 && req.producerEpoch < MAX_EPOCH - 1) {
      return answer(ErrorCode.NONE, req.producerId, req.producerEpoch + 1);
    }
    return answer(ErrorCode.NONE, await services.nextProducerId(), 0);
  },
});
