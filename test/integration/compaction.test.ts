// cleanup.policy=compact through kafkajs over TCP: keyed updates and tombstones on a topic with
// small segments; once the cleaner has run, a consumer from the beginning sees the latest value
// per key at the offsets the producer was given, and the tombstones are gone after
// delete.retention.ms. Keyless records are refused with INVALID_RECORD.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { clusterWithAdmin, kafkaClient } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { highWatermark, readPartition } from '../helpers/read-all.js';

const TOPIC = 'table';
const ctx = clusterWithAdmin({ overrides: { 'log.cleaner.backoff.ms': '50' } });

interface Stored {
  offset: number;
  key: string;
  value: string | null;
}

/** Every record of partition 0 through raw fetches, stepping over batches a cleaning emptied. */
async function readStored(client: RawClient, topic: string): Promise<Stored[]> {
  return (await readPartition(client, topic, 0)).map((r) => ({ offset: r.offset, key: r.key!.toString(), value: r.value?.toString() ?? null }));
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function partitionDirOf(cluster: Cluster, dirName: string): string {
  const find = (dir: string): string | undefined => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(dir, entry.name);
      if (entry.name === dirName) return full;
      const inner = find(full);
      if (inner) return inner;
    }
    return undefined;
  };
  const found = find(cluster.dataDir);
  if (found === undefined) throw new Error(`no ${dirName} under the data directory`);
  return found;
}

describe('log compaction through kafkajs', () => {
  it('keeps the latest value per key at its offset, and drops tombstones after delete.retention.ms', async () => {
    const { cluster, admin } = ctx;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: TOPIC, numPartitions: 1, configEntries: [
        { name: 'cleanup.policy', value: 'compact' },
        { name: 'segment.bytes', value: '2048' },
        { name: 'delete.retention.ms', value: '1500' },
        { name: 'min.cleanable.dirty.ratio', value: '0.01' },
      ] }],
    });
    const producer = kafkaClient(cluster).producer();
    await producer.connect();
    const produced = new Map<number, Stored>();
    const send = async (messages: { key: string; value: string | null }[]): Promise<void> => {
      const [meta] = await producer.send({ topic: TOPIC, acks: -1, messages });
      messages.forEach((m, i) => produced.set(Number(meta!.baseOffset) + i, { offset: Number(meta!.baseOffset) + i, ...m }));
    };
    for (let round = 0; round < 30; round++) await send(Array.from({ length: 10 }, (_, k) => ({ key: `k${k}`, value: `v${round}` })));
    await send([0, 1, 2].map((k) => ({ key: `k${k}`, value: null })));
    // More updates of other keys, so the tombstones end up in closed segments.
    for (let round = 30; round < 45; round++) await send(Array.from({ length: 5 }, (_, k) => ({ key: `k${k + 5}`, value: `v${round}` })));

    const raw = await RawClient.connect(cluster.bootstrapServers.split(',')[0]!);
    try {
      await waitFor('a cleaning', async () => (await readStored(raw, TOPIC)).length < produced.size / 3);
      // A kafkajs consumer from the beginning.
      const end = await highWatermark(raw, TOPIC, 0);
      const consumer = kafkaClient(cluster).consumer({ groupId: 'compaction-reader' });
      await consumer.connect();
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      const seen: Stored[] = [];
      let reachedEnd!: () => void;
      const done = new Promise<void>((resolve) => { reachedEnd = resolve; });
      await consumer.run({ eachMessage: async ({ message }) => {
        seen.push({ offset: Number(message.offset), key: message.key!.toString(), value: message.value?.toString() ?? null });
        if (Number(message.offset) >= end - 1) reachedEnd();
      } });
      await done;
      await consumer.disconnect();
      for (const r of seen) expect(r).toEqual(produced.get(r.offset));
      const latest = new Map<string, string | null>();
      for (const r of [...produced.values()]) latest.set(r.key, r.value);
      const seenLatest = new Map(seen.map((r) => [r.key, r.value]));
      for (const [key, value] of latest) if (value !== null) expect(seenLatest.get(key)).toBe(value);
      expect(seen.length).toBeLessThan(produced.size / 3);

      // Tombstones go once delete.retention.ms has passed since their first cleaning.
      await waitFor('tombstones to go', async () => (await readStored(raw, TOPIC)).every((r) => r.value !== null));
      const final = await readStored(raw, TOPIC);
      expect(final.filter((r) => ['k0', 'k1', 'k2'].includes(r.key))).toEqual([]);
      for (const r of final) expect(r).toEqual(produced.get(r.offset));
      expect(fs.readdirSync(partitionDirOf(cluster, `${TOPIC}-0`)).filter((n) => n.endsWith('.cleaned') || n.endsWith('.swap'))).toEqual([]);
    } finally {
      raw.close();
      await producer.disconnect();
    }
  });

  it('refuses records without a key with INVALID_RECORD', async () => {
    const { cluster } = ctx;
    const producer = kafkaClient(cluster).producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      await expect(producer.send({ topic: TOPIC, messages: [{ value: 'no key' }] })).rejects.toMatchObject({ type: 'INVALID_RECORD' });
    } finally {
      await producer.disconnect();
    }
  });
});
