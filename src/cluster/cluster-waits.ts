// Waiting on a cluster's state without sleeping: every check is re-run when some node reports a
// change (a metadata image applied, a new quorum leader, a group or offset request answered, a
// node killed, stopped or restarted), and the wait resolves at the first change that satisfies it.
import type { KraftlingNode } from '../node/node.js';
import type { MetadataImage, PartitionState } from '../metadata/image.js';

const DEFAULT_TIMEOUT_MS = 30_000;

export interface WaitOptions {
  /** Reject after this long (default 30 s), naming what was awaited. */
  timeoutMs?: number;
}

export class ChangeHub {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves with the first non-undefined value `check` returns, checked now and after each change. */
  until<T>(check: () => T | undefined, what: string, options: WaitOptions = {}): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        this.listeners.delete(onChange);
        clearTimeout(timer);
      };
      const onChange = (): void => {
        let value: T | undefined;
        try {
          value = check();
        } catch (err) {
          done();
          reject(err);
          return;
        }
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.listeners.add(onChange);
    });
  }
}

/** The waits a test needs most, each resolving on the event. */
export class ClusterWaits {
  constructor(
    private readonly hub: ChangeHub,
    private readonly running: () => KraftlingNode[],
    private readonly controllerId: () => number | undefined,
  ) {}

  /** An active controller (other than `not`), known to every running node; resolves with its id. */
  controller(options: WaitOptions & { not?: number } = {}): Promise<number> {
    return this.hub.until(() => {
      const id = this.controllerId();
      if (id === undefined || id === options.not) return undefined;
      return this.running().every((n) => n.quorumStatus?.leaderId === id) ? id : undefined;
    }, `an active controller${options.not === undefined ? '' : ` other than ${options.not}`}`, options);
  }

  /** Every running node's broker unfenced, as every running node's image shows. */
  brokersUnfenced(options: WaitOptions = {}): Promise<true> {
    return this.hub.until(() => {
      const nodes = this.running();
      const ids = nodes.map((n) => n.nodeId);
      return nodes.every((n) => ids.every((id) => n.metadataImage?.brokers.get(id)?.fenced === false)) ? true : undefined;
    }, 'every running broker unfenced', options);
  }

  /** The partition has a leader (other than `not`), as every running node's image shows; resolves with it. */
  leader(topic: string, partition: number, options: WaitOptions & { not?: number } = {}): Promise<number> {
    return this.hub.until(() => {
      const leaders = new Set(this.running().map((n) => partitionOf(n.metadataImage, topic, partition)?.leader));
      const [leader] = leaders;
      if (leaders.size !== 1 || leader === undefined || leader < 0 || leader === options.not) return undefined;
      return leader;
    }, `a leader of ${topic}-${partition}${options.not === undefined ? '' : ` other than ${options.not}`}`, options);
  }

  /** The partition's ISR has exactly `size` replicas in every running node's image; resolves with it. */
  isr(topic: string, partition: number, size: number, options: WaitOptions = {}): Promise<readonly number[]> {
    return this.hub.until(() => {
      const states = this.running().map((n) => partitionOf(n.metadataImage, topic, partition));
      const first = states[0];
      if (!first || first.isr.length !== size) return undefined;
      return states.every((s) => s?.partitionEpoch === first.partitionEpoch) ? first.isr : undefined;
    }, `an ISR of ${size} for ${topic}-${partition}`, options);
  }

  /** The group is Stable on its coordinator; resolves with its member ids. */
  groupStable(groupId: string, options: WaitOptions = {}): Promise<string[]> {
    return this.hub.until(() => {
      for (const node of this.running()) {
        const [group] = node.groupCoordinator?.describeGroups([groupId], groupContext()) ?? [];
        if (group && group.errorCode === 0 && group.groupState === 'Stable') return group.members.map((m) => m.memberId);
      }
      return undefined;
    }, `group ${groupId} stable`, options);
  }

  /** The group has committed at least `offset` for the partition; resolves with the committed offset. */
  offsetCommitted(groupId: string, topic: string, partition: number, offset = 0, options: WaitOptions = {}): Promise<number> {
    return this.hub.until(() => {
      for (const node of this.running()) {
        const [result] = node.groupCoordinator?.fetchOffsets([{ groupId, topics: [{ name: topic, partitionIndexes: [partition] }] }], false, groupContext()) ?? [];
        const committed = result?.errorCode === 0 ? result.topics[0]?.partitions[0]?.committedOffset : undefined;
        if (committed !== undefined && committed >= offset) return committed;
      }
      return undefined;
    }, `group ${groupId} to commit offset ${offset} of ${topic}-${partition}`, options);
  }

  /** Any condition on the cluster, re-checked after each change. */
  condition<T>(check: () => T | undefined, what = 'a condition', options: WaitOptions = {}): Promise<T> {
    return this.hub.until(check, what, options);
  }
}

/** What the coordinator needs to know about a caller; these waits only read. */
function groupContext() {
  return { nowMs: Date.now(), apiVersion: 5, clientId: 'kraftling-cluster', clientHost: '/127.0.0.1' };
}

export function partitionOf(image: MetadataImage | undefined, topic: string, partition: number): PartitionState | undefined {
  return image?.topicsByName.get(topic)?.partitions[partition];
}
