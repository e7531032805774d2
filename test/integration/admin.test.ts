// kafkajs admin against a real broker: topics are created, described, altered and deleted as on
// Kafka, with Kafka's error codes for bad requests.
import { describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { ConfigResourceTypes } from 'kafkajs';
import { clusterWithAdmin } from '../helpers/cluster.js';

const ctx = clusterWithAdmin();

/** kafkajs gathers per-topic failures of createTopics into one aggregate error; this returns their types. */
async function creationErrors(topics: Parameters<Admin['createTopics']>[0]['topics']): Promise<string[]> {
  try {
    await ctx.admin.createTopics({ topics });
    return [];
  } catch (err) {
    return ((err as { errors?: { type: string }[] }).errors ?? [{ type: (err as Error).message }]).map((e) => e.type);
  }
}

describe('topics through kafkajs admin', () => {
  it('creates, lists and describes topics', async () => {
    expect(await ctx.admin.createTopics({ topics: [{ topic: 'a', numPartitions: 3 }, { topic: 'b' }] })).toBe(true);
    expect((await ctx.admin.listTopics()).sort()).toEqual(['a', 'b']);
    const meta = await ctx.admin.fetchTopicMetadata({ topics: ['a', 'b'] });
    const a = meta.topics.find((t) => t.name === 'a')!;
    expect(a.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    expect(a.partitions.every((p) => p.leader === 1 && p.isr.length === 1)).toBe(true);
    expect(meta.topics.find((t) => t.name === 'b')!.partitions).toHaveLength(1);
  });

  it('answers TOPIC_ALREADY_EXISTS and INVALID_TOPIC_EXCEPTION like Kafka', async () => {
    await expect(ctx.admin.createTopics({ topics: [{ topic: 'a' }] })).resolves.toBe(false);
    expect(await creationErrors([{ topic: 'bad name!' }])).toEqual(['INVALID_TOPIC_EXCEPTION']);
    expect(await creationErrors([{ topic: '__cluster_metadata' }])).toEqual(['INVALID_TOPIC_EXCEPTION']);
  });

  it('refuses a name that differs from an existing or just-created topic only in "." against "_", as Kafka does', async () => {
    expect(await ctx.admin.createTopics({ topics: [{ topic: 'orders.eu_v1' }] })).toBe(true);
    expect(await creationErrors([{ topic: 'orders_eu.v1' }])).toEqual(['INVALID_TOPIC_EXCEPTION']);
    expect(await creationErrors([{ topic: 'orders_eu_v1' }])).toEqual(['INVALID_TOPIC_EXCEPTION']);
    // Two in one request: the second collides with the first.
    expect(await creationErrors([{ topic: 'pay.in' }, { topic: 'pay_in' }])).toEqual(['INVALID_TOPIC_EXCEPTION']);
    // More than ten such characters: compared with every name rather than looked up variant by variant.
    expect(await ctx.admin.createTopics({ topics: [{ topic: 'a.b.c.d.e.f.g.h.i.j.k.l' }] })).toBe(true);
    expect(await creationErrors([{ topic: 'a.b.c.d.e.f.g.h.i.j.k_l' }])).toEqual(['INVALID_TOPIC_EXCEPTION']);
    expect(await ctx.admin.createTopics({ topics: [{ topic: 'orders.eu.v2' }, { topic: 'a.b.c.d.e.f.g.h.i.j.k.m' }] })).toBe(true);
  });

  it('rejects bad partition counts and replication factors', async () => {
    expect(await creationErrors([{ topic: 'rf', replicationFactor: 3 }])).toEqual(['INVALID_REPLICATION_FACTOR']);
    expect(await creationErrors([{ topic: 'np', numPartitions: 0 }])).toEqual(['INVALID_PARTITIONS']);
  });

  it('creates a topic with configs and describes them with their sources', async () => {
    await ctx.admin.createTopics({ topics: [{ topic: 'configured', configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
    const described = await ctx.admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'configured', configNames: ['retention.ms', 'cleanup.policy'] }],
      includeSynonyms: false,
    });
    const entries = described.resources[0]!.configEntries;
    expect(entries.find((e) => e.configName === 'retention.ms')).toMatchObject({ configValue: '3600000', isDefault: false });
    expect(entries.find((e) => e.configName === 'cleanup.policy')).toMatchObject({ configValue: 'delete', isDefault: true });
  });

  it('alters topic configs and refuses invalid ones', async () => {
    await ctx.admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'a', configEntries: [{ name: 'max.message.bytes', value: '2048' }] }] });
    const described = await ctx.admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: 'a', configNames: ['max.message.bytes'] }], includeSynonyms: false });
    expect(described.resources[0]!.configEntries[0]!.configValue).toBe('2048');
    await expect(ctx.admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'a', configEntries: [{ name: 'no.such.key', value: '1' }] }] }))
      .rejects.toThrow();
    expect(await creationErrors([{ topic: 'badcfg', configEntries: [{ name: 'retention.ms', value: 'soon' }] }])).toEqual(['INVALID_CONFIG']);
  });

  it('describes the broker resource', async () => {
    const described = await ctx.admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['num.partitions', 'log.segment.bytes'] }], includeSynonyms: false });
    const names = described.resources[0]!.configEntries.map((e) => e.configName).sort();
    expect(names).toEqual(['log.segment.bytes', 'num.partitions']);
  });

  it('adds partitions', async () => {
    await ctx.admin.createPartitions({ topicPartitions: [{ topic: 'b', count: 4 }] });
    const meta = await ctx.admin.fetchTopicMetadata({ topics: ['b'] });
    expect(meta.topics[0]!.partitions).toHaveLength(4);
    await expect(ctx.admin.createPartitions({ topicPartitions: [{ topic: 'b', count: 2 }] })).rejects.toThrow();
  });

  it('deletes topics, and the metadata log cannot be deleted', async () => {
    await ctx.admin.deleteTopics({ topics: ['b'] });
    expect(await ctx.admin.listTopics()).not.toContain('b');
    await expect(ctx.admin.deleteTopics({ topics: ['__cluster_metadata'] })).rejects.toThrow();
  });

  it('describes the cluster', async () => {
    const described = await ctx.admin.describeCluster();
    expect(described.brokers).toHaveLength(1);
    expect(described.controller).toBe(1);
    expect(described.clusterId).toBe(ctx.cluster.clusterId);
  });
});
