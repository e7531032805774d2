// InitProducerId (key 22), v0-v5.
// Idempotent producers get a producer id from a block this broker reserved from the controller
// (ProducerIdsRecord, KIP-730) and epoch 0; a producer that sends its id and epoch back (KIP-360)
// gets the same id with the next epoch, or a new id when the epoch is exhausted.
// Not implemented: transactional ids (INVALID_REQUEST until the transaction coordinator exists).
import { InitProducerIdApi, type InitProducerIdRequest, type InitProducerIdResponse } from '../../../protocol/generated/api/22-init-producer-id.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { handler } from '../handler.js';

const MAX_EPOCH = 32767;

export const initProducerIdHandler = handler<InitProducerIdRequest, InitProducerIdResponse>({
  api: InitProducerIdApi,
  minVersion: 0,
  maxVersion: 5,
  async handle(req, { services }) {
    const answer = (errorCode: number, producerId = -1, producerEpoch = -1): InitProducerIdResponse =>
      ({ throttleTimeMs: 0, errorCode, producerId, producerEpoch });
    if (req.transactionalId !== null) return answer(ErrorCode.INVALID_REQUEST);
    if (req.producerId >= 0 && req.producerEpoch >= 0 && req.producerEpoch < MAX_EPOCH - 1) {
      return answer(ErrorCode.NONE, req.producerId, req.producerEpoch + 1);
    }
    return answer(ErrorCode.NONE, await services.nextProducerId(), 0);
  },
});
