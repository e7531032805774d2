// The application under test in the test-runner examples: it places orders on a topic and runs a
// consumer that processes them. Nothing here knows about kraftling; it is plain kafkajs code.
import { Kafka, logLevel } from 'kafkajs';

export function orderService({ brokers, topic = 'orders', groupId = 'order-processor' }) {
  const kafka = new Kafka({ clientId: 'order-service', brokers, logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100 } });
  const producer = kafka.producer({ idempotent: true });
  // Short sessions: when a failover makes the consumer rejoin as a new member, the group waits
  // for the old member's session to expire (Kafka's rule), 6 s here instead of kafkajs's 30 s.
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, sessionTimeout: 6000, heartbeatInterval: 500 });
  const processed = [];
  const waiters = [];

  return {
    processed,
    async start(onOrder = () => {}) {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const order = JSON.parse(message.value.toString());
          processed.push(order.id);
          onOrder(order);
          for (const w of waiters.splice(0)) {
            if (new Set(processed).size >= w.count) w.resolve();
            else waiters.push(w);
          }
        },
      });
    },
    /** Resolves once `count` distinct orders have been processed (Kafka delivers at least once). */
    processedCount(count) {
      if (new Set(processed).size >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async placeOrder(order) {
      await producer.send({ topic, acks: -1, messages: [{ key: String(order.id), value: JSON.stringify(order) }] });
    },
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
