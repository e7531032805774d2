// log.cleaner.threads is a dynamic broker config, as in Kafka, whose cleaner restarts with the new
// count: raised through kafkajs from 0 to 2 while log.cleaner.backoff.ms is an hour, both loops
// start at once and each cleans a log (the "log cleaned" line names its thread), keeping every
// key's latest value. Before, the raise was seen only when loop 0 next woke, an hour later here.
import { describe, expect, it } from 'vitest';
import { ConfigResourceTypes } from 'kafkajs';
import { createLogger } from '../../src/logger.js';
import { clusterWithAdmin, kafkaClient } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';

const TOPICS = ['compacted-a', 'compacted-b'];
const lines: string[] = [];
const ctx = clusterWithAdmin({
  overrides: { 'log.cleaner.threads': '0', 'log.cleaner.backoff.ms': '3600000' },
  logger: createLogger({ level: 'info', pretty: false, destination: { write: (line) => void lines.push(line) } }),
});

async function stored(bootstrap: string, topic: string): Promise<Map<string, string>> {
  const raw = await RawClient.connect(bootstrap.split(',')[0]!);
  try {
    return new Map((await readPartition(raw, topic, 0)).map((r) => [r.key!.toString(), r.value!.toString()]));
  } finally {
    raw.close();
  }
}

function cleanedBy(): Map<string, number> {
  const threads = new Map<string, number>();
  for (const line of lines) {
    if (!line.includes('"log cleaned"')) continue;
    const { topic, thread } = JSON.parse(line) as { topic: string; thread: number };
    threads.set(topic, thread);
  }
  return threads;
}

describe('log.cleaner.threads', () => {
  it('raised at runtime, starts its cleaner loops at once', async () => {
    const { cluster, admin } = ctx;
    await admin.createTopics({
      waitForLeaders: true,
      topics: TOPICS.map((topic) => ({ topic, numPartitions: 1, configEntries: [
        { name: 'cleanup.policy', value: 'compact' }, { name: 'segment.bytes', value: '65536' }, { name: 'min.cleanable.dirty.ratio', value: '0.01' },
      ] })),
    });
    const producer = kafkaClient(cluster).producer();
    await producer.connect();
    const latest = new Map<string, string>();
    for (let round = 0; round < 10; round++) {
      const messages = Array.from({ length: 50 }, (_, k) => ({ key: `k${k}`, value: `${round}:${'x'.repeat(1000)}` }));
      await producer.sendBatch({ topicMessages: TOPICS.map((topic) => ({ topic, messages })), acks: -1 });
      for (const m of messages) latest.set(m.key, m.value);
    }
    await producer.disconnect();
    expect(cleanedBy().size).toBe(0);

    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'log.cleaner.threads', value: '2' }] }] });
    const threads = await retry(async () => {
      const now = cleanedBy();
      expect([...now.keys()].sort()).toEqual(TOPICS);
      return now;
    });
    expect(new Set(threads.values())).toEqual(new Set([0, 1]));
    for (const topic of TOPICS) {
      const kept = await stored(cluster.bootstrapServers, topic);
      expect(kept).toEqual(latest);
    }
  }, 60_000);
});
