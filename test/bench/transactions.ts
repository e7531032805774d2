// Transactions per second from a kafkajs transactional producer, 10 records of 100 bytes per
// transaction over 3 partitions (each transaction: AddPartitionsToTxn, a produce, EndTxn, and the
// markers), against the same loop from the same producer without transactions (one send of 10
// records, acks=all, idempotent): the cost of the transaction protocol as a user of kafkajs sees it.
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { withBroker } from './broker-process.js';
import { createTopic } from './raw-client.js';
import { perSec, thousands, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const TOPIC = 'bench-transactions';
const PARTITIONS = 3;
const RECORDS_PER_TXN = 10;

function messages(): { value: Buffer; partition: number }[] {
  return Array.from({ length: RECORDS_PER_TXN }, (_, i) => ({ value: Buffer.alloc(100, 0x74), partition: i % PARTITIONS }));
}

async function loop(producer: Producer, transactional: boolean, durationMs: number): Promise<number> {
  const deadline = performance.now() + durationMs;
  let done = 0;
  while (performance.now() < deadline) {
    if (transactional) {
      const txn = await producer.transaction();
      await txn.send({ topic: TOPIC, acks: -1, messages: messages() });
      await txn.commit();
    } else {
      await producer.send({ topic: TOPIC, acks: -1, messages: messages() });
    }
    done++;
  }
  return done;
}

async function rate(bootstrap: string, transactional: boolean, settings: BenchSettings): Promise<number> {
  const kafka = new Kafka({ clientId: 'kraftling-bench', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const producer = kafka.producer(transactional
    ? { transactionalId: 'bench-txn', idempotent: true, maxInFlightRequests: 1 }
    : { idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await loop(producer, transactional, settings.warmupMs);
    const started = performance.now();
    const n = await loop(producer, transactional, settings.runMs);
    return perSec(n, performance.now() - started);
  } finally {
    await producer.disconnect();
  }
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  return withBroker(async (broker) => {
    await createTopic(broker.bootstrap, TOPIC, PARTITIONS);
    settings.log('transactions: kafkajs transactional producer');
    const txnPerSec = await rate(broker.bootstrap, true, settings);
    settings.log('transactions: the same producer without transactions');
    const plainPerSec = await rate(broker.bootstrap, false, settings);
    const generator = `kafkajs in the bench process, one producer, ${RECORDS_PER_TXN} x 100 B records per round over ${PARTITIONS} partitions, acks=all`;
    return [
      { group: 'transactions', name: 'kafkajs transactions (10 records each)', value: `${thousands(txnPerSec)} txn/s`, versus: 'reference', generator },
      {
        group: 'transactions', name: 'same producer, no transaction (send of 10)', value: `${thousands(plainPerSec)} sends/s`,
        versus: `transactions cost ${(plainPerSec / Math.max(txnPerSec, 1e-9)).toFixed(1)}x`, generator,
      },
    ];
  });
}

export const transactionsGroup: FigureGroup = {
  name: 'transactions',
  description: 'kafkajs transactions/s against the same producer without transactions',
  usesBroker: true,
  run,
};
