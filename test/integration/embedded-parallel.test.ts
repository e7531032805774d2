// Test files that each start their own cluster, at the same time, in one process: ephemeral ports
// and temporary directories keep them apart, so the same topic name in each holds only its own data.
import { expect, it } from 'vitest';
import { kafkaClient, startCluster } from '../helpers/cluster.js';

it('three 3-node clusters started together share nothing', async () => {
  const clusters = await Promise.all([1, 2, 3].map(() => startCluster({ nodes: 3 })));
  try {
    const ports = clusters.flatMap((c) => c.bootstrapServers.split(','));
    expect(new Set(ports).size).toBe(9);
    expect(new Set(clusters.map((c) => c.dataDir)).size).toBe(3);
    expect(new Set(clusters.map((c) => c.clusterId)).size).toBe(3);
    await Promise.all(clusters.map(async (cluster, i) => {
      const producer = kafkaClient(cluster).producer();
      await producer.connect();
      await producer.send({ topic: 'same-name', acks: -1, messages: [{ value: `cluster-${i}` }] });
      await producer.disconnect();
    }));
    for (const [i, cluster] of clusters.entries()) {
      const admin = kafkaClient(cluster).admin();
      await admin.connect();
      const [offsets] = await admin.fetchTopicOffsets('same-name');
      await admin.disconnect();
      expect(offsets!.high, `cluster ${i}`).toBe('1');
    }
  } finally {
    await Promise.all(clusters.map((c) => c.stop()));
  }
});
