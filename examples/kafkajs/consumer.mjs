// Reads a topic from the beginning in a consumer group, committing as it goes; stops after
// COUNT records (default 10). KAFKA_BROKERS overrides the bootstrap servers.
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const count = Number(process.env.COUNT ?? 10);
const kafka = new Kafka({ clientId: 'example-consumer', brokers, logLevel: logLevel.WARN });
const consumer = kafka.consumer({ groupId: process.env.GROUP ?? 'example-group' });

await consumer.connect();
await consumer.subscribe({ topic: process.env.TOPIC ?? 'orders', fromBeginning: true });
let seen = 0;
await new Promise((resolve) => {
  consumer.run({
    eachMessage: async ({ partition, message }) => {
      console.log(`partition ${partition} offset ${message.offset} key ${message.key} value ${message.value}`);
      if (++seen === count) resolve();
    },
  });
});
await consumer.disconnect();
