// Sends a few keyed records with headers. Run against a broker:
//   npx kraftling start --ephemeral &   then   node examples/kafkajs/producer.mjs
// KAFKA_BROKERS overrides the bootstrap servers (default 127.0.0.1:9092).
import kafkajs from 'kafkajs';

const { Kafka, Partitioners, logLevel } = kafkajs;

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ clientId: 'example-producer', brokers, logLevel: logLevel.WARN });
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

await producer.connect();
const result = await producer.send({
  topic: process.env.TOPIC ?? 'orders',
  acks: -1,
  messages: Array.from({ length: 10 }, (_, i) => ({
    key: `customer-${i % 3}`,
    value: JSON.stringify({ order: i, total: 10 * i }),
    headers: { source: 'example' },
  })),
});
console.log('sent', result.map((r) => `${r.topicName}-${r.partition}@${r.baseOffset}`).join(' '));
await producer.disconnect();
