// Client matrix: kafkajs, with its built-in gzip and the snappy and lz4 codecs it takes as plugins
// from npm: kafkajs-snappy, and @2l/kafkajs-lz4, whose lz4 comes as a prebuilt package (kafkajs-lz4
// 1.2 needs lz4 0.6, whose install step compiles with node-gyp: no clean `npm ci` offline).
import { createRequire } from 'node:module';
import { describe, it } from 'vitest';
import { CompressionCodecs, CompressionTypes, type Kafka } from 'kafkajs';
import SnappyCodec from 'kafkajs-snappy';
import { kafkaClient } from '../helpers/cluster.js';
import { FLOW_TIMEOUT_MS, keyedRecords, matrixCluster, runMatrix, type CodecName, type MatrixClient, type ReadRecord } from './matrix.js';

const TYPES = { gzip: CompressionTypes.GZIP, snappy: CompressionTypes.Snappy, lz4: CompressionTypes.LZ4 } as const;

CompressionCodecs[CompressionTypes.Snappy] = SnappyCodec;
// The lz4 binding is a platform package; where none fits, the lz4 case is skipped.
const lz4 = loadLz4();
if (lz4) CompressionCodecs[CompressionTypes.LZ4] = new lz4().codec;

function loadLz4(): typeof import('@2l/kafkajs-lz4').default | undefined {
  try {
    // A CommonJS module that replaces module.exports with the class: require gives the class.
    return createRequire(import.meta.url)('@2l/kafkajs-lz4');
  } catch {
    return undefined;
  }
}

function kafkajs(kafka: Kafka, codec: keyof typeof TYPES): MatrixClient {
  return {
    async createTopic(topic) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
      await admin.disconnect();
    },
    async produce(topic, from, count) {
      const producer = kafka.producer({ idempotent: true });
      await producer.connect();
      await producer.send({ topic, acks: -1, compression: TYPES[codec], messages: keyedRecords(from, count) });
      await producer.disconnect();
    },
    async consume(topic, group, count) {
      // A short long-poll: disconnect waits for the Fetch in flight.
      const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const read: ReadRecord[] = [];
      await new Promise<void>((resolve, reject) => {
        consumer.run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            if (read.length === count) return;
            read.push({ partition, offset: Number(message.offset), key: message.key!.toString(), value: message.value!.toString() });
            if (read.length === count) resolve();
          },
        }).catch(reject);
      });
      const next = new Map(read.map((r) => [r.partition, r.offset + 1]));
      await consumer.commitOffsets([...next].map(([partition, offset]) => ({ topic, partition, offset: String(offset) })));
      await consumer.disconnect();
      return read;
    },
  };
}

describe('kafkajs', { concurrent: true }, () => {
  const ctx = matrixCluster();
  for (const codec of ['gzip', 'snappy', 'lz4'] as const satisfies readonly CodecName[]) {
    it.skipIf(codec === 'lz4' && !lz4)(`${codec}: creates, produces 1,000 keyed records, reads them in order, resumes a group at its commit`, async () => {
      await runMatrix(ctx.cluster, kafkajs(kafkaClient(ctx.cluster, 'matrix-kafkajs'), codec), 'kafkajs', codec);
    }, FLOW_TIMEOUT_MS);
  }
});
