// The partition leader's client for KIP-890 verification (Kafka's AddPartitionsToTxnManager): asks
// the transaction coordinator of a transactional id (the leader of its __transaction_state
// partition) with AddPartitionsToTxn v4, verifyOnly, whether a partition is in the producer's
// ongoing transaction. Never rejects: no coordinator is COORDINATOR_NOT_AVAILABLE, a failed or
// timed-out request NETWORK_EXCEPTION (both retriable for the producer, see txn-verification.ts).
import { ErrorCode } from '../../protocol/errors.js';
import { AddPartitionsToTxnApi } from '../../protocol/generated/api/24-add-partitions-to-txn.js';
import { brokerEndpoint } from '../broker/cluster-view.js';
import { coordinatorPartition } from '../coordinator/coordinator-key.js';
import { TRANSACTION_STATE_TOPIC } from '../coordinator/internal-topics.js';
import type { MetadataImage } from '../metadata/image.js';
import type { TxnVerifier, VerificationRequest } from '../replication/txn-verification.js';
import type { PeerClient } from './peer-client.js';

const VERIFY_VERSION = 4;

export interface TxnVerifierOptions {
  peers: PeerClient;
  image: () => MetadataImage;
  listenerName: string;
  timeoutMs: number;
}

export function txnVerifier(o: TxnVerifierOptions): TxnVerifier {
  return async (req: VerificationRequest): Promise<number> => {
    const image = o.image();
    const topic = image.topicsByName.get(TRANSACTION_STATE_TOPIC);
    // No __transaction_state yet: no transaction can have begun (Kafka answers the same).
    if (!topic || topic.partitions.length === 0) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const leader = topic.partitions[coordinatorPartition(req.transactionalId, topic.partitions.length)]?.leader ?? -1;
    const endpoint = leader < 0 ? undefined : brokerEndpoint(image, leader, o.listenerName);
    if (!endpoint) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const body = {
      transactions: [{
        transactionalId: req.transactionalId, producerId: req.producerId, producerEpoch: req.producerEpoch,
        verifyOnly: true, topics: [{ name: req.topic, partitions: [req.partition] }],
      }],
      v3AndBelowTransactionalId: '', v3AndBelowProducerId: 0, v3AndBelowProducerEpoch: 0, v3AndBelowTopics: [],
    };
    try {
      const res = await o.peers.request(endpoint, AddPartitionsToTxnApi, VERIFY_VERSION, body, o.timeoutMs);
      if (res.errorCode !== ErrorCode.NONE) return res.errorCode;
      const result = res.resultsByTransaction.find((t) => t.transactionalId === req.transactionalId);
      const partition = result?.topicResults.find((t) => t.name === req.topic)?.resultsByPartition.find((p) => p.partitionIndex === req.partition);
      return partition?.partitionErrorCode ?? ErrorCode.INVALID_TXN_STATE;
    } catch {
      return ErrorCode.NETWORK_EXCEPTION;
    }
  };
}
