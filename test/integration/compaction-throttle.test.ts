// log.cleaner.io.max.bytes.per.second, a dynamic broker config as in Kafka. Set through kafkajs to
// 1 byte per second, it is reported as such, and a cleaning that starts pauses after its first
// turn (the log says so) for longer than the test lasts: nothing is cleaned. With the key removed
// and the node killed and restarted, the cleaner is free again: the log is compacted and every
// key's latest value is kept. No clock is read: what the test waits for are log lines and records.
import { describe, expect, it } from 'vitest';
import { ConfigResourceTypes } from 'kafkajs';
import { createLogger } from '../../src/logger.js';
import { clusterWithAdmin, kafkaClient } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const TOPIC = 'throttled';
const KEY = 'log.cleaner.io.max.bytes.per.second';
const lines: string[] = [];
// Kept across the restart below, removed after the file's tests.
const dataDir = tempDirs('kraftling-compaction-throttle-');
const ctx = clusterWithAdmin({
  dataDir: dataDir(),
  ephemeral: false,
  overrides: { 'log.cleaner.backoff.ms': '50' },
  logger: createLogger({ level: 'debug', pretty: false, destination: { write: (line) => void lines.push(line) } }),
});

async function stored(bootstrap: string): Promise<Map<string, string>> {
  const raw = await RawClient.connect(bootstrap.split(',')[0]!);
  try {
    return new Map((await readPartition(raw, TOPIC, 0)).map((r) => [`${r.offset}`, `${r.key!.toString()}=${r.value!.toString()}`]));
  } finally {
    raw.close();
  }
}

const setRate = (admin: typeof ctx.admin, configEntries: { name: string; value: string }[]) =>
  admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries }] });

describe('the log cleaner I/O throttle', () => {
  it('is a dynamic broker config that holds a cleaning back, and the cleaning completes once it is lifted', async () => {
    const { cluster, admin } = ctx;
    await setRate(admin, [{ name: KEY, value: '1' }]);
    const described = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: [KEY] }], includeSynonyms: false });
    expect(described.resources[0]!.configEntries[0]).toMatchObject({ configValue: '1', readOnly: false, configSource: 2 });

    // Written while nothing is cleanable (a dirty ratio of 1 is never exceeded), then made cleanable.
    const topicConfigs = (ratio: string) => [
      { name: 'cleanup.policy', value: 'compact' }, { name: 'segment.bytes', value: '65536' }, { name: 'min.cleanable.dirty.ratio', value: ratio },
    ];
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: 1, configEntries: topicConfigs('1') }] });
    const producer = kafkaClient(cluster).producer();
    await producer.connect();
    const latest = new Map<string, string>();
    for (let round = 0; round < 10; round++) {
      const messages = Array.from({ length: 50 }, (_, k) => ({ key: `k${k}`, value: `${round}:${'x'.repeat(1000)}` }));
      await producer.send({ topic: TOPIC, acks: -1, messages });
      for (const m of messages) latest.set(m.key, m.value);
    }
    await producer.disconnect();
    const before = await stored(cluster.bootstrapServers);
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC, configEntries: topicConfigs('0.01') }] });

    // Its first turn read 128 KiB: at 1 byte per second the pause is about 36 hours.
    await retry(async () => expect(lines.some((l) => l.includes('log cleaner paused by'))).toBe(true));
    expect(await stored(cluster.bootstrapServers)).toEqual(before);

    // The key removed (the legacy API replaces the broker's whole set), the node killed and
    // started again: its cleaner compacts the log, keeping every key's latest value.
    await setRate(admin, []);
    cluster.kill(1);
    await cluster.restart(1);
    const after = await retry(async () => {
      const now = await stored(cluster.bootstrapServers);
      expect(now.size).toBeLessThan(before.size / 2);
      return now;
    });
    for (const [offset, record] of after) expect(before.get(offset)).toBe(record);
    const kept = new Map([...after.values()].map((r) => [r.slice(0, r.indexOf('=')), r.slice(r.indexOf('=') + 1)]));
    for (const [key, value] of latest) expect(kept.get(key)).toBe(value);
    const again = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: [KEY] }], includeSynonyms: false });
    expect(again.resources[0]!.configEntries[0]).toMatchObject({ configSource: 5 });
  }, 60_000);
});
