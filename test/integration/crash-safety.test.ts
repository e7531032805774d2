// kill -9 in the middle of a produce load, 20 times in a row: after every restart each
// acknowledged record is still at its offset, no offset is handed out twice, and a torn or
// corrupted tail left in the active segment is cut off by recovery.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { eventually } from '../helpers/retry.js';

const CYCLES = 20;
const TOPIC = 'crash';
const RECORDS_PER_BATCH = 10;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-crash-'));

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Acknowledged values by offset, across every cycle. */
const acknowledged = new Map<number, string>();

function batch(cycle: number, n: number): Buffer {
  const records = Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({
    key: null, value: Buffer.from(`c${cycle}-b${n}-r${i}`), timestamp: Date.now(),
  }));
  return encodeRecordBatch({ records });
}

/** Produces pipelined acks=1 batches until the connection dies; records what was acknowledged. */
async function produceUntilKilled(client: RawClient, cycle: number): Promise<void> {
  let n = 0;
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    const payload = batch(cycle, n++);
    const values = Array.from({ length: RECORDS_PER_BATCH }, (_, i) => `c${cycle}-b${n - 1}-r${i}`);
    const p = client.request(ProduceApi, 9, {
      transactionalId: null, acks: 1, timeoutMs: 5000,
      topicData: [{ name: TOPIC, partitionData: [{ index: 0, records: payload }] }],
    }).then((res) => {
      const r = res.responses[0]!.partitionResponses[0]!;
      if (r.errorCode !== 0) throw new Error(`produce error ${r.errorCode}`);
      values.forEach((v, i) => {
        const offset = r.baseOffset + i;
        // An offset handed out twice would show up here as a different value.
        expect(acknowledged.get(offset) ?? v).toBe(v);
        acknowledged.set(offset, v);
      });
    });
    inFlight.add(p);
    p.finally(() => inFlight.delete(p)).catch(() => undefined);
    if (inFlight.size >= 8) {
      try {
        await Promise.race(inFlight);
      } catch (err) {
        if (/closed|ECONNRESET|EPIPE/.test(String(err))) return;
        throw err;
      }
    }
  }
}

/** What a crash can leave behind: half a batch, or a whole one whose bytes do not match its CRC. */
function damageTail(cycle: number): void {
  const dir = path.join(dataDir, 'node-1', `${TOPIC}-0`);
  const segment = fs.readdirSync(dir).filter((f) => f.endsWith('.log')).sort().at(-1)!;
  const tail = batch(cycle, 999_999);
  if (cycle % 2 === 0) tail[tail.length - 3]! ^= 0xff;
  fs.appendFileSync(path.join(dir, segment), cycle % 2 === 0 ? tail : tail.subarray(0, tail.length - 7));
}

async function start(): Promise<BrokerProcess> {
  return startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn']);
}

describe('kill -9 during produce', () => {
  it(`keeps every acknowledged record across ${CYCLES} crashes`, async () => {
    let broker = await start();
    let client = await RawClient.connect(broker.bootstrap);
    await client.request(CreateTopicsApi, 7, {
      topics: [{ name: TOPIC, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
    });
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const load = produceUntilKilled(client, cycle);
      await new Promise((r) => setTimeout(r, 50 + ((cycle * 37) % 200)));
      broker.child.kill('SIGKILL');
      await load;
      await broker.exited;
      if (cycle % 4 === 3) damageTail(cycle);
      broker = await start();
      client = await RawClient.connect(broker.bootstrap);
      const stored = await readPartition(client, TOPIC, 0);
      // The log was recovered when it opened (at the latest for that read), with one log line.
      if (cycle % 4 === 3) {
        const started = broker;
        await eventually(async () => (/truncated a torn or corrupt log tail/.test(started.stderr()) ? true : undefined), 10_000);
      }
      const byOffset = new Map(stored.map((r) => [r.offset, r.value!.toString()]));
      for (const [offset, value] of acknowledged) expect(byOffset.get(offset), `offset ${offset}`).toBe(value);
    }
    expect(acknowledged.size).toBeGreaterThan(CYCLES * RECORDS_PER_BATCH);
    client.close();
    broker.child.kill('SIGKILL');
    await broker.exited;
  }, 240_000);
});
