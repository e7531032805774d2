// A partition leader killed (SIGKILL) with transactions open, over real TCP against a real broker
// process; the test plays the transaction coordinator with WriteTxnMarkers. After the restart the
// last stable offset still stops at the oldest open transaction (its first offset came back from
// the producer snapshot and the log after it), the aborted transactions are still reported (the
// .txnindex entries, rebuilt where they were not synced), every acknowledged record is there once,
// and markers written after the restart close the open transactions as if nothing happened.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { decodeRecordBatches } from '../../protocol/records/record-batch.js';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { fetchOnce, produceTo, txnRecords, writeMarker, type TestProducer } from '../helpers/txn-requests.js';

const TOPIC = 'txn-restart';
const newDataDir = tempDirs('kraftling-txn-');

function start(dataDir: string): Promise<BrokerProcess> {
  return startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn', '-o', 'log.segment.bytes=1024', '-o', 'transaction.partition.verification.enable=false']);
}

const RETRIABLE: number[] = [ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION];

/** Retries while the restarted broker does not serve the partition yet (bounded by the test's timeout). */
async function retrying<T extends { errorCode: number }>(op: () => Promise<T>): Promise<T> {
  for (;;) {
    const r = await op();
    if (!RETRIABLE.includes(r.errorCode)) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every data record's value and the fetch's LSO and aborted list, reading all with one isolation. */
async function readAll(client: RawClient, isolationLevel: 0 | 1) {
  const values: string[] = [];
  const aborted: { producerId: number; firstOffset: number }[] = [];
  let offset = 0;
  let lastStableOffset = -1;
  for (;;) {
    const data = await retrying(() => fetchOnce(client, TOPIC, 0, offset, isolationLevel));
    lastStableOffset = data.lastStableOffset;
    const batches = decodeRecordBatches(data.records ?? Buffer.alloc(0));
    if (batches.length === 0) break;
    aborted.push(...(data.abortedTransactions ?? []));
    for (const b of batches) if (!b.isControl) values.push(...b.records.map((r) => r.value!.toString()));
    offset = batches.at(-1)!.baseOffset + batches.at(-1)!.lastOffsetDelta + 1;
  }
  return { values, aborted, lastStableOffset };
}

/** Values filtered as a read_committed client does: records of aborted transactions dropped. */
function committedValues(all: { values: string[] }, abortedPrefixes: string[]): string[] {
  return all.values.filter((v) => !abortedPrefixes.some((p) => v.startsWith(p)));
}

describe('transactions across a SIGKILL of the partition leader', () => {
  it('keeps the last stable offset, the aborted transactions and every acknowledged record', async () => {
    const dataDir = newDataDir();
    let broker = await start(dataDir);
    let client = await RawClient.connect(broker.bootstrap);
    await client.request(CreateTopicsApi, 7, {
      topics: [{ name: TOPIC, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
    });
    const [open1, aborted2, committed3, open4]: TestProducer[] = [1, 2, 3, 4].map((i) => ({ producerId: 700 + i, producerEpoch: 0 }));
    const send = async (p: TestProducer, seq: number, prefix: string, n = 3): Promise<number> => {
      const r = await retrying(() => produceTo(client, TOPIC, 0, txnRecords(p, seq, Array.from({ length: n }, (_, i) => `${prefix}-${seq + i}`.padEnd(120, '.')))));
      expect(r.errorCode).toBe(ErrorCode.NONE);
      return r.baseOffset;
    };
    const firstOpen1 = await send(open1!, 0, 'open1');
    await send(aborted2!, 0, 'abort2');
    await send(committed3!, 0, 'commit3');
    // Several 1 KiB segments roll (each roll writes a producer snapshot) with transactions open.
    for (let seq = 3; seq < 21; seq += 3) await send(committed3!, seq, 'commit3');
    expect((await writeMarker(client, aborted2!, false, [[TOPIC, 0]])).get(`${TOPIC}:0`)).toBe(ErrorCode.NONE);
    expect((await writeMarker(client, committed3!, true, [[TOPIC, 0]])).get(`${TOPIC}:0`)).toBe(ErrorCode.NONE);
    const firstOpen4 = await send(open4!, 0, 'open4');
    await send(open1!, 3, 'open1');
    const segments = fs.readdirSync(path.join(dataDir, 'node-1', `${TOPIC}-0`)).filter((n) => n.endsWith('.log'));
    expect(segments.length).toBeGreaterThan(3);
    const before = { committed: await readAll(client, 1), all: await readAll(client, 0) };
    expect(before.committed.lastStableOffset).toBe(firstOpen1);
    client.close();

    broker.child.kill('SIGKILL');
    await broker.exited;
    broker = await start(dataDir);
    client = await RawClient.connect(broker.bootstrap);
    try {
      const after = { committed: await readAll(client, 1), all: await readAll(client, 0) };
      expect(after).toEqual(before);
      expect(after.committed.aborted).toEqual([]); // nothing aborted below the LSO yet
      // The coordinator finishes what was open: commit 1, abort 4.
      expect((await retrying(async () => ({ errorCode: (await writeMarker(client, open1!, true, [[TOPIC, 0]])).get(`${TOPIC}:0`)! }))).errorCode).toBe(ErrorCode.NONE);
      expect((await writeMarker(client, open4!, false, [[TOPIC, 0]])).get(`${TOPIC}:0`)).toBe(ErrorCode.NONE);
      const done = await readAll(client, 1);
      // Each fetch gets the aborts overlapping its range: the same one may come with several.
      expect([...new Set(done.aborted.map((a) => `${a.producerId}@${a.firstOffset}`))].sort()).toEqual(['702@3', `704@${firstOpen4}`]);
      const all = await readAll(client, 0);
      expect(all.values).toEqual(before.all.values);
      expect(new Set(all.values).size).toBe(all.values.length);
      expect(committedValues(done, ['abort2', 'open4'])).toEqual(all.values.filter((v) => !v.startsWith('abort2') && !v.startsWith('open4')));
      expect(done.lastStableOffset).toBeGreaterThan(firstOpen1);
    } finally {
      client.close();
      broker.child.kill('SIGKILL');
      await broker.exited;
    }
  }, 90_000);
});
