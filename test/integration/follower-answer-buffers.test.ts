// A follower reads each fetch answer into a reused buffer and gives it back only once every
// partition's records from it are in the log (a batch of 320 KiB is written on the thread pool,
// from that buffer). With acks=all producers keeping two partitions busy, the next answer arrives
// while the last one may still be being written: a buffer reused too early would leave a follower
// with bytes the leader never wrote. Each replica's log is compared batch by batch with the
// leader's, before and after the leader of a partition is killed and restarted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Producer } from 'kafkajs';
import type { Cluster } from '../../src/cluster/cluster.js';
import { THREE_NODE_OVERRIDES, kafkaClient, startCluster } from '../helpers/cluster.js';

const TOPIC = 'answers';
const PARTITIONS = 2;
const VALUE_BYTES = 8 * 1024;
/** Messages per send and partition: a batch of about 320 KiB. */
const PER_PARTITION = 40;
const IN_FLIGHT = 6;

let cluster: Cluster;
let producer: Producer;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, overrides: THREE_NODE_OVERRIDES });
  const kafka = kafkaClient(cluster);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3 }], waitForLeaders: true });
  await admin.disconnect();
  // Retries that outlast broker.session.timeout.ms: until then the killed node still leads.
  producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1_000 } });
  await producer.connect();
}, 60_000);

afterAll(async () => {
  await producer?.disconnect();
  await cluster?.stop();
});

/** `IN_FLIGHT` acks=all sends at once, each a batch of distinct 8 KiB values to every partition. */
async function produceRound(round: number): Promise<void> {
  await Promise.all(Array.from({ length: IN_FLIGHT }, (_, s) => producer.send({
    topic: TOPIC, acks: -1,
    messages: Array.from({ length: PARTITIONS * PER_PARTITION }, (_, i) => {
      const value = Buffer.alloc(VALUE_BYTES, (round * 13 + s * 5 + i) & 0xff);
      value.write(`r${round}-s${s}-m${i}-`, 0);
      return { partition: i % PARTITIONS, value };
    }),
  })));
}

/** The bytes of a replica's log for `partition`, from offset 0 to its end. */
function logBytes(nodeId: number, partition: number): Buffer {
  const found = cluster.node(nodeId).view.replicas!.lookup(TOPIC, partition);
  if (!('partition' in found)) throw new Error(`node ${nodeId} does not host ${TOPIC}-${partition}`);
  const log = found.partition.log;
  const parts: Buffer[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const read = log.read(offset, 8 * 1024 * 1024, log.logEndOffset);
    if (read.errorCode !== 0 || read.records === undefined || read.records.length === 0) throw new Error(`node ${nodeId}: read at ${offset} failed`);
    parts.push(Buffer.from(read.records));
    // The last batch's last offset: base offset (8 bytes at 0) plus last offset delta (4 bytes at 23).
    let position = 0;
    while (position < read.records.length) {
      const size = read.records.readInt32BE(position + 8) + 12;
      offset = Number(read.records.readBigInt64BE(position)) + read.records.readInt32BE(position + 23) + 1;
      position += size;
    }
  }
  return Buffer.concat(parts);
}

/** Waits until every running replica of each partition has the leader's log end, then compares. */
async function expectSameLogs(): Promise<void> {
  for (let partition = 0; partition < PARTITIONS; partition++) {
    const ids = cluster.running().map((n) => n.nodeId);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ends = ids.map((id) => {
        const found = cluster.node(id).view.replicas!.lookup(TOPIC, partition);
        return 'partition' in found ? found.partition.log.logEndOffset : -1;
      });
      if (ends.every((e) => e === ends[0] && e > 0)) break;
      if (Date.now() > deadline) throw new Error(`partition ${partition}: log ends ${ends.join(', ')} never met`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [first, ...others] = ids.map((id) => ({ id, bytes: logBytes(id, partition) }));
    for (const other of others) {
      expect(other.bytes.length, `partition ${partition}: node ${other.id} against node ${first!.id}`).toBe(first!.bytes.length);
      expect(other.bytes.equals(first!.bytes), `partition ${partition}: node ${other.id} holds other bytes than node ${first!.id}`).toBe(true);
    }
  }
}

describe('follower fetch answers read into reused buffers', () => {
  it('leave every replica with the leader\'s bytes, through a leader kill and restart', async () => {
    for (let round = 0; round < 4; round++) await produceRound(round);
    await expectSameLogs();

    const leader = cluster.leaderOf(TOPIC, 0)!;
    cluster.kill(leader);
    for (let round = 4; round < 7; round++) await produceRound(round);
    await expectSameLogs();

    await cluster.restart(leader);
    for (let round = 7; round < 9; round++) await produceRound(round);
    await expectSameLogs();
  }, 120_000);
});
