// kill -9 of a broker process while keyed updates stream into a compacted topic of two partitions
// whose cleaner runs all the time (tiny segments, dirty ratio 0.01, 10 ms backoff, two passes at
// once with log.cleaner.threads=2), five times in a row: after every restart each key's latest
// acknowledged value is there at its offset, every record read is the one acknowledged at that
// offset, and no offset appears twice. The batch in flight when the
// kill lands may or may not have been written (acks=1 without a response is no promise either way);
// when it was, it is read once, at offsets after every acknowledged one, and counts from then on.
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

const CYCLES = 5;
const TOPIC = 'kv';
const PARTITIONS = 2;
const KEYS = 40;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-compaction-kill-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Acknowledged key and value by offset, across every cycle, per partition. */
const acknowledged = Array.from({ length: PARTITIONS }, () => new Map<number, { key: string; value: string }>());

/** Records sent without a response yet, by value, per partition: the kill may land between their
 * write and the ack. */
const inFlight = Array.from({ length: PARTITIONS }, () => new Map<string, string>());

/** UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE, NOT_LEADER_OR_FOLLOWER. */
const RETRIABLE = new Set([3, 5, 6]);

async function produceUntilKilled(client: RawClient, cycle: number): Promise<void> {
  for (let n = 0; ; n++) {
    const records = Array.from({ length: PARTITIONS }, (_, p) =>
      Array.from({ length: 10 }, (_, i) => ({ key: `k${(n * 10 + i) % KEYS}`, value: `c${cycle}-${n}-${i}-p${p}` })));
    records.forEach((rs, p) => { for (const r of rs) inFlight[p]!.set(r.value, r.key); });
    let res;
    try {
      res = await client.request(ProduceApi, 9, {
        transactionalId: null, acks: 1, timeoutMs: 5000,
        topicData: [{ name: TOPIC, partitionData: records.map((rs, index) => ({ index, records: encodeRecordBatch({
          records: rs.map((r) => ({ key: Buffer.from(r.key), value: Buffer.from(r.value), timestamp: Date.now() })),
        }) })) }],
      });
    } catch (err) {
      if (/closed|ECONNRESET|EPIPE/.test(String(err))) return;
      throw err;
    }
    let retriable = false;
    for (const r of res.responses[0]!.partitionResponses) {
      // Right after CreateTopics or a restart a partition may not be served yet: retriable, try again.
      if (RETRIABLE.has(r.errorCode)) {
        retriable = true;
        continue;
      }
      if (r.errorCode !== 0) throw new Error(`produce error ${r.errorCode}`);
      const p = r.index;
      for (const rec of records[p]!) inFlight[p]!.delete(rec.value);
      records[p]!.forEach((rec, i) => {
        expect(acknowledged[p]!.has(r.baseOffset + i), `p${p} offset ${r.baseOffset + i} handed out twice`).toBe(false);
        acknowledged[p]!.set(r.baseOffset + i, rec);
      });
    }
    if (retriable) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Stored = { offset: number; key: string; value: string }[];

/** Every record of each partition, stepping over batches a cleaning emptied. */
async function readStored(client: RawClient): Promise<Stored[]> {
  return Promise.all(Array.from({ length: PARTITIONS }, async (_, p) =>
    (await readPartition(client, TOPIC, p)).map((r) => ({ offset: r.offset, key: r.key!.toString(), value: r.value!.toString() }))));
}

/** In each partition, every record read is the one acknowledged at its offset, once; each key's latest is there. */
function checkStored(all: Stored[]): void {
  all.forEach((stored, p) => {
    const acked = acknowledged[p]!;
    const lastAcknowledged = Math.max(-1, ...acked.keys());
    for (const r of stored) {
      if (acked.has(r.offset) || inFlight[p]!.get(r.value) !== r.key) continue;
      // The unanswered batch of the last cycle was written before the kill: it is a fact from now on.
      expect(r.offset, `p${p}: unacknowledged ${r.value} below an acknowledged offset`).toBeGreaterThan(lastAcknowledged);
      acked.set(r.offset, { key: r.key, value: r.value });
    }
    inFlight[p]!.clear();
    let last = -1;
    for (const r of stored) {
      expect(r.offset, `p${p}: offsets increase`).toBeGreaterThan(last);
      expect({ key: r.key, value: r.value }, `p${p} offset ${r.offset}`).toEqual(acked.get(r.offset));
      last = r.offset;
    }
    const latest = new Map<string, number>();
    for (const [offset, rec] of acked) if ((latest.get(rec.key) ?? -1) < offset) latest.set(rec.key, offset);
    const storedOffsets = new Set(stored.map((r) => r.offset));
    for (const [key, offset] of latest) expect(storedOffsets.has(offset), `p${p}: latest of ${key} at ${offset}`).toBe(true);
  });
}

function start(): Promise<BrokerProcess> {
  return startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn', '--override', 'log.cleaner.backoff.ms=10',
    '--override', 'log.cleaner.threads=2']);
}

describe('kill -9 while the log cleaner runs', () => {
  it(`keeps every key's latest acknowledged value across ${CYCLES} crashes`, async () => {
    let broker = await start();
    let client = await RawClient.connect(broker.bootstrap);
    await client.request(CreateTopicsApi, 7, {
      topics: [{ name: TOPIC, numPartitions: PARTITIONS, replicationFactor: 1, assignments: [], configs: [
        { name: 'cleanup.policy', value: 'compact' }, { name: 'segment.bytes', value: '4096' },
        { name: 'min.cleanable.dirty.ratio', value: '0.01' },
      ] }], timeoutMs: 5000, validateOnly: false,
    });
    let killedMidCleaning = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const load = produceUntilKilled(client, cycle);
      await new Promise((r) => setTimeout(r, 300 + ((cycle * 137) % 500)));
      broker.child.kill('SIGKILL');
      await load;
      await broker.exited;
      // Files of a cleaning in progress: the kill landed in the middle of one (reported, not required).
      for (let p = 0; p < PARTITIONS; p++) {
        const dir = path.join(dataDir, 'node-1', `${TOPIC}-${p}`);
        if (fs.readdirSync(dir).some((n) => n.endsWith('.cleaned') || n.endsWith('.swap'))) killedMidCleaning++;
      }
      broker = await start();
      client = await RawClient.connect(broker.bootstrap);
      checkStored(await readStored(client));
    }
    // The cleaner did run on both partitions (on a loaded machine it may need a moment after the last restart).
    const deadline = Date.now() + 60_000;
    const uncleaned = (stored: Stored[]): boolean => stored.some((s, p) => s.length >= acknowledged[p]!.size);
    let stored = await readStored(client);
    while (uncleaned(stored) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      stored = await readStored(client);
    }
    checkStored(stored);
    expect(uncleaned(stored)).toBe(false);
    process.stdout.write(`compaction kill test: ${killedMidCleaning} cleanings' files left behind by ${CYCLES} kills\n`);
    client.close();
    broker.child.kill('SIGKILL');
    await broker.exited;
  }, 240_000);
});
