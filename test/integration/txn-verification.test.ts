// KIP-890 part 1 end to end over real TCP: with transaction.partition.verification.enable (the
// default), a partition leader asks the transaction coordinator before a producer's first
// transactional batch on a partition opens a transaction there. A batch for a partition the
// producer never added to its transaction (a hanging transaction in the making) is refused with
// INVALID_TXN_STATE and not written; once added, the same batch is taken. It needs the
// transaction coordinator's APIs (AddPartitionsToTxn): skipped with one line where they are not served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { FindCoordinatorApi } from '../../protocol/generated/api/10-find-coordinator.js';
import { InitProducerIdApi } from '../../protocol/generated/api/22-init-producer-id.js';
import { AddPartitionsToTxnApi } from '../../protocol/generated/api/24-add-partitions-to-txn.js';
import { EndTxnApi } from '../../protocol/generated/api/26-end-txn.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { handlerFor } from '../../src/broker/registry.js';
import { startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { fetchOnce, produceTo, txnRecords } from '../helpers/txn-requests.js';

const TOPIC = 'verified';
const coordinatorServed = handlerFor(AddPartitionsToTxnApi.key) !== undefined;
let cluster: Cluster;
let client: RawClient;

beforeAll(async () => {
  if (!coordinatorServed) return;
  cluster = await startCluster();
  client = await RawClient.connect(cluster.bootstrapServers);
  await client.request(CreateTopicsApi, 7, {
    topics: [{ name: TOPIC, numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
  });
});

afterAll(async () => {
  client?.close();
  await cluster?.stop();
});

/** FindCoordinator (which creates __transaction_state, as in Kafka) then InitProducerId for a
 * transactional id, retried while the coordinator loads. */
async function initProducer(transactionalId: string): Promise<{ producerId: number; producerEpoch: number }> {
  for (;;) {
    await client.request(FindCoordinatorApi, 4, { key: '', keyType: 1, coordinatorKeys: [transactionalId] });
    const res = await client.request(InitProducerIdApi, 4, { transactionalId, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
    if (res.errorCode === ErrorCode.NONE) return { producerId: res.producerId, producerEpoch: res.producerEpoch };
    expect([ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.NOT_COORDINATOR, ErrorCode.CONCURRENT_TRANSACTIONS]).toContain(res.errorCode);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!coordinatorServed)('transactional produce verified with the coordinator (KIP-890)', () => {
  it('refuses a batch for a partition not in the transaction, takes it once added', async () => {
    const p = await initProducer('verify-me');
    const refused = await produceTo(client, TOPIC, 1, txnRecords(p, 0, ['not-added']), 'verify-me');
    expect(refused.errorCode).toBe(ErrorCode.INVALID_TXN_STATE);
    expect((await fetchOnce(client, TOPIC, 1, 0, 0)).highWatermark).toBe(0);

    const added = await client.request(AddPartitionsToTxnApi, 3, {
      transactions: [], v3AndBelowTransactionalId: 'verify-me', v3AndBelowProducerId: p.producerId,
      v3AndBelowProducerEpoch: p.producerEpoch, v3AndBelowTopics: [{ name: TOPIC, partitions: [1] }],
    });
    expect(added.resultsByTopicV3AndBelow[0]!.resultsByPartition[0]!.partitionErrorCode).toBe(ErrorCode.NONE);
    expect((await produceTo(client, TOPIC, 1, txnRecords(p, 0, ['added']), 'verify-me')).errorCode).toBe(ErrorCode.NONE);
    // Partition 0 was never added: still refused while partition 1 is in the transaction.
    expect((await produceTo(client, TOPIC, 0, txnRecords(p, 0, ['elsewhere']), 'verify-me')).errorCode).toBe(ErrorCode.INVALID_TXN_STATE);

    const ended = await client.request(EndTxnApi, 3, { transactionalId: 'verify-me', producerId: p.producerId, producerEpoch: p.producerEpoch, committed: true });
    expect(ended.errorCode).toBe(ErrorCode.NONE);
    // The commit marker follows; read_committed then sees the one record (markers are written asynchronously).
    for (;;) {
      const data = await fetchOnce(client, TOPIC, 1, 0, 1);
      if (data.lastStableOffset === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await fetchOnce(client, TOPIC, 0, 0, 0)).highWatermark).toBe(0);
  });
});
