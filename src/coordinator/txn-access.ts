// What the transaction handlers see of the transaction coordinator (BrokerServices.transactions):
// promise-returning views of its callback-driven requests, with the broker clock read at the call.
import type { TransactionState as DescribedTxn } from '../../protocol/generated/api/65-describe-transactions.js';
import type { ListTransactionsResponse } from '../../protocol/generated/api/66-list-transactions.js';
import type {
  InitProducerIdInput, ProducerIdAndEpoch, TransactionCoordinator, TxnPartitionsInput,
} from './transaction-coordinator.js';

export interface TxnProducerRef {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
}

export interface TxnCoordinatorAccess {
  initProducerId(req: InitProducerIdInput): Promise<ProducerIdAndEpoch>;
  addPartitions(req: TxnPartitionsInput): Promise<number>;
  /** KIP-890 verification: error code per "topic\0partition". */
  verifyPartitions(req: TxnPartitionsInput): Map<string, number>;
  addOffsets(req: TxnProducerRef & { groupId: string }): Promise<number>;
  endTxn(req: TxnProducerRef & { committed: boolean }): Promise<number>;
  describe(transactionalIds: string[]): DescribedTxn[];
  list(stateFilters: string[], producerIdFilters: number[], durationFilterMs: number): Omit<ListTransactionsResponse, 'throttleTimeMs'>;
}

export function txnCoordinatorAccess(c: TransactionCoordinator, nowMs: () => number): TxnCoordinatorAccess {
  return {
    initProducerId: (req) => new Promise((resolve) => c.initProducerId(req, nowMs(), resolve)),
    addPartitions: (req) => new Promise((resolve) => c.addPartitions(req, nowMs(), resolve)),
    verifyPartitions: (req) => c.verifyPartitions(req, nowMs()),
    addOffsets: (req) => new Promise((resolve) => c.addOffsets(req, nowMs(), resolve)),
    endTxn: (req) => new Promise((resolve) => c.endTxn(req, nowMs(), resolve)),
    describe: (ids) => c.describe(ids, nowMs()),
    list: (states, producerIds, durationMs) => c.list(states, producerIds, durationMs, nowMs()),
  };
}
