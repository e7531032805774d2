// A member of a consumer-protocol (KIP-848) group for integration tests: an @platformatic/kafka
// consumer with groupProtocol 'consumer' that records what it reads and commits each record
// (awaiting the commit before counting it as committed).
import { Consumer, stringDeserializers, type Message } from '@platformatic/kafka';

export type Kip848Consumer = Consumer<string, string, string, string>;

export interface Kip848Member {
  consumer: Kip848Consumer;
  seen: string[];
  /** Values whose commit the coordinator acknowledged. */
  committed: Set<string>;
  /** Partitions currently assigned, sorted ("topic:partition"). */
  assigned(): string[];
  /** Resolves once `count` more fetch answers have arrived. The client pushes what a fetch sent
   * before a revocation returns, revoked partitions included (as a broker serves any partition
   * to any consumer): two answers after a new assignment, every fetch uses it. */
  fetches(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function kip848Member(bootstrap: string, groupId: string, topics: string[], extra: Record<string, unknown> = {}): Promise<Kip848Member> {
  const consumer: Kip848Consumer = new Consumer({
    clientId: 'kip848-member', bootstrapBrokers: bootstrap.split(','), groupId, groupProtocol: 'consumer',
    deserializers: stringDeserializers, autocommit: false, maxWaitTime: 100, retries: 20, retryDelay: 100, ...extra,
  } as ConstructorParameters<typeof Consumer<string, string, string, string>>[0]);
  const stream = await consumer.consume({ topics, mode: 'committed', fallbackMode: 'earliest' });
  const seen: string[] = [];
  const committed = new Set<string>();
  stream.on('data', (m: Message<string, string, string, string>) => {
    seen.push(m.value);
    void Promise.resolve(m.commit()).then(() => committed.add(m.value), () => {});
  });
  stream.on('error', () => {});
  return {
    consumer, seen, committed,
    fetches: (count) => new Promise((resolve) => {
      let left = count;
      const onFetch = (): void => {
        if (--left > 0) return;
        stream.off('fetch', onFetch);
        resolve();
      };
      stream.on('fetch', onFetch);
    }),
    assigned: () => (consumer.assignments ?? []).flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`)).sort(),
    close: async () => {
      await Promise.resolve(stream.close()).catch(() => {});
      await Promise.resolve(consumer.close(true)).catch(() => {});
    },
  };
}
