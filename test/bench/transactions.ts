// Transactions per second from a kafkajs transactional producer, 10 records of 100 bytes per
// transaction over 3 partitions (each transaction: AddPartitionsToTxn, a produce, EndTxn, and the
// markers), against the same loop from the same producer without transactions (one send of 10
// records, acks=all, idempotent): the cost of the transaction protocol as a user of kafkajs sees it.
// Then read_committed against read_uncommitted consume throughput of a kafkajs consumer over a topic
// of large transactions, one in four aborted (read_committed skips those by the fetch responses'
// aborted-transaction lists, and stops at the last stable offset).
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

const READ_TOPIC = 'bench-read-committed';
const RECORDS_PER_BIG_TXN = 500;

/** Transactions of 500 records, every fourth aborted, for `durationMs`: the records each mode should read. */
async function fillTransactions(bootstrap: string, durationMs: number): Promise<{ all: number; committed: number }> {
  const kafka = new Kafka({ clientId: 'kraftling-bench', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ transactionalId: 'bench-fill', idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const batch = Array.from({ length: RECORDS_PER_BIG_TXN }, (_, i) => ({ value: Buffer.alloc(100, 0x72), partition: i % PARTITIONS }));
  const totals = { all: 0, committed: 0 };
  const deadline = performance.now() + durationMs;
  try {
    for (let n = 0; performance.now() < deadline; n++) {
      const txn = await producer.transaction();
      await txn.send({ topic: READ_TOPIC, acks: -1, messages: batch });
      if (n % 4 === 3) await txn.abort();
      else {
        await txn.commit();
        totals.committed += RECORDS_PER_BIG_TXN;
      }
      totals.all += RECORDS_PER_BIG_TXN;
    }
  } finally {
    await producer.disconnect();
  }
  return totals;
}

/** Records per second of a kafkajs consumer reading the whole topic from the start. */
async function consumeRate(bootstrap: string, readUncommitted: boolean, expected: number): Promise<number> {
  const kafka = new Kafka({ clientId: 'kraftling-bench', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-read-${readUncommitted}`, readUncommitted, maxWaitTimeInMs: 100 });
  await consumer.connect();
  let count = 0;
  let started = 0;
  let reached: () => void = () => {};
  const done = new Promise<void>((resolve) => { reached = resolve; });
  try {
    await consumer.subscribe({ topics: [READ_TOPIC], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        if (started === 0) started = performance.now();
        count += batch.messages.length;
        if (count >= expected) reached();
      },
    });
    await done;
    return perSec(count, performance.now() - started);
  } finally {
    await consumer.disconnect();
  }
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  return withBroker(async (broker) => {
    await createTopic(broker.bootstrap, TOPIC, PARTITIONS);
    await createTopic(broker.bootstrap, READ_TOPIC, PARTITIONS);
    settings.log('transactions: kafkajs transactional producer');
    const txnPerSec = await rate(broker.bootstrap, true, settings);
    settings.log('transactions: the same producer without transactions');
    const plainPerSec = await rate(broker.bootstrap, false, settings);
    const generator = `kafkajs in the bench process, one producer, ${RECORDS_PER_TXN} x 100 B records per round over ${PARTITIONS} partitions, acks=all`;
    settings.log('transactions: filling a topic with transactions, one in four aborted');
    const filled = await fillTransactions(broker.bootstrap, settings.runMs);
    const committedRate = await consumeRate(broker.bootstrap, false, filled.committed);
    const uncommittedRate = await consumeRate(broker.bootstrap, true, filled.all);
    const readGenerator = `kafkajs consumer in the bench process reading ${thousands(filled.all)} x 100 B records in transactions of ${RECORDS_PER_BIG_TXN}, 1 in 4 aborted, ${PARTITIONS} partitions`;
    return [
      { group: 'transactions', name: 'kafkajs transactions (10 records each)', value: `${thousands(txnPerSec)} txn/s`, versus: 'reference', generator },
      {
        group: 'transactions', name: 'same producer, no transaction (send of 10)', value: `${thousands(plainPerSec)} sends/s`,
        versus: `transactions cost ${(plainPerSec / Math.max(txnPerSec, 1e-9)).toFixed(1)}x`, generator,
      },
      { group: 'transactions', name: 'kafkajs consume read_committed', value: `${thousands(committedRate)} rec/s`, versus: 'reference', generator: readGenerator },
      {
        group: 'transactions', name: 'kafkajs consume read_uncommitted', value: `${thousands(uncommittedRate)} rec/s`,
        versus: `read_committed at ${(committedRate / Math.max(uncommittedRate, 1e-9)).toFixed(2)}x`, generator: readGenerator,
      },
    ];
  });
}

export const transactionsGroup: FigureGroup = {
  name: 'transactions',
  description: 'kafkajs transactions/s vs no transactions; read_committed vs read_uncommitted consume',
  usesBroker: true,
  run,
};
