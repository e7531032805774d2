// A kafkajs producer with acks=-1 and no idempotence, as most applications run it: sends of a few
// records to every partition, one send at a time, until told to stop. Each record's value is a
// unique id; the offset kafkajs reports for a partition's batch gives each record's offset.
import { Kafka, logLevel } from 'kafkajs';
import type { Ack, ProducerRun } from './acks.js';

const RECORDS_PER_PARTITION = 2;
/** A pause between sends, so the producer leaves the two cores to the brokers. */
const PAUSE_MS = 15;
const RETRY_PAUSE_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunningProducer {
  /** Stops sending and resolves once the last send has been answered or has failed. */
  stop(): Promise<ProducerRun>;
}

export function startKafkajsProducer(bootstrap: string, topic: string, partitions: number): RunningProducer {
  const kafka = new Kafka({
    clientId: 'chaos-kafkajs', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: false });
  const run: ProducerRun = { producer: 'kafkajs', acks: [], failed: 0, idempotent: false, fatal: [], clientBugs: [] };
  let stopping = false;
  let nextId = 0;

  const sendOne = async (): Promise<void> => {
    const messages = Array.from({ length: partitions * RECORDS_PER_PARTITION }, (_, i) => ({
      partition: i % partitions, value: `kafkajs-${nextId++}`,
    }));
    try {
      const results = await producer.send({ topic, acks: -1, timeout: 10_000, messages });
      const acks: Ack[] = [];
      for (const r of results) {
        const mine = messages.filter((m) => m.partition === r.partition);
        mine.forEach((m, k) => acks.push({ producer: 'kafkajs', partition: r.partition, offset: Number(r.baseOffset) + k, id: m.value }));
      }
      run.acks.push(...acks);
    } catch {
      run.failed += messages.length;
      await sleep(RETRY_PAUSE_MS);
    }
  };

  const loop = (async () => {
    while (!stopping) {
      try {
        await producer.connect();
        break;
      } catch {
        await sleep(RETRY_PAUSE_MS);
      }
    }
    while (!stopping) {
      await sendOne();
      await sleep(PAUSE_MS);
    }
    await producer.disconnect().catch(() => undefined);
  })();

  return {
    async stop() {
      stopping = true;
      await loop;
      return run;
    },
  };
}
