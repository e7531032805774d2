// A follower's fetch parked on a leader names only the partitions the follower knew of: when the
// leader starts leading a new one (a topic just created), the follower must fetch again to follow
// it, and the first acks=all produce waits for that. Here followers long-poll for up to 60 s
// (replica.fetch.wait.max.ms, with the request timeout and the ISR lag limit above it), so a
// leader that did not answer their parked fetches at once would hold the first acks=all produce
// to each new topic far past the test's timeout.
import { describe, expect, it } from 'vitest';
import { clusterWithAdmin, kafkaClient, THREE_NODE_OVERRIDES } from '../helpers/cluster.js';

const ctx = clusterWithAdmin({
  nodes: 3,
  overrides: {
    ...THREE_NODE_OVERRIDES, 'replica.fetch.wait.max.ms': '60000', 'replica.lag.time.max.ms': '120000', 'controller.quorum.request.timeout.ms': '90000',
  },
});

describe('a new partition on a leader with parked follower fetches', () => {
  it('takes the first acks=all produce to each new topic of replication factor 3 without waiting out the long poll', async () => {
    const { cluster, admin } = ctx;
    const producer = kafkaClient(cluster).producer();
    await producer.connect();
    try {
      // The first topic gives every follower a fetch session with every leader, parked from then on.
      for (const topic of ['follow-a', 'follow-b', 'follow-c']) {
        await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }] });
        const sent = await producer.send({ topic, acks: -1, messages: [0, 1, 2].map((partition) => ({ partition, value: `to ${topic}` })) });
        expect(sent.map((r) => r.errorCode)).toEqual([0, 0, 0]);
      }
    } finally {
      await producer.disconnect();
    }
  }, 40_000);
});
