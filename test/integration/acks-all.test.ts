// acks=all against min.insync.replicas on a three-node cluster over real TCP: a request waiting
// for its follower when the follower dies is answered NOT_ENOUGH_REPLICAS_AFTER_APPEND once the ISR
// shrinks without it (never success with one copy), and the next one NOT_ENOUGH_REPLICAS before
// anything is appended.
import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { clusterWithAdmin, THREE_NODE_OVERRIDES } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { produceTo } from '../helpers/txn-requests.js';

// The follower's death must not shrink the ISR before the produce below is appended: the
// session and lag limits leave seconds for a request sent right after the kill.
const ctx = clusterWithAdmin({ nodes: 3, overrides: THREE_NODE_OVERRIDES });

async function until<T>(op: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await op();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('acks=all with min.insync.replicas=2', () => {
  it('answers NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrinks below it while the request waits', async () => {
    const { cluster, admin } = ctx;
    await admin.createTopics({ topics: [{ topic: 'two-copies', numPartitions: 1, replicationFactor: 2, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }] });
    const partition = await until(async () => {
      const p = (await admin.fetchTopicMetadata({ topics: ['two-copies'] })).topics[0]!.partitions[0]!;
      return p.isr.length === 2 && p.leader >= 0 ? p : undefined;
    });
    const leader = cluster.nodes.find((n) => n.nodeId === partition.leader)!;
    const follower = cluster.nodes.find((n) => n.nodeId === partition.replicas.find((id) => id !== partition.leader))!;
    const address = leader.brokerAddresses[0]!;
    const raw = await RawClient.connect(`${address.host}:${address.port}`);
    const produce = () => produceTo(raw, 'two-copies', 0, encodeRecordBatch({ records: [{ key: null, value: Buffer.from('x'), timestamp: Date.now() }] }), null, 120_000);

    follower.kill();
    const waited = await produce();
    // Appended (it has an offset in the log) but acknowledged by one replica only.
    expect(waited.errorCode).toBe(20);
    // Every broker's metadata gets the shrunk ISR in its own time.
    await until(async () => {
      const p = (await admin.fetchTopicMetadata({ topics: ['two-copies'] })).topics[0]!.partitions[0]!;
      return p.isr.length === 1 && p.isr[0] === partition.leader ? p : undefined;
    });
    expect((await produce()).errorCode).toBe(19);
    raw.close();
  });
});
