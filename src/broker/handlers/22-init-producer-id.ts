// InitProducerId (key 22), v0-v5.
// Idempotent producers get a producer id from a block this broker reserved from the controller
// (ProducerIdsRecord, KIP-730) and epoch 0; a producer that sends its id and epoch back (KIP-360)
// gets the same id with the next epoch, or a new id when the epoch is exhausted.
// Not implemented: transactional ids (INVALID_REQUEST until the transaction coordinator exists).
// With an authorizer: WRITE on the transactional id (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED), or
// for an idempotent producer IDEMPOTENT_WRITE on the cluster or WRITE on some topic (else
// CLUSTER_AUTHORIZATION_FAILED).
import { InitProducerIdApi, type InitProducerIdRequest, type InitProducerIdResponse } from '../../../protocol/generated/api/22-init-producer-id.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed, anyAllowed, clusterAllowed } from '../access.js';
import { handler } from '../handler.js';

const MAX_EPOCH = 32767;

export const initProducerIdHandler = handler<InitProducerIdRequest, InitProducerIdResponse>({
  api: InitProducerIdApi,
  minVersion: 0,
  maxVersion: 5,
  async handle(req, ctx) {
    const { services } = ctx;
    const answer = (errorCode: number, producerId = -1, producerEpoch = -1): InitProducerIdResponse =>
      ({ throttleTimeMs: 0, errorCode, producerId, producerEpoch });
    // Authorization as KafkaApis: WRITE on the transactional id; without one, IDEMPOTENT_WRITE on the
    // cluster or WRITE on any topic. (The transaction coordinator's own hook is this same check.)
    if (req.transactionalId !== null) {
      if (!allowed(ctx, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId)) return answer(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      return answer(ErrorCode.INVALID_REQUEST);
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
