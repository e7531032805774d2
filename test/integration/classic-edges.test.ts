// Classic group protocol edges seen with real clients over TCP: what kafkajs's low-level calls send
// (a JoinGroup without a rebalance timeout) and how librdkafka's cooperative-sticky members react
// to a deleted topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';

let cluster: Cluster;
let kafka: Kafka;

beforeAll(async () => {
  cluster = await startCluster({ overrides: { 'group.initial.rebalance.delay.ms': '0' } });
  kafka = kafkaClient(cluster);
});
afterAll(async () => {
  await cluster?.stop();
});

/** kafkajs's own cluster object (not exported): its brokers expose the raw group calls. */
function kafkajsCluster(client: Kafka): any {
  const create = Object.getOwnPropertySymbols(client).find((s) => s.description === 'private:Kafka:createCluster')!;
  return (client as any)[create]({});
}

describe('JoinGroup with rebalance_timeout_ms = 0', () => {
  it('keeps the member for its SyncGroup (kafkajs low-level joinGroup sends no rebalance timeout)', async () => {
    const kc = kafkajsCluster(kafka);
    await kc.connect();
    try {
      const groupId = 'zero-rebalance-timeout';
      const coordinator = await kc.findGroupCoordinator({ groupId });
      const joined = await coordinator.joinGroup({
        groupId, sessionTimeout: 10_000, groupProtocols: [{ name: 'p', metadata: Buffer.from('m') }],
      });
      const synced = await coordinator.syncGroup({
        groupId, generationId: joined.generationId, memberId: joined.memberId,
        groupAssignment: [{ memberId: joined.memberId, memberAssignment: Buffer.from('a') }],
      });
      expect(synced.memberAssignment.toString()).toBe('a');
    } finally {
      await kc.disconnect();
    }
  });
});
