// A rolling restart of a three-process cluster under load, as an operator does one: each node in
// turn gets SIGTERM (a controlled shutdown), is started again on its files, and the next waits until
// the restarted node is serving and back in every partition's ISR. Meanwhile an idempotent kafkajs
// producer sends with acks=all and a consumer group reads. Used by the integration test (which
// checks what was acknowledged and read) and by the bench (which reports the longest stall).
import type { Admin, Consumer, Producer } from 'kafkajs';
import { startBrokerProcess, type BrokerProcess } from './broker-process.js';
import { kafkaClient } from './cluster.js';
import { threeNodeConfigs } from './three-node.js';

export interface RollResult {
  /** Values the producer had acknowledged, in order. */
  acknowledged: number[];
  /** Values the group read, with the partition:offset places each was read at (a place read twice after a rebalance is at least once; two places are a duplicate). */
  consumed: Map<number, Set<string>>;
  /** Errors a send surfaced to the application after kafkajs's own retries. */
  sendErrors: string[];
  /** The longest time between two acknowledgements while nodes were restarted. */
  maxStallMs: number;
  /** Each node's exit code after its SIGTERM. */
  exitCodes: (number | string)[];
  /** Whether every partition was led by its preferred replica again afterwards. */
  leadersBalanced: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`rolling restart: ${what} not seen in ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function partitions(admin: Admin, topic: string) {
  const md = await admin.fetchTopicMetadata({ topics: [topic] });
  return md.topics[0]!.partitions;
}

export async function rollingRestart(dir: string, topic: string, partitionCount: number): Promise<RollResult> {
  // The controller moves leadership back to preferred replicas every second (the dev profile: 10 s).
  const { files, bootstrap } = await threeNodeConfigs(dir, ['leader.imbalance.check.interval.seconds=1']);
  const start = (f: string) => startBrokerProcess(['--config', f, '--log-level', 'warn'], 60_000);
  const nodes: BrokerProcess[] = await Promise.all(files.map(start));
  const kafka = kafkaClient(bootstrap, 'rolling-restart');
  const admin = kafka.admin();
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 30, initialRetryTime: 50, maxRetryTime: 1000 } });
  const consumer: Consumer = kafka.consumer({ groupId: 'rolling-restart', sessionTimeout: 10_000, heartbeatInterval: 500, retry: { retries: 30 } });
  const result: RollResult = { acknowledged: [], consumed: new Map(), sendErrors: [], maxStallMs: 0, exitCodes: [], leadersBalanced: false };
  let producing = true;
  let rolling = false;
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitionCount, replicationFactor: 3 }], waitForLeaders: true });
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const value = Number(message.value!.toString());
        const places = result.consumed.get(value) ?? new Set<string>();
        result.consumed.set(value, places.add(`${partition}:${message.offset}`));
      },
    });
    const load = (async () => {
      let lastAckMs = Date.now();
      for (let n = 0; producing; n++) {
        try {
          await producer.send({ topic, acks: -1, messages: [{ key: String(n % 97), value: String(n) }] });
          result.acknowledged.push(n);
          const now = Date.now();
          if (rolling) result.maxStallMs = Math.max(result.maxStallMs, now - lastAckMs);
          lastAckMs = now;
        } catch (err) {
          result.sendErrors.push((err as Error).message);
        }
        await sleep(5);
      }
    })();
    await until(async () => result.acknowledged.length >= 50, 'first acknowledgements');
    rolling = true;
    for (let i = 0; i < nodes.length; i++) {
      nodes[i]!.child.kill('SIGTERM');
      result.exitCodes.push(await nodes[i]!.exited);
      nodes[i] = await start(files[i]!);
      // Caught up: the node serves again (its ready line) and every partition has all three in sync.
      await until(async () => (await partitions(admin, topic)).every((p) => p.isr.length === 3), `node ${i + 1} back in every ISR`);
    }
    rolling = false;
    await until(async () => (await partitions(admin, topic)).every((p) => p.leader === p.replicas[0]), 'preferred leaders', 30_000)
      .then(() => { result.leadersBalanced = true; }, () => undefined);
    producing = false;
    await load;
    // What the group has not read by then is reported as lost by the caller's check.
    await until(async () => result.acknowledged.every((v) => result.consumed.has(v)), 'every acknowledged value read', 60_000)
      .catch(() => undefined);
    return result;
  } finally {
    producing = false;
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    for (const n of nodes) n.child.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
  }
}
