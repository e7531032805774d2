// The partitions this broker hosts. Follows the metadata image: creates the log of every partition
// that lists this node as a replica, tracks leadership and ISR, deletes logs of removed topics, and
// keeps each log's settings equal to the topic's effective configs. Serves produce and offset
// queries; fetch lives in fetch.ts.
import { ErrorCode } from '../../protocol/errors.js';
import { forEachConcurrently } from '../../storage/concurrency.js';
import type { LogConfig } from '../../storage/log-config.js';
import { LogOfflineError } from '../../storage/errors.js';
import { BrokerMetrics } from '../broker/broker-metrics.js';
import type { LogDir } from '../../storage/log-dir.js';
import type { VolumeSpace } from '../../storage/file-system.js';
import type { ServerConfig } from '../config/server-config.js';
import { RACK_AWARE_SELECTOR } from '../config/broker-keys.js';
import { brokerConfigValue, type DynamicBrokerConfigs } from '../config/effective.js';
import { CLUSTER_METADATA_TOPIC } from '../controller/topic-names.js';
import { FetchSessionCache } from './fetch-sessions.js';
import { dynamicBrokerConfigs, topicConfigs, type MetadataImage, type PartitionState, type TopicState } from '../metadata/image.js';
import { topicChanges } from '../metadata/topic-changes.js';
import { Partition, type LogOpener } from './partition.js';
import { FollowerWaits } from './follower-waits.js';
import { appendAsLeader, produceError, type PartitionProduceResult, type ProduceOptions, type TopicSettings } from './produce.js';
import { logConfigFor, topicSettingsFor } from './topic-settings.js';
import { appendTxnMarker, type TxnMarker } from './txn-markers.js';
import type { TxnVerifier } from './txn-verification.js';
import { alterPartitionRequest, desiredIsr, isrChangeOutcome, withoutIneligible, type AlterPartitionSender } from './isr.js';
import type { ReplicaFetchers } from './replica-fetcher.js';
import { PartitionTable } from '../../storage/partition-table.js';
import { batchedAlterPartitions } from './alter-partition-batches.js';
import { BufferPool, BufferPools } from '../../storage/buffer-pool.js';
import { ZERO_COPY_BYTES } from '../../protocol/primitives/writer.js';
import { isThrottled, ReplicationQuota } from './replication-quota.js';
import { preferredReadReplica, type ClientMetadata } from './preferred-replica.js';

/** What DescribeLogDirs reports of the broker's one log directory. */
export interface LogDirDescription {
  path: string;
  volume: VolumeSpace | undefined;
  logs: { topic: string; partition: number; sizeBytes: number }[];
}

export interface ReplicaManagerOptions {
  nodeId: number;
  logDir: LogDir;
  config: ServerConfig;
  nowMs: () => number;
  /** A number in [0, 1) for fetch session ids: the runtime passes Math.random, so a client's
   * session id from before a restart names no new session. Absent: a sequence seeded by the node
   * id (tests, simulations that replay from a seed). */
  random?: () => number;
  /** Follower fetch loops (absent on a single node, which never follows anyone). */
  fetchers?: ReplicaFetchers;
  /** Sends ISR changes of partitions this broker leads to the active controller. */
  alterPartition?: AlterPartitionSender;
  /** This broker's registration epoch, for AlterPartition. */
  brokerEpoch?: () => number;
  /** KIP-890 verification of transactional produce with the coordinator (absent: none; the runtime
   * leaves it out when transaction.partition.verification.enable is false). */
  verifyTxn?: TxnVerifier;
  /** Where produce, fetch and ISR changes are counted (default: counters nobody reads). */
  metrics?: BrokerMetrics;
}

export type PartitionLookup =
  | { partition: Partition }
  | { errorCode: number };

/** Opens the partition's log now (its first use); false if it cannot be (the log directory reported
 * why, and the partition answers KAFKA_STORAGE_ERROR, as Kafka's partitions of an offline log dir). */
function opens(p: Partition): boolean {
  try {
    void p.log;
    return true;
  } catch {
    return false;
  }
}

/**
 * Logs created or deleted at once when an image adds or removes partitions: a CreateTopics of
 * thousands of partitions then shares fsyncs of the log directory instead of paying them one
 * partition after the other. The image still applies in order: it is done when all are.
 */
const LOG_CONCURRENCY = 64;
/** A Fetch read's buffer: replica.fetch.max.bytes' and max.partition.fetch.bytes' default (a
 * larger read gets a buffer of its own). */
const READ_BUFFER_BYTES = 1024 * 1024;
/** Free read buffers kept: what in-flight fetches of a few followers and consumers use at once. */
const READ_BUFFERS_KEPT = 16;
/** A Fetch read of up to this much (a tailing consumer's, most of the time) gets a buffer this
 * size: lent a 1 MiB one, a 16 KiB answer would hold the rest unused until it is sent. */
const SMALL_READ_BUFFER_BYTES = 64 * 1024;
const SMALL_READ_BUFFERS_KEPT = 64;

const NO_DYNAMIC_CONFIGS: DynamicBrokerConfigs = { perBroker: new Map(), clusterDefault: new Map() };

/** A producer id expiry check under way (ReplicaManager.producerExpiryPass). */
export interface ProducerExpiryPass {
  /** Checks up to `count` more partitions; true while some are left. */
  step(count: number): boolean;
  /** Producers dropped so far. */
  readonly removed: number;
}

export class ReplicaManager {
  private readonly partitions = new PartitionTable<Partition>();
  private readonly settings = new Map<string, TopicSettings>();
  /** Where openIdleLogs goes on. */
  private idleCursor: Iterator<Partition> | undefined;
  /** A partition whose log openIdleLogs left recovering, to go on with first. */
  private idleRecovering: Partition | undefined;
  /** Logs still recovering that clients asked for (see lookup): recovered before any other. */
  private readonly recoverFirst: Partition[] = [];
  private image: MetadataImage | undefined;
  /** Told of each marker written (acknowledged by the ISR) on a partition this broker leads: the
   * group coordinator makes a committed transaction's offsets visible from it (Kafka's
   * onTransactionCompleted after WriteTxnMarkers). */
  txnMarkerWritten: ((topic: string, partition: number, marker: TxnMarker) => void) | undefined;
  /** Set by `abandonAll`: a stopping broker leads nothing (every lookup NOT_LEADER_OR_FOLLOWER). */
  private stopped = false;
  /** replica.selector.class names Kafka's rack-aware selector (KIP-392); read once, as Kafka does. */
  private readonly rackAware: boolean;
  readonly metrics: BrokerMetrics;
  /** Consumers' and followers' incremental fetch sessions (KIP-227). */
  readonly fetchSessions: FetchSessionCache;
  /** What Fetch reads records into; each goes back once its response was sent. A read under
   * ZERO_COPY_BYTES gets a buffer of its own size (a slice of Node's pool): its response's encoding
   * copies it anyway, so lending it a pooled one would only hold that until it is sent. */
  readonly readBuffers = new BufferPools([
    new BufferPool(SMALL_READ_BUFFER_BYTES, SMALL_READ_BUFFERS_KEPT), new BufferPool(READ_BUFFER_BYTES, READ_BUFFERS_KEPT),
  ], ZERO_COPY_BYTES);
  /** ISR changes to the controller, batched (see alter-partition-batches.ts). */
  private readonly sendIsrChange: AlterPartitionSender | undefined;
  /** Follower fetches parked here, woken when a follower has a new partition to follow. */
  readonly followerWaits: FollowerWaits<Partition>;
  /** Opens the log of a partition hosted before the log was (after a restart): one for all. */
  /** What this broker, leading, sends to throttled followers out of the ISR (Kafka's leader quota). */
  readonly leaderQuota: ReplicationQuota;
  /** What this broker, following, fetches of throttled partitions while out of the ISR. */
  readonly followerQuota: ReplicationQuota;
  private readonly logOpener: LogOpener = { openLog: (topic, partition, topicId) => this.options.logDir.get(topic, partition, topicId)! };

  constructor(private readonly options: ReplicaManagerOptions) {
    this.metrics = options.metrics ?? new BrokerMetrics();
    this.rackAware = options.config.get('replica.selector.class') === RACK_AWARE_SELECTOR;
    this.followerWaits = new FollowerWaits(options.nowMs);
    this.sendIsrChange = options.alterPartition && batchedAlterPartitions(options.alterPartition);
    this.fetchSessions = new FetchSessionCache(options.config.int('max.incremental.fetch.session.cache.slots'),
      options.random ?? seededSequence(options.nodeId));
    const quota = (rateKey: string): ReplicationQuota => new ReplicationQuota(
      () => Math.min(Number(brokerConfigValue(options.config, this.dynamicConfigs(), rateKey)), Number.MAX_SAFE_INTEGER),
      options.config.int('replication.quota.window.num'), options.config.int('replication.quota.window.size.seconds') * 1000);
    this.leaderQuota = quota('leader.replication.throttled.rate');
    this.followerQuota = quota('follower.replication.throttled.rate');
  }

  /** The partition's bytes to this follower count against the leader throttle (its topic names
   * this broker's replica, whatever the follower's state: Kafka records them all). */
  leaderThrottled(p: Partition): boolean {
    return isThrottled(this.settings.get(p.topic)?.leaderThrottled ?? null, p.partition, this.nodeId);
  }

  /** A follower out of the ISR gets none of a throttled partition while the leader throttle is
   * exceeded (Kafka's shouldLeaderThrottle). */
  leaderHolds(p: Partition, followerId: number, nowMs: number): boolean {
    return !p.state.isr.includes(followerId) && this.leaderThrottled(p) && this.leaderQuota.exceeded(nowMs);
  }

  /** This broker's fetched bytes of the partition count against the follower throttle. */
  followerThrottled(p: Partition): boolean {
    return isThrottled(this.settings.get(p.topic)?.followerThrottled ?? null, p.partition, this.nodeId);
  }

  /** This broker, out of the partition's ISR, fetches none of it while the follower throttle is
   * exceeded (Kafka's shouldFollowerThrottle). */
  followerHolds(p: Partition, nowMs: number): boolean {
    return !p.state.isr.includes(this.nodeId) && this.followerThrottled(p) && this.followerQuota.exceeded(nowMs);
  }

  get nodeId(): number {
    return this.options.nodeId;
  }

  get hostedPartitions(): number {
    return this.partitions.size;
  }

  /**
   * DescribeLogDirs: the log directory, its volume where known, and the size of each hosted
   * partition's log that `wanted` accepts, opened if it was not yet. A log that cannot be opened
   * is left out, as Kafka leaves out what an offline directory holds.
   */
  describeLogDir(wanted: (topic: string, partition: number) => boolean): LogDirDescription {
    const { logDir } = this.options;
    const logs: LogDirDescription['logs'] = [];
    for (const p of this.partitions.values()) {
      if (wanted(p.topic, p.partition) && opens(p)) logs.push({ topic: p.topic, partition: p.partition, sizeBytes: p.log.sizeBytes });
    }
    return { path: logDir.path, volume: logDir.volume(), logs };
  }

  nowMs(): number {
    return this.options.nowMs();
  }

  /** Follows a new metadata image (called in image order by the metadata publisher). */
  async applyImage(image: MetadataImage, previous: MetadataImage): Promise<void> {
    const first = this.image === undefined;
    this.image = image;
    if (first) await this.deleteStrayLogs(image);
    const dynamic = dynamicBrokerConfigs(image, this.nodeId);
    // Only what the image's delta touched (architecture rule 12), not every topic of the cluster.
    const touched = topicChanges(image, previous);
    for (const topic of touched.removed) await this.removeTopic(topic);
    // One LogConfig object per topic, shared by its partitions' logs.
    const changed = new Map<TopicState, LogConfig>();
    // Topics without overrides share one resolution of the broker configs per image: at 100,000
    // topics, resolving them once per topic was a visible part of a start.
    let plain: { settings: TopicSettings; logConfig: LogConfig } | undefined;
    for (const topic of touched.changed) {
      const overrides = topicConfigs(image, topic.name);
      const resolved = overrides.size === 0 && plain !== undefined ? plain : {
        settings: topicSettingsFor(this.options.config, dynamic, overrides), logConfig: logConfigFor(this.options.config, dynamic, overrides),
      };
      if (overrides.size === 0) plain = resolved;
      this.settings.set(topic.name, resolved.settings);
      changed.set(topic, resolved.logConfig);
    }
    // The logs first, many at once; then the partitions, in image order. A log that could not be
    // created leaves its partition unhosted (NOT_LEADER_OR_FOLLOWER) and fails the image, as before.
    let failure: { err: unknown } | undefined;
    await this.createLogs(changed).catch((err: unknown) => {
      failure = { err };
    });
    for (const [topic, logConfig] of changed) this.applyTopic(topic, logConfig);
    await this.removeReassignedAway(changed.keys());
    if (failure !== undefined) throw failure.err;
  }

  private createLogs(topics: ReadonlyMap<TopicState, LogConfig>): Promise<void> {
    const missing: { topic: string; topicId: string; partition: number; config: LogConfig }[] = [];
    for (const [topic, config] of topics) {
      for (const state of topic.partitions) {
        if (!state || !this.hosts(state) || this.partitions.has(topic.name, state.partitionId)) continue;
        // Listed at start and not opened yet: it opens on first use, not on the replay path.
        if (this.options.logDir.has(topic.name, state.partitionId)) continue;
        missing.push({ topic: topic.name, topicId: topic.topicId, partition: state.partitionId, config });
      }
    }
    const { logDir } = this.options;
    return forEachConcurrently(missing, LOG_CONCURRENCY, (p) => logDir.getOrCreate(p.topic, p.partition, p.config, p.topicId));
  }

  /**
   * The first image this broker follows (it has caught up with the quorum by then) says which of
   * the logs found on disk are still its own. The others are strays, as Kafka calls them: their
   * topic was deleted, or re-created under the same name (another topic id), or the partition was
   * moved to other brokers, while this one was down. Kept, they would be served or extended as if
   * they belonged to the partition that has the name now.
   */
  private async deleteStrayLogs(image: MetadataImage): Promise<void> {
    const { logDir } = this.options;
    const hosted = (name: string, partition: number): TopicState | undefined => {
      const topic = image.topicsByName.get(name);
      const state = topic?.partitions[partition];
      return state && this.hosts(state) ? topic : undefined;
    };
    // A log of a hosted partition is checked for its topic id when it opens (LogDir.get), which
    // replaces a stray of an older topic of the same name with an empty log. None is open yet.
    const strays = logDir.partitions().filter((p) => p.topic !== CLUSTER_METADATA_TOPIC && hosted(p.topic, p.partition) === undefined);
    await forEachConcurrently(strays, LOG_CONCURRENCY, (log) => logDir.delete(log.topic, log.partition));
  }

  private hosts(state: PartitionState): boolean {
    return state.replicas.includes(this.nodeId);
  }

  private applyTopic(topic: TopicState, logConfig: LogConfig): void {
    for (const state of topic.partitions) {
      if (!state || !this.hosts(state)) continue;
      let p = this.partitions.get(topic.name, state.partitionId);
      const before = p?.state;
      if (!p) {
        const log = this.options.logDir.lazy(topic.name, state.partitionId);
        if (log === undefined) continue;
        p = new Partition(topic.name, state.partitionId, log === 'unopened' ? this.logOpener : log, state, this.nodeId);
        this.partitions.set(topic.name, state.partitionId, p);
        p.update(state, this.nowMs());
      }
      p.setLogConfig(logConfig);
      if (p.state !== state) {
        const lostLeadership = p.isLeader && state.leader !== this.nodeId;
        // Counted whoever changed it (this leader's AlterPartition, or the controller fencing a
        // follower), so a follower's death always shows as a shrink on its leader.
        if (p.isLeader && !lostLeadership) this.metrics.isrChanged(p.state.isr.length, state.isr.length);
        p.update(state, this.nowMs());
        if (lostLeadership) p.abandonWaits();
      }
      // Led here from now on, or by more replicas: they must fetch again to follow it.
      if (p.isLeader && (before === undefined || before.leader !== this.nodeId || before.replicas !== state.replicas)) {
        this.followerWaits.led(p, state.replicas, this.nodeId);
      }
      this.options.fetchers?.follow(p, p.isLeader ? -1 : state.leader);
    }
  }

  /**
   * Replicas a reassignment moved off this broker: they stop following, fail their waits, and
   * their logs are deleted, as Kafka deletes a replica removed from the replica set.
   */
  private async removeReassignedAway(topics: Iterable<TopicState>): Promise<void> {
    const removed: Partition[] = [];
    for (const topic of topics) {
      for (const state of topic.partitions) {
        // Hosted ones first, by the replica list: no lookup for most partitions.
        if (state && !this.hosts(state)) this.unhost(topic.name, state.partitionId, removed);
      }
    }
    await this.deleteLogs(removed);
  }

  private async removeTopic(topic: TopicState): Promise<void> {
    this.settings.delete(topic.name);
    const removed: Partition[] = [];
    for (const state of topic.partitions) if (state) this.unhost(topic.name, state.partitionId, removed);
    await this.deleteLogs(removed);
  }

  /** Stops hosting a partition, if hosted: its waits fail, it follows no one, and it joins `removed`. */
  private unhost(topic: string, partition: number, removed: Partition[]): void {
    const p = this.partitions.get(topic, partition);
    if (!p) return;
    p.abandonWaits();
    this.options.fetchers?.follow(p, -1);
    this.partitions.delete(topic, partition);
    removed.push(p);
  }

  private async deleteLogs(removed: readonly Partition[]): Promise<void> {
    const { logDir } = this.options;
    await forEachConcurrently(removed, LOG_CONCURRENCY, (p) => logDir.delete(p.topic, p.partition));
  }

  /** KIP-392: the follower a consumer should read `p` from, or -1 (this leader, or no selector). */
  preferredReadReplica(p: Partition, client: ClientMetadata, fetchOffset: number, nowMs: number): number {
    if (!this.rackAware || !p.isLeader || this.image === undefined) return -1;
    return preferredReadReplica(p, client, fetchOffset, nowMs, this.image.brokers, this.nodeId);
  }

  /** The broker epoch of `brokerId`'s registration in this broker's image, -1 when unknown. */
  registeredEpoch(brokerId: number): number {
    return this.image?.brokers.get(brokerId)?.epoch ?? -1;
  }

  /**
   * The hosted partition, or the error a client gets for it. After a crash a log listed at the
   * start is recovered a slice at a time: a request for one still recovering takes a slice of it
   * and is answered NOT_LEADER_OR_FOLLOWER (retriable) until it is ready, and the background
   * opening recovers it before any other. Recovering all of it at once held the event loop, every
   * connection and this node's heartbeats with it, 0.3-1 s per GB written since the last flush.
   */
  lookup(topic: string, partition: number): PartitionLookup {
    const p = this.partitions.get(topic, partition);
    if (p && this.stillRecovering(p)) return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
    return this.found(p, topic, partition);
  }

  /** lookup() for a coordinator's load: a log still recovering is waited for, a slice of it per
   * turn of the event loop (the coordinator answers COORDINATOR_LOAD_IN_PROGRESS meanwhile). */
  async lookupRecovered(topic: string, partition: number): Promise<PartitionLookup> {
    for (;;) {
      const p = this.partitions.get(topic, partition);
      if (p === undefined || !this.stillRecovering(p)) return this.found(p, topic, partition);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Recovers one more slice of `p`'s log if a crash left it recovering; true while it still is
   * (it is then recovered by the background opening before any other). */
  private stillRecovering(p: Partition): boolean {
    if (p.isLogOpen || this.stopped || this.options.logDir.prepare(p.topic, p.partition, p.state.topicId)) return false;
    if (!this.recoverFirst.includes(p)) this.recoverFirst.push(p);
    return true;
  }

  /** What a lookup of `topic`-`partition` that found `p` (hosted, or not) answers. */
  private found(p: Partition | undefined, topic: string, partition: number): PartitionLookup {
    if (p && this.stopped) return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
    if (p) return p.isLogOpen || opens(p) ? { partition: p } : { errorCode: ErrorCode.KAFKA_STORAGE_ERROR };
    // No image yet: the broker has not caught up with the quorum, and cannot say the topic is unknown.
    if (!this.image) return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
    const t = this.image.topicsByName.get(topic);
    if (!t || !t.partitions[partition]) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
    return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
  }

  produce(topic: string, partition: number, records: Buffer, opts: Omit<ProduceOptions, 'nowMs'>): PartitionProduceResult | Promise<PartitionProduceResult> {
    const found = this.lookup(topic, partition);
    if ('errorCode' in found) return produceError(found.errorCode);
    const p = found.partition;
    // Spelled out: `{ ...opts, nowMs, ... }` takes V8's slow path, about 2 us a request here.
    return appendAsLeader(p, records, this.settings.get(topic)!, {
      acks: opts.acks, timeoutMs: opts.timeoutMs, requestVersion: opts.requestVersion, transactionalId: opts.transactionalId,
      nowMs: this.nowMs(), verify: this.options.verifyTxn, counters: this.metrics.topic(topic),
    });
  }

  /** WriteTxnMarkers for one partition (see txn-markers.ts): resolves with its error code. */
  async writeTxnMarker(topic: string, partition: number, marker: TxnMarker, timeoutMs: number): Promise<number> {
    const found = this.lookup(topic, partition);
    if ('errorCode' in found) return found.errorCode;
    const code = await appendTxnMarker(found.partition, marker, this.settings.get(topic)!, { timeoutMs, nowMs: this.nowMs() });
    if (code === ErrorCode.NONE) this.txnMarkerWritten?.(topic, partition, marker);
    return code;
  }

  /**
   * Asks the controller to change the ISR of led partitions that need it: all of them (the periodic
   * shrink check) or the ones follower `fetchedBy` just fetched for (which it may join).
   */
  checkIsr(partitions: Iterable<Partition> = this.partitions.values(), fetchedBy = -1): void {
    const send = this.sendIsrChange;
    if (!send) return;
    const nowMs = this.nowMs();
    const lagMaxMs = this.options.config.int('replica.lag.time.max.ms');
    for (const p of partitions) {
      // A follower's fetch can only bring that follower in (Kafka's maybeExpandIsr runs in its
      // fetch; shrinks are the periodic check's): one in the ISR already changes nothing, and the
      // full check allocated per partition of every fetch (10,000 of a follower's session).
      if (fetchedBy >= 0 && p.state.isr.includes(fetchedBy)) continue;
      // One change at a time per partition, as Kafka's pending ISR states: none while one is in
      // flight or committed but not yet in this broker's image; one whose outcome is unknown (the
      // transport failed) is sent again as it was, as Kafka's AlterPartitionManager retries.
      if (!p.canChangeIsr) continue;
      const isr = p.unknownIsrChange ?? withoutIneligible(p, desiredIsr(p, this.nodeId, nowMs, lagMaxMs, fetchedBy), (id) => this.image?.brokers.get(id));
      if (!isr) continue;
      const req = alterPartitionRequest(p, this.nodeId, this.options.brokerEpoch?.() ?? -1, [...isr]);
      p.isrChangeSent(isr);
      send(req).then((res) => p.isrChangeAnswered(isrChangeOutcome(p, res)), () => p.isrChangeAnswered('unknown'));
    }
  }

  /**
   * Opens up to `limit` logs of hosted partitions that are not open yet (listed at a start), for
   * the runtime to call a slice at a time, while `more()` says so (asked after each); false once
   * all are open. A log that fails to open stays offline (the log directory reports it).
   */
  openIdleLogs(limit: number, more: () => boolean = () => true): boolean {
    this.idleCursor ??= this.partitions.values();
    for (let opened = 0; opened < limit && (opened === 0 || more());) {
      // One a client waits for first; the one left recovering stays next (its slices are kept).
      const wanted = this.recoverFirst[0];
      const resumed = wanted ?? this.idleRecovering;
      if (wanted !== undefined) this.recoverFirst.shift();
      else this.idleRecovering = undefined;
      // One left recovering may have gone since (its deletion finished the recovery); the cursor
      // only yields partitions still hosted.
      if (resumed !== undefined && this.partitions.get(resumed.topic, resumed.partition) !== resumed) continue;
      const p = resumed ?? this.idleCursor.next().value;
      if (p === undefined) {
        this.idleCursor = undefined;
        return false;
      }
      if (p.isLogOpen) continue;
      // A crashed log recovers a slice per turn, this partition first again at the next one.
      if (!this.options.logDir.prepare(p.topic, p.partition, p.state.topicId)) {
        if (p === wanted) this.recoverFirst.unshift(p);
        else this.idleRecovering = p;
        return true;
      }
      opened++;
      opens(p);
    }
    return true;
  }

  /** Kafka's PeriodicProducerExpirationCheck (every producer.id.expiration.check.interval.ms): each
   * open log drops the producers idle for producer.id.expiration.ms. Returns how many went. */
  removeExpiredProducers(): number {
    const pass = this.producerExpiryPass();
    while (pass.step(Infinity));
    return pass.removed;
  }

  /**
   * The same check as a pass taken a few partitions at a time: one over 100,000 partitions held the
   * event loop for 26-44 ms. Partitions hosted when it begins are checked, less those that go
   * before their turn.
   */
  producerExpiryPass(): ProducerExpiryPass {
    const nowMs = this.nowMs();
    const partitions = [...this.partitions.values()];
    let next = 0;
    let removed = 0;
    return {
      get removed() {
        return removed;
      },
      step: (count) => {
        const end = Math.min(partitions.length, next + count);
        for (; next < end; next++) {
          const p = partitions[next]!;
          if (this.partitions.get(p.topic, p.partition) !== p) continue;
          try {
            removed += p.removeExpiredProducers(nowMs);
          } catch (err) {
            // An offline log keeps its state: nothing reads it.
            if (!(err instanceof LogOfflineError)) throw err;
          }
        }
        return next < partitions.length;
      },
    };
  }

  /** This broker's dynamic configs as the image it follows has them (none before the first). */
  dynamicConfigs(): DynamicBrokerConfigs {
    const image = this.image;
    return image === undefined ? NO_DYNAMIC_CONFIGS : dynamicBrokerConfigs(image, this.nodeId);
  }

  /** Every hosted partition, for retention, flushing and shutdown. */
  all(): Iterable<Partition> {
    return this.partitions.values();
  }

  /**
   * Shutdown: leads nothing from now on, and fails pending acks=all waits and ends fetch long-polls
   * (woken, they find no partition to read) so their requests answer at once.
   */
  abandonAll(): void {
    this.stopped = true;
    for (const p of this.partitions.values()) p.abandonWaits();
  }
}

/** A fixed sequence in [0, 1) per seed (xorshift32): deterministic where no source is given. */
function seededSequence(seed: number): () => number {
  let x = (seed * 0x9e3779b1) | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}
