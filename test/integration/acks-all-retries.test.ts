// An idempotent producer's retry under acks=all over TCP on three nodes: its first attempt timed
// out with the batch on the leader alone (the follower died), and the retry of the same batch must
// not be acknowledged on that single copy. The leader answers it as the first attempt would have
// been answered: NOT_ENOUGH_REPLICAS_AFTER_APPEND once the ISR shrinks below min.insync.replicas.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { clusterWithAdmin, THREE_NODE_OVERRIDES } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { produceTo, txnRecords } from '../helpers/txn-requests.js';

// Loose quorum timeouts as in kraft-cluster.test.ts (three nodes share this process). The lag
// and session bounds are what the dead follower keeps its ISR place for: the two requests below
// reach the leader within this process's next event-loop turns, long before that.
const ctx = clusterWithAdmin({ nodes: 3, overrides: THREE_NODE_OVERRIDES });

/** One idempotent producer's batch: the same bytes on every attempt, as a retry sends them. */
const batch = (seq: number, values: string[]): Buffer => txnRecords({ producerId: 7001, producerEpoch: 0 }, seq, values, false);

const produce = (client: RawClient, records: Buffer, timeoutMs: number) => produceTo(client, 'retried', 0, records, null, timeoutMs);

describe('a retried idempotent batch under acks=all', () => {
  it('is not acknowledged on the leader alone after its first attempt timed out', async () => {
    const { cluster, admin } = ctx;
    await admin.createTopics({ topics: [{
      topic: 'retried', replicaAssignment: [{ partition: 0, replicas: [1, 2] }],
      configEntries: [{ name: 'min.insync.replicas', value: '2' }],
    }] });
    const leader = cluster.nodes.find((n) => n.nodeId === 1)!.brokerAddresses[0]!;
    const client = await RawClient.connect(`${leader.host}:${leader.port}`);
    const first = batch(0, ['two copies']);
    let answer = await produce(client, first, 60_000);
    for (let i = 0; answer.errorCode !== ErrorCode.NONE && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100)); // the new partition's leadership is still spreading
      answer = await produce(client, first, 60_000);
    }
    expect(answer.errorCode).toBe(ErrorCode.NONE);

    cluster.nodes.find((n) => n.nodeId === 2)!.kill();
    const second = batch(1, ['one copy']);
    expect((await produce(client, second, 1)).errorCode).toBe(ErrorCode.REQUEST_TIMED_OUT);
    // The producer retries the same batch; the leader has it already, on itself alone.
    const retried = await produce(client, second, 60_000);
    expect(retried.errorCode).toBe(ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
    expect((await readPartition(client, 'retried', 0)).map((r) => r.value!.toString())).toEqual(['two copies', 'one copy']);
    client.close();
  });
});
