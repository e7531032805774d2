// `kraftling leader-election` against three nodes, with the automatic rebalance off: the preferred
// replica is killed, leadership moves, it comes back and catches up, and the tool gives it its
// leadership back, as kafka-leader-election does; asked again it has nothing to do. Every record
// acknowledged before, during and after is read back once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import type { Cluster } from '../../src/cluster/cluster.js';
import { runInProcess as cli } from '../helpers/cli-in-process.js';
import { THREE_NODE_OVERRIDES, kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';

let cluster: Cluster;
let admin: Admin;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, overrides: { ...THREE_NODE_OVERRIDES, 'auto.leader.rebalance.enable': 'false' } });
  admin = kafkaClient(cluster).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await cluster?.stop();
});

const partition = async () => (await admin.fetchTopicMetadata({ topics: ['elect'] })).topics[0]!.partitions[0]!;

describe('leader-election', () => {
  it('gives a killed and restarted preferred replica its leadership back; a second run has nothing to do', async () => {
    const controller = cluster.nodes.find((n) => n.quorumStatus?.role === 'leader')!.nodeId;
    const preferred = [1, 2, 3].find((id) => id !== controller)!;
    const replicas = [preferred, ...[1, 2, 3].filter((id) => id !== preferred)];
    await admin.createTopics({ topics: [{ topic: 'elect', replicaAssignment: [{ partition: 0, replicas }] }] });
    await retry(async () => expect((await partition()).isr).toHaveLength(3));
    const producer = kafkaClient(cluster).producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 20, initialRetryTime: 100 } });
    await producer.connect();
    const sent: string[] = [];
    const send = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const value = `r${sent.length}`;
        await producer.send({ topic: 'elect', acks: -1, messages: [{ value }] });
        sent.push(value);
      }
    };
    const bootstrap = ['--bootstrap-server', cluster.bootstrapServers];
    await send(20);

    cluster.kill(preferred);
    await retry(async () => expect((await partition()).leader).not.toBe(preferred));
    await send(20);
    await cluster.restart(preferred);
    await retry(async () => expect((await partition()).isr).toContain(preferred));
    expect((await partition()).leader).not.toBe(preferred);

    const elected = await cli(['leader-election', ...bootstrap, '--election-type', 'preferred', '--topic', 'elect', '--partition', '0']);
    expect(elected).toEqual({ code: 0, stdout: 'Successfully completed leader election (PREFERRED) for partitions elect-0\n', stderr: '' });
    await retry(async () => expect((await partition()).leader).toBe(preferred));
    const again = await cli(['leader-election', ...bootstrap, '--election-type', 'preferred', '--all-topic-partitions']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('Successfully completed');
    await send(20);
    await producer.disconnect();

    const unknown = await cli(['leader-election', ...bootstrap, '--election-type', 'preferred', '--topic', 'nope', '--partition', '0']);
    expect(unknown).toMatchObject({ code: 1, stdout: expect.stringMatching(/^Error completing leader election \(PREFERRED\) for partition: nope-0: UNKNOWN_TOPIC_OR_PARTITION/) });
    expect((await cli(['leader-election', ...bootstrap, '--election-type', 'sometimes', '--all-topic-partitions'])).code).toBe(2);
    expect((await cli(['leader-election', ...bootstrap, '--election-type', 'preferred'])).code).toBe(2);

    const leader = cluster.nodes.find((n) => n.nodeId === preferred)!;
    const raw = await RawClient.connect(`${leader.brokerAddresses[0]!.host}:${leader.brokerAddresses[0]!.port}`);
    const values = (await readPartition(raw, 'elect', 0)).map((r) => r.value?.toString());
    raw.close();
    expect(values).toEqual(sent);
  });
});
