// An idempotent producer's retry after segment rolls and a broker restart, over real TCP against a
// real broker process: the first batch is sent, enough other data follows to roll the 1 KiB
// segments several times, the broker is stopped (SIGTERM) or killed (SIGKILL) and started again,
// and the first batch is retried with its original sequence. Kafka answers such a duplicate with
// success and the original batch's base offset, and the log holds it once.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { readPartition } from '../helpers/read-all.js';

const TOPIC = 'retried';
const PRODUCER = { producerId: 4242, producerEpoch: 0 };
const newDataDir = tempDirs('kraftling-idempotent-');

function start(dataDir: string): Promise<BrokerProcess> {
  return startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn', '-o', 'log.segment.bytes=1024']);
}

function idempotentBatch(baseSequence: number, values: string[]): Buffer {
  return encodeRecordBatch({ ...PRODUCER, baseSequence, records: values.map((v) => ({ key: null, value: Buffer.from(v), timestamp: Date.now() })) });
}

const RETRIABLE: number[] = [ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION];

/** Produces with acks=1, retrying while the restarted broker is not yet serving the partition. */
async function produce(client: RawClient, records: Buffer): Promise<{ errorCode: number; baseOffset: number }> {
  for (;;) {
    const res = await client.request(ProduceApi, 9, {
      transactionalId: null, acks: 1, timeoutMs: 5000,
      topicData: [{ name: TOPIC, partitionData: [{ index: 0, records }] }],
    });
    const r = res.responses[0]!.partitionResponses[0]!;
    // Bounded by the test's timeout rather than a count: a loaded machine may take a while.
    if (!RETRIABLE.includes(r.errorCode)) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('idempotent producer retry after segment rolls and a restart', () => {
  for (const stop of ['SIGTERM', 'SIGKILL'] as const) {
    it(`answers the retried first batch with its original offset after ${stop}`, async () => {
      const dataDir = newDataDir();
      let broker = await start(dataDir);
      let client = await RawClient.connect(broker.bootstrap);
      await client.request(CreateTopicsApi, 7, {
        topics: [{ name: TOPIC, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
      });
      const first = idempotentBatch(0, ['first-0', 'first-1', 'first-2']);
      expect(await produce(client, Buffer.from(first))).toMatchObject({ errorCode: 0, baseOffset: 0 });
      for (let i = 0; i < 12; i++) {
        const filler = encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(300, 97 + i), timestamp: Date.now() }] });
        expect(await produce(client, filler)).toMatchObject({ errorCode: 0 });
      }
      const partitionDir = path.join(dataDir, 'node-1', `${TOPIC}-0`);
      expect(fs.readdirSync(partitionDir).filter((n) => n.endsWith('.log')).length).toBeGreaterThan(3);
      const before = await readPartition(client, TOPIC, 0);
      client.close();

      broker.child.kill(stop);
      await broker.exited;
      broker = await start(dataDir);
      client = await RawClient.connect(broker.bootstrap);
      try {
        const retried = await produce(client, Buffer.from(first));
        expect(retried).toMatchObject({ errorCode: 0, baseOffset: 0 });
        const after = await readPartition(client, TOPIC, 0);
        expect(after.length).toBe(before.length);
        expect(after.filter((r) => r.value!.toString().startsWith('first-')).map((r) => r.offset)).toEqual([0, 1, 2]);
        // The producer goes on from its sequence; a gap is still refused.
        expect(await produce(client, idempotentBatch(3, ['next']))).toMatchObject({ errorCode: 0, baseOffset: before.length });
        expect(await produce(client, idempotentBatch(9, ['gap']))).toMatchObject({ errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER });
      } finally {
        client.close();
        broker.child.kill('SIGKILL');
        await broker.exited;
      }
    }, 60_000);
  }
});
