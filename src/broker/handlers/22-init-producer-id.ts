// InitProducerId (key 22), v0-v5.
// Idempotent producers (null transactional id) get a producer id from a block this broker reserved
// from the controller (ProducerIdsRecord, KIP-730) and epoch 0; one that sends its id and epoch
// back (KIP-360) gets the same id with the next epoch, or a new id when the epoch is exhausted.
// Transactional producers go to the transaction coordinator of their id (this broker when it leads
// the id's __transaction_state partition, else NOT_COORDINATOR): the next epoch for the id, which
// fences older producers; an open transaction is aborted first (CONCURRENT_TRANSACTIONS until its
// markers are written); transaction_timeout_ms must be within transaction.max.timeout.ms.
// PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v4, as Kafka answers older clients.
// Not implemented: ACLs.
import { InitProducerIdApi, type InitProducerIdRequest, type InitProducerIdResponse } from '../../../protocol/generated/api/22-init-producer-id.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { handler } from '../handler.js';
import { fencedError } from './txn-errors.js';

const MAX_EPOCH = 32767;
const PRODUCER_FENCED_VERSION = 4;

export const initProducerIdHandler = handler<InitProducerIdRequest, InitProducerIdResponse>({
  api: InitProducerIdApi,
  minVersion: 0,
  maxVersion: 5,
  async handle(req, { services, version }) {
    const answer = (errorCode: number, producerId = -1, producerEpoch = -1): InitProducerIdResponse =>
      ({ throttleTimeMs: 0, errorCode, producerId, producerEpoch });
    if (req.transactionalId !== null) {
      const r = await services.transactions.initProducerId({ ...req, transactionalId: req.transactionalId });
      return answer(fencedError(r.errorCode, version, PRODUCER_FENCED_VERSION), r.producerId, r.producerEpoch);
    }
    if (req.producerId >= 0 && req.producerEpoch >= 0 && req.producerEpoch < MAX_EPOCH - 1) {
      return answer(ErrorCode.NONE, req.producerId, req.producerEpoch + 1);
    }
    return answer(ErrorCode.NONE, await services.nextProducerId(), 0);
  },
});
