// A jest test against the cluster of global-setup.mjs, with plain kafkajs.
const { Kafka, logLevel } = require('kafkajs');

const kafka = new Kafka({ brokers: process.env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });

test('a record produced with acks=all is read back', async () => {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'jest-orders', acks: -1, messages: [{ key: '1', value: 'book' }] });
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: 'jest-orders', maxWaitTimeInMs: 250 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'jest-orders', fromBeginning: true });
  const value = await new Promise((resolve) => {
    consumer.run({ eachMessage: async ({ message }) => resolve(message.value.toString()) });
  });
  await consumer.disconnect();
  expect(value).toBe('book');
});
