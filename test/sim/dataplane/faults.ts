// The faults of the data-plane simulation, one drawn at a time. Power cuts lose unsynced writes,
// which Kafka survives only while the other replicas hold the data (replication, not fsync, is
// what makes an acknowledged record durable): so a power cut hits only a healthy cluster (every
// broker up and unfenced, every ISR full, no network fault), and no other fault comes until the
// cluster is healthy again. Otherwise the ISR could shrink to the broker that lost its data, which
// then leads again with a shorter log: two failures, beyond what Kafka promises (KIP-966's
// eligible leader replicas address it; kraftling does not have them). Network faults alone may
// pile up freely, and so may kills (SIGKILL: the page cache keeps what was written) and graceful
// stops (where the simulation has them): no partition of the network, however long, and no number
// of kills may lose an acknowledged record.
import type { Prng } from '../prng.js';
import { CONTROLLER } from './network.js';
import type { SimBroker } from './broker.js';
import type { DataplaneSim } from './simulation.js';

/** Restarts a broker that is still down then (healing may have restarted it already). */
function restartLater(sim: DataplaneSim, b: SimBroker, delayMs: number): void {
  sim.clock.at(delayMs, () => {
    if (b.alive) return;
    sim.note(`restart broker ${b.id}`);
    void b.start();
  });
}

/** Every broker up, registered in its current life and unfenced, every ISR full. */
function healthy(sim: DataplaneSim): boolean {
  const registered = (id: number, epoch: number): boolean => {
    const b = sim.controller.image.brokers.get(id);
    return b !== undefined && b.epoch === epoch && !b.fenced;
  };
  if (sim.brokers.some((b) => !b.alive || !registered(b.id, b.brokerEpoch))) return false;
  for (const topic of sim.controller.image.topicsByName.values()) {
    for (const p of topic.partitions) if (p.isr.length !== p.replicas.length) return false;
  }
  return true;
}

/** Draws and injects one fault; false when the one drawn does not apply now. */
export function injectFault(sim: DataplaneSim, prng: Prng): boolean {
  const { clock, network } = sim;
  if (sim.powerCutPending) {
    if (!healthy(sim)) return false;
    sim.powerCutPending = false;
  }
  const networkFaulty = network.cutLinks.length > 0 || network.slowUntilMs > clock.nowMs;
  const kinds = ['powerCut', 'powerCut', 'kill', 'isolate', 'oneWay', 'oneWay', 'slow'] as const;
  const kind = prng.pick(sim.options.gracefulStops ? [...kinds, 'stop' as const] : kinds);
  const brokerIds = sim.brokers.map((b) => b.id);
  const heal = (what: string, afterMs: number, undo: () => void): void => clock.at(afterMs, () => {
    undo();
    sim.note(`heal: ${what}`);
  });
  switch (kind) {
    case 'powerCut': {
      if (networkFaulty || !healthy(sim)) return false;
      sim.powerCutPending = true;
      const b = sim.brokers[prng.int(0, sim.brokers.length - 1)]!;
      sim.note(`fault: power cut of broker ${b.id}`);
      sim.checker.rememberCopies(b);
      b.powerCut();
      restartLater(sim, b, prng.int(50, 2000));
      return true;
    }
    case 'kill': {
      const up = sim.brokers.filter((x) => x.alive);
      if (up.length === 0) return false;
      const b = prng.pick(up);
      sim.note(`fault: broker ${b.id} killed`);
      sim.checker.rememberCopies(b);
      b.kill();
      restartLater(sim, b, prng.int(50, 2000));
      return true;
    }
    case 'stop': {
      const up = sim.brokers.filter((x) => x.alive);
      if (up.length === 0) return false;
      const b = prng.pick(up);
      sim.note(`fault: broker ${b.id} stopped gracefully`);
      sim.checker.rememberCopies(b);
      b.stop();
      restartLater(sim, b, prng.int(50, 2000));
      return true;
    }
    case 'isolate': {
      const id = prng.pick(brokerIds);
      const links = sim.addresses.filter((a) => a !== id).flatMap((a) => [[id, a], [a, id]] as const);
      const fresh = links.filter(([a, b]) => !network.isCut(a, b));
      for (const [a, b] of fresh) network.cutLink(a, b);
      sim.note(`fault: broker ${id} isolated`);
      heal(`broker ${id} reconnected`, prng.int(200, 3000), () => fresh.forEach(([a, b]) => network.mendLink(a, b)));
      return true;
    }
    case 'oneWay': {
      const from = prng.pick([CONTROLLER, ...brokerIds]);
      const to = prng.pick([CONTROLLER, ...brokerIds].filter((x) => x !== from));
      if (network.isCut(from, to)) return false;
      network.cutLink(from, to);
      sim.note(`fault: link ${from}>${to} cut (one way)`);
      heal(`link ${from}>${to}`, prng.int(200, 3000), () => network.mendLink(from, to));
      return true;
    }
    case 'slow': {
      network.slowUntilMs = clock.nowMs + prng.int(200, 2000);
      network.slowDelayMs = prng.int(100, 800);
      sim.note(`fault: messages take up to ${network.slowDelayMs} ms until ${network.slowUntilMs}`);
      return true;
    }
  }
}
