// log.cleaner.io.max.bytes.per.second, a dynamic broker config as in Kafka: set through kafkajs, it
// is reported as such, and a cleaning of about 1.5 MB under 1 MB/s reads the log twice (the offset
// map, then the copy) and so cannot get far before the throttle's pauses have passed. A lower bound
// only: the pauses make it slower, never faster, whatever else runs on the machine. Killed and
// restarted afterwards, the node keeps the setting (a ConfigRecord) and every latest value.
import { describe, expect, it } from 'vitest';
import { ConfigResourceTypes } from 'kafkajs';
import { clusterWithAdmin, kafkaClient } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';

const TOPIC = 'throttled';
const KEY = 'log.cleaner.io.max.bytes.per.second';
const ctx = clusterWithAdmin({ ephemeral: false, overrides: { 'log.cleaner.backoff.ms': '50' } });

async function stored(bootstrap: string): Promise<Map<string, string>> {
  const raw = await RawClient.connect(bootstrap.split(',')[0]!);
  try {
    return new Map((await readPartition(raw, TOPIC, 0)).map((r) => [r.key!.toString(), r.value!.toString()]));
  } finally {
    raw.close();
  }
}

async function count(bootstrap: string): Promise<number> {
  const raw = await RawClient.connect(bootstrap.split(',')[0]!);
  try {
    return (await readPartition(raw, TOPIC, 0)).length;
  } finally {
    raw.close();
  }
}

describe('the log cleaner I/O throttle', () => {
  it('is a dynamic broker config, and holds a cleaning to its rate', async () => {
    const { cluster, admin } = ctx;
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: KEY, value: '1000000' }] }] });
    const described = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: [KEY] }], includeSynonyms: false });
    expect(described.resources[0]!.configEntries[0]).toMatchObject({ configValue: '1000000', readOnly: false, configSource: 2 });

    // Written while nothing is cleanable (a dirty ratio of 1 is never exceeded), then made cleanable.
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: 1, configEntries: [
      { name: 'cleanup.policy', value: 'compact' }, { name: 'segment.bytes', value: '65536' }, { name: 'min.cleanable.dirty.ratio', value: '1' },
    ] }] });
    const producer = kafkaClient(cluster).producer();
    await producer.connect();
    const latest = new Map<string, string>();
    for (let round = 0; round < 30; round++) {
      const messages = Array.from({ length: 50 }, (_, k) => ({ key: `k${k}`, value: `${round}:${'x'.repeat(1000)}` }));
      await producer.send({ topic: TOPIC, acks: -1, messages });
      for (const m of messages) latest.set(m.key, m.value);
    }
    await producer.disconnect();
    const before = await count(cluster.bootstrapServers);
    const started = Date.now();
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC, configEntries: [
      { name: 'cleanup.policy', value: 'compact' }, { name: 'segment.bytes', value: '65536' }, { name: 'min.cleanable.dirty.ratio', value: '0.01' },
    ] }] });
    while ((await count(cluster.bootstrapServers)) > before / 2) await new Promise((resolve) => setTimeout(resolve, 50));
    // Half the records are gone once the offset map has read the closed segments (about 1.4 MB) and
    // the copy half of them again: 2.1 MB at 1 MB/s, less the 300 KB read since the last check,
    // which has not been paused for yet. So 1.8 s at least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);

    cluster.kill(1);
    await cluster.restart(1);
    const again = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: [KEY] }], includeSynonyms: false });
    expect(again.resources[0]!.configEntries[0]).toMatchObject({ configValue: '1000000', configSource: 2 });
    const after = await stored(cluster.bootstrapServers);
    for (const [key, value] of latest) expect(after.get(key)).toBe(value);
  }, 60_000);
});
