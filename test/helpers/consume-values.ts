// Reads topics with a kafkajs group consumer until `expected` records have arrived (then a short
// quiet spell, so extra records would show), and returns the values per topic in arrival order.
import type { Kafka } from 'kafkajs';

export async function consumeValues(kafka: Kafka, topics: string[], readUncommitted: boolean, expected: number, timeoutMs = 30_000): Promise<Map<string, string[]>> {
  const consumer = kafka.consumer({ groupId: `reader-${topics.join('-')}-${readUncommitted}-${Math.random()}`, readUncommitted, maxWaitTimeInMs: 100 });
  const seen = new Map<string, string[]>();
  let count = 0;
  let reached: () => void = () => {};
  const done = new Promise<void>((resolve) => { reached = resolve; });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        seen.set(topic, [...(seen.get(topic) ?? []), message.value?.toString() ?? '']);
        if (++count >= expected) reached();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((_, reject) => { timer = setTimeout(() => reject(new Error(`only ${count} of ${expected} records in ${timeoutMs} ms`)), timeoutMs); });
    try {
      await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
    await new Promise((r) => setTimeout(r, 300));
    return seen;
  } finally {
    await consumer.disconnect();
  }
}
