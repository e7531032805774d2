// KIP-890 part 1 on the partition leader: before a producer's first transactional batch opens a
// transaction on this partition, the leader asks the transaction coordinator (AddPartitionsToTxn
// v4 with verifyOnly) whether the partition is in the producer's ongoing transaction. This file
// holds the seam (the runtime sends the request) and Kafka's translation of the answer.
import { ErrorCode } from '../../protocol/errors.js';

export interface VerificationRequest {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  topic: string;
  partition: number;
}

/** Resolves with the coordinator's error code for the partition (NONE: in the transaction). */
export type TxnVerifier = (req: VerificationRequest) => Promise<number>;

/**
 * The produce error for a failed verification, as Kafka's ReplicaManager and
 * AddPartitionsToTxnManager translate it: retriable coordinator trouble becomes
 * NOT_ENOUGH_REPLICAS (older clients retry it without a metadata refresh), PRODUCER_FENCED becomes
 * INVALID_PRODUCER_EPOCH (what producers expect here), the rest (INVALID_TXN_STATE, ...) stays.
 */
export function verificationError(code: number): number {
  switch (code) {
    case ErrorCode.CONCURRENT_TRANSACTIONS:
    case ErrorCode.NETWORK_EXCEPTION:
    case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
    case ErrorCode.COORDINATOR_NOT_AVAILABLE:
    case ErrorCode.NOT_COORDINATOR:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.NOT_ENOUGH_REPLICAS;
    case ErrorCode.PRODUCER_FENCED:
      return ErrorCode.INVALID_PRODUCER_EPOCH;
    case ErrorCode.CLUSTER_AUTHORIZATION_FAILED:
      return ErrorCode.INVALID_TXN_STATE;
    default:
      return code;
  }
}
