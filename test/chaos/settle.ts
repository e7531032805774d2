// Before and after the faults: create the topic, wait until every partition has a leader and a full
// ISR, and read each partition back from its leader (0 to the high watermark).
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { RawClient } from '../helpers/raw-client.js';
import { highWatermark, readPartition } from '../helpers/read-all.js';
import type { PartitionContents } from './check-acks.js';
import { ask, NODE_IDS, type ChaosCluster } from './cluster.js';

const POLL_MS = 100;
const TOPIC_EXISTS = 36;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function createTopic(cluster: ChaosCluster, topic: string, partitions: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const res = await ask(cluster.addresses[0]!, (c) => c.request(CreateTopicsApi, 7, {
      topics: [{ name: topic, numPartitions: partitions, replicationFactor: 3, assignments: [], configs: [{ name: 'min.insync.replicas', value: '2' }] }],
      timeoutMs: 10_000, validateOnly: false,
    }));
    const code = res?.topics[0]?.errorCode;
    if (code === 0 || code === TOPIC_EXISTS) return;
    if (performance.now() > deadline) throw new Error(`CreateTopics ${topic}: error ${code ?? 'no answer'}`);
    await sleep(POLL_MS);
  }
}

/** Leaders by partition once every node is up and every partition has a leader and a full ISR. */
export async function waitForFullIsr(cluster: ChaosCluster, topic: string, partitions: number, timeoutMs: number): Promise<Map<number, number>> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no metadata';
  while (performance.now() < deadline) {
    const meta = await cluster.metadata(topic);
    const parts = meta?.topics[0]?.partitions ?? [];
    const full = parts.length === partitions && parts.every((p) => p.leaderId >= 0 && p.isrNodes.length === NODE_IDS.length);
    if (full) return new Map(parts.map((p) => [p.partitionIndex, p.leaderId]));
    last = parts.map((p) => `p${p.partitionIndex} leader ${p.leaderId} isr [${p.isrNodes.join(',')}]`).join('; ') || last;
    await sleep(POLL_MS);
  }
  throw new Error(`the cluster did not settle (full ISR) in ${timeoutMs} ms: ${last}`);
}

async function readOnce(address: string, topic: string, partition: number): Promise<PartitionContents> {
  const client = await RawClient.connect(address);
  try {
    const hw = await highWatermark(client, topic, partition);
    return { partition, highWatermark: hw, records: await readPartition(client, topic, partition) };
  } finally {
    client.close();
  }
}

/** Every partition from its leader; a read that fails is tried again (a leader may still move). */
export async function readBack(cluster: ChaosCluster, topic: string, partitions: number, timeoutMs: number): Promise<PartitionContents[]> {
  const out: PartitionContents[] = [];
  for (let p = 0; p < partitions; p++) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const leaders = await waitForFullIsr(cluster, topic, partitions, timeoutMs);
      try {
        out.push(await readOnce(cluster.addresses[leaders.get(p)! - 1]!, topic, p));
        break;
      } catch (err) {
        if (performance.now() > deadline) throw new Error(`partition ${p} could not be read: ${(err as Error).message}`);
        await sleep(POLL_MS);
      }
    }
  }
  return out;
}
