// One seeded run of the data-plane simulation: three brokers, a controller, a producer and a
// consumer per partition, a transactional producer (with the coordinator's markers) and a
// read_committed consumer per partition, and faults for `faultMs` of virtual time (power cuts that lose unsynced
// writes and restart the broker from its log directory, network partitions both ways and one way,
// delay spikes), with producer ids expiring (producer.id.expiration.ms) as they idle; then everything
// heals and the run checks that the cluster converged with every acknowledged record kept. The
// invariants of DataChecker run after every event.
import { ServerConfig } from '../../../src/config/server-config.js';
import { Prng } from '../prng.js';
import { SimBroker } from './broker.js';
import { DataChecker, InvariantViolation } from './checker.js';
import { SimProducer, SimConsumer, type ClientEnv } from './clients.js';
import { VirtualClock } from './clock.js';
import { SimController } from './controller.js';
import { CONTROLLER, DataNetwork } from './network.js';
import { injectFault } from './faults.js';
import { SimCommittedConsumer, SimTxnProducer, TxnOutcomes } from './txn-clients.js';

export interface DataplaneOptions {
  brokers: number;
  partitions: number;
  minInsyncReplicas: number;
  faultMs: number;
  healMs: number;
  trace: boolean;
  /** Graceful stops among the faults (the next start opens the partition logs on first use). Off
   * by default: another kind of fault would change every existing seed's run. */
  gracefulStops: boolean;
}

export const DEFAULT_OPTIONS: DataplaneOptions = { brokers: 3, partitions: 2, minInsyncReplicas: 2, faultMs: 8000, healMs: 6000, trace: false, gracefulStops: false };

export interface DataplaneOutcome {
  seed: number;
  gracefulStops: boolean;
  error: Error | undefined;
  events: number;
  virtualMs: number;
  acked: number;
  consumed: number;
  faults: number;
  trace: string[];
}

const TRACE_LINES = 200;
const LAG_MS = 1000;
const PRODUCER_ID_EXPIRATION_MS = 1500;

export function replayCommand(seed: number, gracefulStops = false): string {
  return `npm run sim:dataplane -- --seed ${seed}${gracefulStops ? ' --graceful-stops' : ''} --trace`;
}

export class DataplaneSim {
  readonly clock = new VirtualClock();
  readonly prng: Prng;
  readonly network: DataNetwork;
  readonly controller: SimController;
  readonly brokers: SimBroker[] = [];
  readonly checker: DataChecker;
  readonly producers: SimProducer[] = [];
  readonly consumers: SimConsumer[] = [];
  /** Transactions (partition side): a transactional producer and a read_committed consumer per partition. */
  readonly outcomes = new TxnOutcomes();
  readonly txnProducers: SimTxnProducer[] = [];
  readonly committedConsumers: SimCommittedConsumer[] = [];
  readonly trace: string[] = [];
  faults = 0;
  /** A power cut happened and the cluster has not been healthy since: no other fault meanwhile. */
  powerCutPending = false;

  constructor(readonly seed: number, readonly options: DataplaneOptions) {
    this.prng = new Prng(seed);
    // Producer ids expire within a run (idle through a fault or between transactions), so the
    // expiry checks run among appends in flight, leader changes and crashes.
    const config = ServerConfig.resolve({ overrides: new Map([
      ['replica.lag.time.max.ms', String(LAG_MS)], ['producer.id.expiration.ms', String(PRODUCER_ID_EXPIRATION_MS)],
    ]) });
    this.network = new DataNetwork(this.clock, this.prng.split(1), { dropRate: 0.01, minDelayMs: 1, maxDelayMs: 15 });
    this.controller = new SimController(this.clock, config, this.prng.split(2), {
      brokers: options.brokers, partitions: options.partitions, minInsyncReplicas: options.minInsyncReplicas,
      segmentBytes: 4096, sessionTimeoutMs: 1000,
    }, (t) => this.note(t));
    const env = {
      clock: this.clock, network: this.network, controller: this.controller, config, brokers: () => this.brokers,
      note: (t: string) => this.note(t),
      fail: (err: Error) => this.checker.safely(() => {
        throw err;
      }),
    };
    for (let id = 1; id <= options.brokers; id++) this.brokers.push(new SimBroker(id, env, this.prng.split(10 + id)));
    this.checker = new DataChecker(this.brokers, options.partitions, options.minInsyncReplicas);
    const clients: ClientEnv = { clock: this.clock, network: this.network, controller: this.controller, checker: this.checker, brokers: this.brokers, prng: this.prng.split(3) };
    for (let p = 0; p < options.partitions; p++) {
      this.producers.push(new SimProducer(clients, 100 + p, p));
      this.consumers.push(new SimConsumer(clients, 200 + p, p));
      this.txnProducers.push(new SimTxnProducer(clients, 300 + p, p, this.outcomes));
      this.committedConsumers.push(new SimCommittedConsumer(clients, 400 + p, p, this.outcomes));
    }
  }

  note(text: string): void {
    this.trace.push(`${this.clock.nowMs} ${text}`);
    if (this.trace.length > TRACE_LINES && !this.options.trace) this.trace.shift();
  }

  get addresses(): number[] {
    return [CONTROLLER, ...this.brokers.map((b) => b.id), ...this.producers.map((p) => p.address), ...this.consumers.map((c) => c.address),
      ...this.txnProducers.map((p) => p.address), ...this.committedConsumers.map((c) => c.address)];
  }

  private check = (): void => {
    if (this.checker.violation) throw this.checker.violation;
    this.checker.afterEvent();
    this.checker.checkIsrMembers(this.controller.image);
  };

  async run(): Promise<void> {
    const { clock, options } = this;
    this.controller.bootstrap();
    for (const b of this.brokers) await b.start();
    const sessions = (): void => {
      this.controller.checkSessions();
      clock.at(50, sessions);
    };
    clock.at(50, sessions);
    for (const c of [...this.producers, ...this.consumers, ...this.txnProducers, ...this.committedConsumers]) c.start();
    const faultPrng = this.prng.split(4);
    const nextFault = (): void => {
      if (clock.nowMs >= options.faultMs) return;
      if (injectFault(this, faultPrng)) this.faults++;
      clock.at(faultPrng.int(100, 600), nextFault);
    };
    clock.at(300, nextFault);
    await clock.runUntil(options.faultMs, this.check);
    this.healAll();
    await clock.runUntil(options.faultMs + options.healMs / 2, this.check);
    for (const p of [...this.producers, ...this.txnProducers]) p.running = false;
    await clock.runUntil(options.faultMs + options.healMs, this.check);
    this.expectConverged();
  }

  /** Heals the network and restarts every broker that is down. */
  healAll(): void {
    this.note('heal: network healed, brokers restarted');
    this.network.heal();
    this.network.slowUntilMs = 0;
    // No more faults, lost messages included: what follows checks that the cluster converges.
    this.network.faults.dropRate = 0;
    for (const b of this.brokers) if (!b.alive) void b.start();
  }

  private expectConverged(): void {
    const topic = this.controller.image.topicsByName.values().next().value!;
    for (const p of topic.partitions) {
      if (p.leader < 0 || p.isr.length !== p.replicas.length) {
        throw new InvariantViolation(`p${p.partitionId} did not recover after healing: leader ${p.leader}, isr [${p.isr.join(',')}]`);
      }
    }
    this.checker.finalCheck();
    for (const c of this.consumers) {
      const hw = this.brokers.find((b) => b.partition(c.partition)?.isLeader)?.partition(c.partition)?.highWatermark ?? -1;
      if (c.nextOffset !== hw) throw new InvariantViolation(`consumer of p${c.partition} stopped at ${c.nextOffset}, high watermark ${hw}`);
    }
    // Every marker was written: nothing is left open, and read_committed read up to the end.
    for (const c of this.committedConsumers) {
      const log = this.brokers.find((b) => b.partition(c.partition)?.isLeader)?.partition(c.partition)?.log;
      if (log === undefined || log.lastStableOffset !== log.highWatermark) {
        throw new InvariantViolation(`p${c.partition}: last stable offset ${log?.lastStableOffset} below the high watermark ${log?.highWatermark} after every marker`);
      }
      if (c.nextOffset !== log.highWatermark) throw new InvariantViolation(`read_committed consumer of p${c.partition} stopped at ${c.nextOffset}, LSO ${log.lastStableOffset}`);
      c.checkComplete();
    }
  }

  /** Each broker's view of each partition, for a failure's trace. */
  describeState(): string[] {
    const lines: string[] = [];
    for (const b of this.brokers) {
      for (let p = 0; p < this.options.partitions; p++) {
        const part = b.partition(p);
        if (!part) {
          lines.push(`state: broker ${b.id} ${b.alive ? 'up' : 'down'}, p${p} not hosted`);
          continue;
        }
        const log = part.log;
        const epochs = log.epochEntries().map((e) => `${e.epoch}@${e.startOffset}`).join(' ');
        const followers = [...part.followers].map(([id, f]) => `${id}:${f.logEndOffset}`).join(' ');
        lines.push(`state: broker ${b.id} epoch ${b.brokerEpoch} p${p} leader=${part.state.leader} epoch=${part.leaderEpoch} isr=[${part.state.isr.join(',')}] ` +
          `leo=${log.logEndOffset} hw=${log.highWatermark} epochs=[${epochs}] followers=[${followers}]`);
      }
    }
    return lines;
  }

  /** Releases what the code under test still awaits (acks=all waits), so nothing outlives the run. */
  dispose(): void {
    for (const b of this.brokers) for (const rm of b.managers) rm.abandonAll();
  }
}

export async function runDataplane(seed: number, overrides: Partial<DataplaneOptions> = {}): Promise<DataplaneOutcome> {
  const sim = new DataplaneSim(seed, { ...DEFAULT_OPTIONS, ...overrides });
  let error: Error | undefined;
  sim.clock.install();
  try {
    await sim.run();
  } catch (err) {
    error = err instanceof Error ? err : new Error(String(err));
    sim.trace.push(...sim.describeState());
  } finally {
    sim.dispose();
    await sim.clock.settle();
    sim.clock.uninstall();
  }
  return {
    seed, gracefulStops: sim.options.gracefulStops, error, events: sim.clock.events, virtualMs: sim.clock.nowMs, faults: sim.faults,
    acked: sim.checker.acks.length, consumed: sim.consumers.reduce((a, c) => a + c.nextOffset, 0), trace: sim.trace,
  };
}

export function describeOutcome(o: DataplaneOutcome): string {
  return `dataplane seed ${o.seed} failed at ${o.virtualMs} ms: ${o.error?.message}\n  replay: ${replayCommand(o.seed, o.gracefulStops)}`;
}
