// What a producer sees when a partition leader dies: on three processes started from
// server.properties, kill -9 of the leader of a one-partition topic (RF 3, min.insync.replicas=2),
// then Metadata and acks=-1 Produce requests to whoever the survivors name as leader, until one is
// acknowledged. The figure is the time from the SIGKILL to that first acknowledgement: the dead
// broker's session timeout, the new leader's election, and the ISR shrink it takes together.
import { MetadataApi, type MetadataResponsePartition } from '../../protocol/generated/api/03-metadata.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { POLL_INTERVAL_MS, ProcessCluster, VOTERS } from './kraft-cluster.js';
import { BenchConnection } from './raw-client.js';
import { median, msRange, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const TOPIC = 'bench-leader-kill';
const WAIT_TIMEOUT_MS = 60_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One request on a fresh connection; undefined when the node does not answer. */
async function ask<T>(address: string, send: (conn: BenchConnection) => Promise<T>): Promise<T | undefined> {
  let conn: BenchConnection | undefined;
  try {
    conn = await BenchConnection.connect(address);
    return await send(conn);
  } catch {
    return undefined;
  } finally {
    conn?.close();
  }
}

async function partitionState(addresses: string[]): Promise<MetadataResponsePartition | undefined> {
  for (const address of addresses) {
    const res = await ask(address, (c) => c.request(MetadataApi, 12, {
      topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: TOPIC }], allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
    }));
    const p = res?.topics[0]?.partitions[0];
    if (p && p.errorCode === 0 && p.leaderId >= 0) return p;
  }
  return undefined;
}

/** Polls until `accept` holds for the partition as one of `addresses` describes it. */
async function waitFor(addresses: string[], accept: (p: MetadataResponsePartition) => boolean, what: string): Promise<MetadataResponsePartition> {
  const deadline = performance.now() + WAIT_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const p = await partitionState(addresses);
    if (p && accept(p)) return p;
    await sleep(POLL_INTERVAL_MS);
  }
  throw new Error(`${what} not seen in ${WAIT_TIMEOUT_MS} ms`);
}

async function produceOnce(address: string): Promise<boolean> {
  const records = encodeRecordBatch({ records: [{ key: null, value: Buffer.from('x'), timestamp: Date.now() }] });
  const res = await ask(address, (c) => c.request(ProduceApi, 9, {
    transactionalId: null, acks: -1, timeoutMs: 30_000, topicData: [{ name: TOPIC, partitionData: [{ index: 0, records }] }],
  }));
  return res?.responses[0]?.partitionResponses[0]?.errorCode === 0;
}

/** kill -9 of the leader; ms until a produce to the partition is acknowledged again. */
async function killLeader(cluster: ProcessCluster): Promise<number> {
  const before = await waitFor(cluster.brokerAddresses, (p) => p.isrNodes.length === VOTERS, 'a full ISR');
  const victim = before.leaderId;
  if (!(await produceOnce(cluster.brokerAddresses[victim - 1]!))) throw new Error('the leader refused a produce before the kill');
  const survivors = cluster.brokerAddresses.filter((_, i) => i !== victim - 1);
  const killedAt = performance.now();
  const gone = cluster.killNode(victim);
  for (;;) {
    const p = await partitionState(survivors);
    if (p && p.leaderId !== victim && (await produceOnce(cluster.brokerAddresses[p.leaderId - 1]!))) break;
    if (performance.now() - killedAt > WAIT_TIMEOUT_MS) throw new Error(`no produce acknowledged in ${WAIT_TIMEOUT_MS} ms`);
    await sleep(POLL_INTERVAL_MS);
  }
  const ms = performance.now() - killedAt;
  await gone;
  await cluster.startNode(victim);
  return ms;
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  const cluster = await ProcessCluster.create();
  const samples: number[] = [];
  try {
    await cluster.startAll();
    const created = await ask(cluster.brokerAddresses[0]!, (c) => c.request(CreateTopicsApi, 7, {
      topics: [{ name: TOPIC, numPartitions: 1, replicationFactor: VOTERS, assignments: [], configs: [{ name: 'min.insync.replicas', value: '2' }] }],
      timeoutMs: 30_000, validateOnly: false,
    }));
    if (created?.topics[0]?.errorCode !== 0) throw new Error(`CreateTopics ${TOPIC}: error ${created?.topics[0]?.errorCode ?? 'no answer'}`);
    for (let k = 0; k < settings.failoverRuns; k++) {
      settings.log(`leader-kill: kill -9 of the partition leader, ${k + 1} of ${settings.failoverRuns}`);
      samples.push(await killLeader(cluster));
    }
  } finally {
    await cluster.stop();
  }
  return [{
    group: 'leader-kill',
    name: 'kill -9 partition leader -> first acked produce',
    value: `${median(samples).toFixed(0)} ms`,
    versus: `${msRange(samples)}; includes the dead broker's fencing and the ISR shrink to min.insync.replicas`,
    generator: `${VOTERS} processes (kraftling start --config, dev profile); topic of 1 partition, RF ${VOTERS}, min.insync.replicas=2; `
      + `SIGKILL of its leader, then Metadata to the survivors and one acks=-1 Produce v9 to the named leader every `
      + `${POLL_INTERVAL_MS} ms until one is acknowledged; node restarted and back in the ISR between kills; median of ${samples.length}`,
  }];
}

export const leaderKillGroup: FigureGroup = {
  name: 'leader-kill',
  description: 'three-node cluster: kill -9 of a partition leader -> first acknowledged produce to that partition',
  usesBroker: true,
  run,
};
