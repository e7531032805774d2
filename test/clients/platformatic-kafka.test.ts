// Client matrix: @platformatic/kafka (1.x: 2.x needs Node 22) with the codecs it has on Node 20:
// gzip, snappy and lz4 (zstd needs Node's zlib zstd, from Node 22.15).
import { describe, it } from 'vitest';
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers, type Message } from '@platformatic/kafka';
import { FLOW_TIMEOUT_MS, matrixCluster, keyedRecords, runMatrix, type MatrixClient, type ReadRecord } from './matrix.js';

function platformatic(bootstrap: string, codec: 'gzip' | 'snappy' | 'lz4'): MatrixClient {
  const base = { clientId: 'matrix-platformatic', bootstrapBrokers: bootstrap.split(',') };
  return {
    async createTopic(topic) {
      const admin = new Admin(base);
      await admin.createTopics({ topics: [topic], partitions: 3, replicas: 3 });
      await admin.close();
    },
    async produce(topic, from, count) {
      const producer = new Producer({ ...base, serializers: stringSerializers, compression: codec, acks: -1 });
      await producer.send({ messages: keyedRecords(from, count).map((r) => ({ topic, ...r })) });
      await producer.close();
    },
    async consume(topic, group, count) {
      // A short long-poll keeps close quick; commits are explicit, below.
      const consumer = new Consumer({ ...base, groupId: group, deserializers: stringDeserializers, autocommit: false, maxWaitTime: 100 });
      const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest' });
      const read: ReadRecord[] = [];
      const last = new Map<number, Message<string, string, string, string>>();
      for await (const m of stream as AsyncIterable<Message<string, string, string, string>>) {
        read.push({ partition: m.partition, offset: Number(m.offset), key: m.key, value: m.value });
        last.set(m.partition, m);
        if (read.length === count) break;
      }
      await Promise.all([...last.values()].map((m) => m.commit()));
      await stream.close();
      await consumer.close();
      return read;
    },
  };
}

describe('@platformatic/kafka', { concurrent: true }, () => {
  const ctx = matrixCluster();
  for (const codec of ['gzip', 'snappy', 'lz4'] as const) {
    it(`${codec}: creates, produces 1,000 keyed records, reads them in order, resumes a group at its commit`, async () => {
      await runMatrix(ctx.cluster, platformatic(ctx.cluster.bootstrapServers, codec), 'platformatic', codec);
    }, FLOW_TIMEOUT_MS);
  }
});
