// A reference line from a real client: kafkajs producing 1 KiB records with acks=1. kafkajs encodes
// every batch in JavaScript in the bench process, so it tops out near 60 MB/s on this kind of
// machine whatever the broker does; the figure shows what a typical Node user sees.
import { Kafka, Partitioners, logLevel, type Message } from 'kafkajs';
import { withBroker } from './broker-process.js';
import { RECORD_BYTES } from './produce-load.js';
import { createTopic } from './raw-client.js';
import { mbPerSec, perSec, thousands, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const TOPIC = 'bench-kafkajs';
const PARTITIONS = 8;
/** Concurrent send() loops, one per partition. */
const SENDERS = PARTITIONS;
/** Large sends go fastest with kafkajs; 500 KiB stays under the broker's 1 MB message.max.bytes. */
const RECORDS_PER_SEND = 500;

interface KafkajsRun {
  records: number;
  elapsedMs: number;
}

async function produceFor(bootstrap: string, durationMs: number): Promise<KafkajsRun> {
  const kafka = new Kafka({ clientId: 'kraftling-bench', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  const value = Buffer.alloc(RECORD_BYTES, 0x6b);
  let records = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const sender = async (partition: number): Promise<void> => {
    const messages: Message[] = Array.from({ length: RECORDS_PER_SEND }, () => ({ value, partition }));
    while (performance.now() < deadline) {
      await producer.send({ topic: TOPIC, acks: 1, messages });
      records += RECORDS_PER_SEND;
    }
  };
  try {
    await Promise.all(Array.from({ length: SENDERS }, (_, i) => sender(i % PARTITIONS)));
    return { records, elapsedMs: performance.now() - started };
  } finally {
    await producer.disconnect();
  }
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  return withBroker(async (broker) => {
    await createTopic(broker.bootstrap, TOPIC, PARTITIONS);
    settings.log('kafkajs: producing');
    await produceFor(broker.bootstrap, settings.warmupMs);
    const result = await produceFor(broker.bootstrap, settings.runMs);
    // Records rather than batch bytes: kafkajs does not expose its batches; 1 KiB values dominate.
    const bytes = result.records * RECORD_BYTES;
    return [{
      group: 'kafkajs',
      name: 'kafkajs producer acks=1',
      value: `${mbPerSec(bytes, result.elapsedMs).toFixed(1)} MB/s, ${thousands(perSec(result.records, result.elapsedMs))} rec/s`,
      versus: 'reference: kafkajs itself tops out near 60 MB/s here (client-bound)',
      generator: `kafkajs in the bench process: ${SENDERS} concurrent send() loops of ${RECORDS_PER_SEND} x 1 KiB records, `
        + `${PARTITIONS} partitions, MB counts record values`,
    }];
  });
}

export const kafkajsGroup: FigureGroup = {
  name: 'kafkajs',
  description: 'kafkajs producer throughput as a reference line',
  usesBroker: true,
  run,
};
