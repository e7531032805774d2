// The cluster's controls out of process: `kraftling start --nodes 3` with kraftling.control.listener
// set serves JSON over HTTP, and a client in another process (here kafkajs; any language would do)
// sees the faults it injects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { ErrorCode } from '../../protocol/errors.js';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';

let broker: BrokerProcess;
let control: string;

beforeAll(async () => {
  broker = await startBrokerProcess(['--nodes', '3', '--ephemeral', '--port', '0', '--log-level', 'warn', '-o', 'kraftling.control.listener=127.0.0.1:0']);
  control = /control=(\S+)/.exec(broker.stdout())![1]!;
});

afterAll(async () => {
  broker?.child.kill('SIGTERM');
  await broker?.exited;
});

interface ClusterView { controllerId: number | null; nodes: { id: number; status: string }[]; error?: string }

async function post(name: string, body: object = {}): Promise<{ status: number; view: ClusterView }> {
  const res = await fetch(`http://${control}/${name}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, view: (await res.json()) as ClusterView };
}

function kafka(retries: number): Kafka {
  return new Kafka({ brokers: broker.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries, initialRetryTime: 50 } });
}

describe('control endpoint', () => {
  it('GET /cluster describes the nodes and the controller', async () => {
    const view = (await (await fetch(`http://${control}/cluster`)).json()) as ClusterView;
    expect(view.nodes).toEqual([1, 2, 3].map((id) => ({ id, status: 'running' })));
    expect([1, 2, 3]).toContain(view.controllerId);
  });

  it('fail-requests reaches a client in another process; its retry succeeds', async () => {
    const admin = kafka(8).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'remote', numPartitions: 1, replicationFactor: 3 }] });
    const [meta] = (await admin.fetchTopicMetadata({ topics: ['remote'] })).topics;
    await admin.disconnect();
    const leader = meta!.partitions[0]!.leader;
    expect((await post('fail-requests', { node: leader, apiKey: 0, errorCodes: [ErrorCode.NOT_LEADER_OR_FOLLOWER] })).status).toBe(200);
    const strict = kafka(0).producer({ retry: { retries: 0 } });
    await strict.connect();
    await expect(strict.send({ topic: 'remote', acks: -1, messages: [{ value: 'x' }] })).rejects.toThrow(/leader/i);
    await strict.disconnect();
    await post('fail-requests', { node: leader, apiKey: 0, errorCodes: [ErrorCode.NOT_LEADER_OR_FOLLOWER] });
    const producer = kafka(8).producer();
    await producer.connect();
    await producer.send({ topic: 'remote', acks: -1, messages: [{ value: 'y' }] });
    await producer.disconnect();
  });

  it('kill and restart a node; bad requests get 400 with the reason', async () => {
    const killed = await post('kill', { node: 2 });
    expect(killed.view.nodes.find((n) => n.id === 2)!.status).toBe('stopped');
    const restarted = await post('restart', { node: 2 });
    expect(restarted.view.nodes.find((n) => n.id === 2)!.status).toBe('running');
    expect(await post('kill', { node: 'two' })).toMatchObject({ status: 400, view: { error: expect.stringMatching(/node/) } });
    expect(await post('kill', { node: 9 })).toMatchObject({ status: 400 });
    expect((await post('explode')).status).toBe(404);
  });
});
