// Many empty partitions across restarts, over real TCP against a real broker process. A new leader's
// epoch start on an empty log is kept in memory until the log's next flush or close (so a restart
// that makes thousands of empty partitions leaders does not fsync a checkpoint each first): this
// checks that clients cannot tell. Produce (acks=all) and Fetch work right after CreateTopics
// answers; after SIGKILL the broker replays its metadata, serves every partition, and keeps every
// acknowledged record exactly once; after a graceful stop it does the same again, and after being
// killed twice while starting.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { killWhileStarting, startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { highWatermark, readPartition } from '../helpers/read-all.js';

const TOPICS = 20;
const PARTITIONS = 10;
const RETRIABLE: number[] = [ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION];
const newDataDir = tempDirs('kraftling-many-partitions-');

function start(dataDir: string): Promise<BrokerProcess> {
  return startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn'], 60_000);
}

async function produceOnce(client: RawClient, topic: string, partition: number, value: string): Promise<{ errorCode: number; baseOffset: number }> {
  const records = encodeRecordBatch({ records: [{ key: null, value: Buffer.from(value), timestamp: Date.now() }] });
  const res = await client.request(ProduceApi, 9, {
    transactionalId: null, acks: -1, timeoutMs: 10_000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
  });
  return res.responses[0]!.partitionResponses[0]!;
}

/** After a restart: retries while the broker is not serving the partition yet (bounded by the test's timeout). */
async function produceRetrying(client: RawClient, topic: string, partition: number, value: string): Promise<{ errorCode: number; baseOffset: number }> {
  for (;;) {
    const r = await produceOnce(client, topic, partition, value);
    if (!RETRIABLE.includes(r.errorCode)) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every partition: its values in offset order. */
async function readAll(client: RawClient): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let t = 0; t < TOPICS; t++) {
    for (let p = 0; p < PARTITIONS; p++) {
      const records = await readPartition(client, `many-${t}`, p);
      out.set(`many-${t}/${p}`, records.map((r) => r.value!.toString()));
    }
  }
  return out;
}

describe('a broker with many (mostly empty) partitions', () => {
  it('serves them right after CreateTopics, and after SIGKILL and a graceful restart keeps every acknowledged record once', async () => {
    const dataDir = newDataDir();
    let broker = await start(dataDir);
    let client = await RawClient.connect(broker.bootstrap);
    const acknowledged = new Map<string, string[]>();
    const ack = (t: number, p: number, value: string): void => {
      acknowledged.set(`many-${t}/${p}`, [...(acknowledged.get(`many-${t}/${p}`) ?? []), value]);
    };
    try {
      const created = await client.request(CreateTopicsApi, 7, {
        topics: Array.from({ length: TOPICS }, (_, t) => ({ name: `many-${t}`, numPartitions: PARTITIONS, replicationFactor: 1, assignments: [], configs: [] })),
        timeoutMs: 30_000, validateOnly: false,
      });
      expect(created.topics.map((t) => t.errorCode)).toEqual(Array(TOPICS).fill(0));
      // The answer means usable: no retry here. One partition of each topic, all of topic 0.
      for (let t = 0; t < TOPICS; t++) {
        const r = await produceOnce(client, `many-${t}`, t % PARTITIONS, `first-${t}`);
        expect(r).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0 });
        ack(t, t % PARTITIONS, `first-${t}`);
      }
      for (let p = 1; p < PARTITIONS; p++) {
        expect(await produceOnce(client, 'many-0', p, `zero-${p}`)).toMatchObject({ errorCode: ErrorCode.NONE });
        ack(0, p, `zero-${p}`);
      }
      expect(await highWatermark(client, 'many-19', 0)).toBe(0);
      expect((await readPartition(client, 'many-3', 3)).map((r) => r.value!.toString())).toEqual(['first-3']);
    } finally {
      client.close();
    }

    const args = ['--data-dir', dataDir, '--port', '0', '--log-level', 'info'];
    for (const stop of ['SIGKILL', 'SIGTERM', 'starting'] as const) {
      broker.child.kill(stop === 'starting' ? 'SIGKILL' : stop);
      await broker.exited;
      // Then killed twice while starting, once it has replayed its metadata (its log directory
      // listed, no partition served yet).
      if (stop === 'starting') {
        let killedStarting = 0;
        for (let tries = 0; killedStarting < 2 && tries < 10; tries++) {
          if (await killWhileStarting(args, /replayed the metadata log it started with/, 60_000)) killedStarting++;
        }
        expect(killedStarting).toBe(2);
      }
      broker = await start(dataDir);
      client = await RawClient.connect(broker.bootstrap);
      try {
        // A partition empty until now, and one with data, both take writes after the restart.
        expect(await produceRetrying(client, 'many-19', 5, `after-${stop}`)).toMatchObject({ errorCode: ErrorCode.NONE });
        ack(19, 5, `after-${stop}`);
        expect(await produceRetrying(client, 'many-4', 4, `after-${stop}`)).toMatchObject({ errorCode: ErrorCode.NONE });
        ack(4, 4, `after-${stop}`);
        const stored = await readAll(client);
        for (const [key, values] of stored) expect(values, key).toEqual(acknowledged.get(key) ?? []);
      } finally {
        client.close();
      }
    }
    broker.child.kill('SIGKILL');
    await broker.exited;
  }, 180_000);
});
