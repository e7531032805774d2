// What the quorum tests over real processes share: configs for three nodes that find each other
// through controller.quorum.bootstrap.servers, the nodes' incarnations (each start is one, killed
// ones kept for the log checks), DescribeQuorum v2, a kafkajs acks=all producer running in the
// background, and the check that no epoch had two active controllers.
import fs from 'node:fs';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import { DescribeQuorumApi } from '../../protocol/generated/api/55-describe-quorum.js';
import { freePort } from '../../src/cluster/free-port.js';
import { startBrokerProcess, type BrokerProcess } from './broker-process.js';
import { RawClient } from './raw-client.js';

/** server-N.properties for three combined nodes in `dir`, with `extra` lines for each. */
export async function dynamicQuorumConfigs(dir: string, extra: string[]): Promise<{ files: string[]; brokers: string[]; controllers: string[] }> {
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort('127.0.0.1')));
  const brokers = ports.slice(0, 3).map((p) => `127.0.0.1:${p}`);
  const controllers = ports.slice(3).map((p) => `127.0.0.1:${p}`);
  const files = [0, 1, 2].map((i) => {
    const file = path.join(dir, `server-${i + 1}.properties`);
    fs.writeFileSync(file, [
      'process.roles=broker,controller', `node.id=${i + 1}`, `controller.quorum.bootstrap.servers=${controllers.join(',')}`,
      `listeners=PLAINTEXT://${brokers[i]},CONTROLLER://${controllers[i]}`, `advertised.listeners=PLAINTEXT://${brokers[i]}`,
      'controller.listener.names=CONTROLLER', 'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT', `log.dirs=${path.join(dir, `node-${i + 1}`)}`, ...extra, '',
    ].join('\n'));
    return file;
  });
  return { files, brokers, controllers };
}

/** The nodes of one test: the running process of each (by index) and every incarnation so far. */
export class NodeProcesses {
  readonly running: (BrokerProcess | undefined)[] = [];
  readonly incarnations: BrokerProcess[] = [];

  async start(file: string, index: number): Promise<BrokerProcess> {
    const b = await startBrokerProcess(['--config', file, '--log-level', 'info']);
    this.running[index] = b;
    this.incarnations.push(b);
    return b;
  }

  async kill(index: number): Promise<void> {
    const b = this.running[index];
    if (b === undefined) return;
    b.child.kill('SIGKILL');
    await b.exited;
    this.running[index] = undefined;
  }

  async killAll(): Promise<void> {
    await Promise.all(this.running.map((_, i) => this.kill(i)));
  }

  /** Each epoch's active controllers, from every incarnation's log. */
  controllersByEpoch(): Map<number, number[]> {
    const leaders = new Map<number, Set<number>>();
    for (const b of this.incarnations) {
      for (const line of b.stderr().split('\n')) {
        const m = /"node":(\d+),"epoch":(\d+),"msg":"this node is now the active controller"/.exec(line);
        if (m) leaders.set(Number(m[2]), new Set([...(leaders.get(Number(m[2])) ?? []), Number(m[1])]));
      }
    }
    return new Map([...leaders].map(([epoch, nodes]) => [epoch, [...nodes]]));
  }
}

/** DescribeQuorum v2 at `address`: the partition and the nodes, or undefined without a leader. */
export async function describeQuorumAt(address: string) {
  const client = await RawClient.connect(address);
  try {
    const res = await client.request(DescribeQuorumApi, 2, { topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }] });
    const p = res.topics[0]!.partitions[0]!;
    return p.errorCode === 0 && p.leaderId >= 0 ? { ...p, nodes: res.nodes } : undefined;
  } finally {
    client.close();
  }
}

/** A kafkajs acks=all producer sending batches of 10 until stopped; `acked` holds what was
 * acknowledged. Values are `<prefix>m-<batch>-<record>`; an idempotent one writes each at most once. */
export async function backgroundProducer(kafka: Kafka, topic: string, partitions: number,
  options: { prefix?: string; idempotent?: boolean } = {}): Promise<{ acked: string[]; stop: () => Promise<void> }> {
  const producer = kafka.producer(options.idempotent ? { idempotent: true, maxInFlightRequests: 1 } : {});
  await producer.connect();
  const acked: string[] = [];
  let stopped = false;
  const producing = (async () => {
    for (let i = 0; !stopped; i++) {
      // One partition per send: kafkajs 2.2 (its issue #1303) can resolve a send spanning brokers
      // without sending a partition whose leader moved to a broker that had already answered.
      const messages = Array.from({ length: 10 }, (_, j) => ({ value: `${options.prefix ?? ''}m-${i}-${j}`, partition: i % partitions }));
      try {
        await producer.send({ topic, acks: -1, messages });
        acked.push(...messages.map((m) => m.value));
      } catch {
        // Not acknowledged: it may or may not be there, and nothing is claimed about it.
      }
    }
  })();
  return {
    acked,
    stop: async () => {
      stopped = true;
      await producing;
      await producer.disconnect();
    },
  };
}
