// The active controller's own leader elections, run from its tick: every
// leader.imbalance.check.interval.seconds it moves leadership back to preferred replicas
// (auto.leader.rebalance.enable, Kafka's "electPreferred" task), and whenever brokers or configs
// change it gives leaderless partitions an unclean leader where their topic allows one (Kafka does
// this when a broker is fenced, and in its "electUnclean" task). Sans-IO: time comes in as nowMs.
import type { MetadataImage } from '../metadata/image.js';
import type { MetadataRecord } from '../metadata/records.js';
import type { ControllerEnv } from './env.js';
import { preferredElections, uncleanElections } from './leader-elections.js';

/** Kafka's maxElectionsPerImbalance: a bound on one batch of preferred elections. */
const MAX_PREFERRED_ELECTIONS = 1000;

export class LeaderBalancer {
  private nextPreferredMs: number;
  private seenBrokers: MetadataImage['brokers'] | undefined;
  private seenConfigs: MetadataImage['configs'] | undefined;

  /** The controller became active at `activeSinceMs`: the first preferred check is one interval later. */
  constructor(private readonly env: ControllerEnv, activeSinceMs: number) {
    this.nextPreferredMs = activeSinceMs + this.intervalMs();
  }

  /** Records to propose now (empty most of the time). */
  tick(image: MetadataImage, nowMs: number): MetadataRecord[] {
    const records: MetadataRecord[] = [];
    // Unclean elections only follow a change that can create or fix a leaderless partition: a
    // fenced or unfenced broker, or a config that now allows them.
    if (image.brokers !== this.seenBrokers || image.configs !== this.seenConfigs) {
      this.seenBrokers = image.brokers;
      this.seenConfigs = image.configs;
      records.push(...uncleanElections(this.env, image));
    }
    // Not in the same batch as unclean elections, which were computed against this same image:
    // the next tick runs it.
    if (nowMs >= this.nextPreferredMs && records.length === 0) {
      this.nextPreferredMs = nowMs + this.intervalMs();
      if (this.env.config.bool('auto.leader.rebalance.enable')) records.push(...preferredElections(image, MAX_PREFERRED_ELECTIONS));
    }
    return records;
  }

  private intervalMs(): number {
    return this.env.config.int('leader.imbalance.check.interval.seconds') * 1000;
  }
}
