// Shared by the transaction handlers: clients older than the version that introduced
// PRODUCER_FENCED (KIP-588) get INVALID_PRODUCER_EPOCH instead, as Kafka answers them.
import { ErrorCode } from '../../../protocol/errors.js';

export function fencedError(errorCode: number, version: number, producerFencedVersion: number): number {
  return errorCode === ErrorCode.PRODUCER_FENCED && version < producerFencedVersion ? ErrorCode.INVALID_PRODUCER_EPOCH : errorCode;
}
