// Consumer groups as a kafkajs user meets them, on a one-node broker: how long a consumer on a
// fresh group takes from run() to its first message, and how long a rebalance takes when a second
// member joins. An idle kafkajs member learns of a rebalance from a Heartbeat answer, and sends a
// heartbeat between fetches once heartbeatInterval has passed, so both fetch wait and heartbeat
// interval are 100 ms: with kafkajs's defaults (3 s heartbeats) the figure would measure kafkajs.
// The broker runs its dev profile, where group.initial.rebalance.delay.ms is 0 (Kafka's is 3 s).
import { Kafka, Partitioners, logLevel, type Consumer, type LogEntry } from 'kafkajs';
import { withBroker } from './broker-process.js';
import { createTopic } from './raw-client.js';
import { median, msRange, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const TOPIC = 'bench-groups';
const PARTITIONS = 6;
const RECORDS_PER_PARTITION = 100;
const VALUE_BYTES = 100;
const CONSUMER_CONFIG = { maxWaitTimeInMs: 100, heartbeatInterval: 100 } as const;
const SETTINGS_NOTE = `kafkajs consumers with maxWaitTimeInMs=${CONSUMER_CONFIG.maxWaitTimeInMs}, `
  + `heartbeatInterval=${CONSUMER_CONFIG.heartbeatInterval}, the rest default; broker dev profile (initial rebalance delay 0)`;
const STEP_TIMEOUT_MS = 30_000;

interface Join {
  generation: number;
  partitions: number[];
  at: number;
}

/** A kafkajs consumer, connected and subscribed, and the joins it completed with their generation. */
interface Member {
  consumer: Consumer;
  joins: Join[];
  /** consumer.run(), reading from the beginning. */
  run(): Promise<void>;
  /** When eachMessage was first called, on performance.now()'s clock. */
  firstMessageAt: Promise<number>;
  /** Called after each join. */
  listeners: Set<() => void>;
}

/**
 * GROUP_JOIN carries no generation id; kafkajs logs it (at debug level) with the assignment it
 * has just received, right before it emits GROUP_JOIN, so each member's own client reads it there.
 */
async function newMember(bootstrap: string, groupId: string): Promise<Member> {
  let generation = -1;
  const logCreator = () => ({ log }: LogEntry): void => {
    if (log.message === 'Received assignment') generation = Number(log['generationId']);
  };
  const kafka = new Kafka({ clientId: 'kraftling-bench', brokers: [bootstrap], logLevel: logLevel.DEBUG, logCreator });
  const consumer = kafka.consumer({ groupId, ...CONSUMER_CONFIG });
  const joins: Join[] = [];
  const listeners = new Set<() => void>();
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    joins.push({ generation, partitions: e.payload.memberAssignment[TOPIC] ?? [], at: performance.now() });
    for (const listener of listeners) listener();
  });
  let onMessage!: (at: number) => void;
  const firstMessageAt = new Promise<number>((resolve) => { onMessage = resolve; });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  return {
    consumer, joins, firstMessageAt, listeners,
    run: () => consumer.run({ eachMessage: async () => onMessage(performance.now()) }),
  };
}

/** Resolves once `check` holds, checked now and after each join of any of `members`. */
function whenJoined(members: Member[], check: () => boolean): Promise<void> {
  return withTimeout(new Promise<void>((resolve) => {
    const listener = (): void => {
      if (!check()) return;
      for (const m of members) m.listeners.delete(listener);
      resolve();
    };
    for (const m of members) m.listeners.add(listener);
    listener();
  }), 'a group join');
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function fill(bootstrap: string): Promise<void> {
  await createTopic(bootstrap, TOPIC, PARTITIONS);
  const kafka = new Kafka({ clientId: 'kraftling-bench', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const value = Buffer.alloc(VALUE_BYTES, 0x67);
    for (let partition = 0; partition < PARTITIONS; partition++) {
      await producer.send({ topic: TOPIC, acks: 1, messages: Array.from({ length: RECORDS_PER_PARTITION }, () => ({ value, partition })) });
    }
  } finally {
    await producer.disconnect();
  }
}

/** run() of a lone consumer on a new group until its first eachMessage. */
async function firstMessageMs(bootstrap: string, groupId: string): Promise<number> {
  const member = await newMember(bootstrap, groupId);
  try {
    const started = performance.now();
    await member.run();
    return (await withTimeout(member.firstMessageAt, 'the first message')) - started;
  } finally {
    await member.consumer.disconnect();
  }
}

/** Both members hold a join of one generation, newer than `after`, and their partitions cover the topic. */
function sameGenerationCheck(a: Member, b: Member, after: number): () => number | undefined {
  return () => {
    for (const jb of b.joins) {
      const ja = a.joins.find((j) => j.generation === jb.generation && j.generation > after);
      if (!ja) continue;
      const owned = new Set([...ja.partitions, ...jb.partitions]);
      if (owned.size === PARTITIONS && ja.partitions.length + jb.partitions.length === PARTITIONS) return Math.max(ja.at, jb.at);
    }
    return undefined;
  };
}

/** A second member's run() until both members have synced the generation that includes it. */
async function rebalanceMs(bootstrap: string, groupId: string): Promise<number> {
  const a = await newMember(bootstrap, groupId);
  let b: Member | undefined;
  try {
    await a.run();
    await whenJoined([a], () => a.joins.length > 0);
    // Steady state first: the first member holds every partition and is in its fetch loop.
    await withTimeout(a.firstMessageAt, 'the first message');
    const before = a.joins.at(-1)!.generation;
    b = await newMember(bootstrap, groupId);
    const done = sameGenerationCheck(a, b, before);
    const started = performance.now();
    await b.run();
    await whenJoined([a, b], () => done() !== undefined);
    return done()! - started;
  } finally {
    await Promise.all([a.consumer.disconnect(), b?.consumer.disconnect()]);
  }
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  return withBroker(async (broker) => {
    await fill(broker.bootstrap);
    settings.log('groups: first group on the broker (creates __consumer_offsets)');
    const firstEverMs = await firstMessageMs(broker.bootstrap, 'bench-first-ever');
    const firsts: number[] = [];
    const rebalances: number[] = [];
    for (let i = 0; i < settings.groupRuns; i++) {
      settings.log(`groups: run ${i + 1} of ${settings.groupRuns}`);
      firsts.push(await firstMessageMs(broker.bootstrap, `bench-fresh-${i}`));
      rebalances.push(await rebalanceMs(broker.bootstrap, `bench-rebalance-${i}`));
    }
    const topic = `${PARTITIONS} partitions x ${RECORDS_PER_PARTITION} records`;
    return [
      {
        group: 'groups',
        name: 'run() -> first message, fresh group',
        value: `${median(firsts).toFixed(0)} ms`,
        versus: `${msRange(firsts)}; first group ever on the broker: ${firstEverMs.toFixed(0)} ms (creates __consumer_offsets)`,
        generator: `${SETTINGS_NOTE}; new group id each run, fromBeginning, ${topic}; median of ${firsts.length}`,
      },
      {
        group: 'groups',
        name: 'rebalance: 2nd member run() -> both assigned',
        value: `${median(rebalances).toFixed(0)} ms`,
        versus: msRange(rebalances),
        generator: `${SETTINGS_NOTE}; until GROUP_JOIN of one new generation on both members, `
          + `assignments covering all ${PARTITIONS} partitions; median of ${rebalances.length}`,
      },
    ];
  });
}

export const groupsGroup: FigureGroup = {
  name: 'groups',
  description: 'kafkajs consumer groups: run() to first message on a fresh group, rebalance when a member joins',
  usesBroker: true,
  run,
};
