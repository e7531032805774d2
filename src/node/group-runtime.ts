// Runs the group coordinator inside a node: its records go to __consumer_offsets through the
// replica manager (acks=all), its shards follow leadership of that topic's partitions (loading by
// replaying the partition log), and one timer drives all its deadlines. TxnOffsetCommit records go
// as transactional batches of the producer, with the sequence the partition expects next (tracked
// per producer from the log at load and from each append since); markers met at load, and markers
// WriteTxnMarkers writes later, settle the producer's pending offsets.
import { randomUUID } from 'node:crypto';
import { ControlRecordType, readControlRecordType } from '../../protocol/records/control-record.js';
import { encodeRecordBatch, type RecordBatch } from '../../protocol/records/record-batch.js';
import type { ServerConfig } from '../config/server-config.js';
import { groupCoordinatorAccess, type GroupCoordinatorAccess } from '../coordinator/access.js';
import { groupCoordinatorConfig, type GroupSettings } from '../coordinator/config.js';
import { GROUP_HEARTBEAT_INTERVAL, GROUP_SESSION_TIMEOUT } from '../config/group-keys.js';
import { partitionsLedBy } from '../coordinator/coordinator-key.js';
import { GroupCoordinator, type CoordinatorAppend } from '../coordinator/group-coordinator.js';
import { CONSUMER_OFFSETS_TOPIC } from '../coordinator/internal-topics.js';
import { EMPTY_IMAGE, groupConfigs, type MetadataImage } from '../metadata/image.js';
import { topicView } from '../broker/handlers/68-consumer-group-heartbeat.js';
import type { ReplicaManager } from '../replication/replica-manager.js';
import type { Logger } from '../logger.js';
import { appendAcksAll, replayPartitionLog } from './coordinator-log.js';

export class GroupRuntime {
  readonly access: GroupCoordinatorAccess;
  private readonly coordinator: GroupCoordinator;
  /** Loaded (or loading) partitions and the leader epoch they were loaded at. */
  private readonly loaded = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> = Promise.resolve();
  /** Per partition and producer id: the epoch and last sequence of its transactional batches. */
  private readonly sequences = new Map<number, Map<number, { epoch: number; lastSequence: number }>>();
  /** The latest image: classic members of consumer groups name topics, the group assigns by id. */
  private image: MetadataImage | null = null;

  constructor(private readonly o: { nodeId: number; config: ServerConfig; replicas: ReplicaManager; nowMs: () => number; log: Logger }) {
    this.coordinator = new GroupCoordinator({
      config: groupCoordinatorConfig(o.config),
      newUuid: randomUUID,
      append: (a) => this.append(a),
      scheduleTick: (deadlineMs) => this.schedule(deadlineMs),
      topics: () => topicView(this.image ?? EMPTY_IMAGE),
      groupSettings: (groupId) => groupSettings(groupConfigs(this.image ?? EMPTY_IMAGE, groupId)),
    });
    this.access = groupCoordinatorAccess(this.coordinator);
    // A marker written to __consumer_offsets settles the producer's transactional offsets there
    // (Kafka's onTransactionCompleted after WriteTxnMarkers).
    o.replicas.txnMarkerWritten = (topic, partition, marker) => {
      if (topic === CONSUMER_OFFSETS_TOPIC) this.coordinator.completeTransaction(partition, marker.producerId, marker.commit, o.nowMs());
    };
  }

  /** Image listener: load the partitions this node now leads, unload the others. */
  applyImage(image: MetadataImage): Promise<void> {
    this.image = image;
    const led = partitionsLedBy(image, CONSUMER_OFFSETS_TOPIC, this.o.nodeId);
    for (const [p, epoch] of [...this.loaded]) {
      if (led.get(p) !== epoch) {
        this.loaded.delete(p);
        this.sequences.delete(p);
        this.coordinator.unload(p, this.o.nowMs());
      }
    }
    for (const [p, epoch] of led) {
      if (this.loaded.has(p)) continue;
      this.loaded.set(p, epoch);
      this.coordinator.beginLoad(p, this.o.nowMs());
      this.loading = this.loading.then(() => this.load(p, epoch));
    }
    return this.loading;
  }

  private async load(partition: number, epoch: number): Promise<void> {
    const found = await this.o.replicas.lookupRecovered(CONSUMER_OFFSETS_TOPIC, partition);
    if ('errorCode' in found || this.loaded.get(partition) !== epoch) return;
    replayPartitionLog(found.partition.log, (batch) => this.replayBatch(partition, batch));
    if (this.loaded.get(partition) === epoch) this.coordinator.completeLoad(partition, this.o.nowMs());
  }

  private replayBatch(partition: number, batch: RecordBatch): void {
    if (batch.isControl) {
      const type = batch.isTransactional && batch.records[0] ? readControlRecordType(batch.records[0].key) : -1;
      if (type === ControlRecordType.COMMIT || type === ControlRecordType.ABORT) {
        this.coordinator.completeTransaction(partition, batch.producerId, type === ControlRecordType.COMMIT, this.o.nowMs());
      }
      return;
    }
    if (batch.isTransactional) this.noteSequence(partition, batch.producerId, batch.producerEpoch, batch.baseSequence + batch.lastOffsetDelta);
    const producerId = batch.isTransactional ? batch.producerId : undefined;
    for (const r of batch.records) {
      if (r.key && !this.coordinator.replay(partition, { key: r.key, value: r.value }, producerId)) {
        this.o.log.warn({ partition, offset: r.offset }, 'skipped a malformed __consumer_offsets record');
      }
    }
  }

  private noteSequence(partition: number, producerId: number, epoch: number, lastSequence: number): void {
    let producers = this.sequences.get(partition);
    if (!producers) this.sequences.set(partition, (producers = new Map()));
    producers.set(producerId, { epoch, lastSequence });
  }

  /** The base sequence the partition expects from the producer: 0 for a new epoch. */
  private nextSequence(partition: number, producerId: number, epoch: number, count: number): number {
    const known = this.sequences.get(partition)?.get(producerId);
    const base = known && known.epoch === epoch ? (known.lastSequence + 1) % 2 ** 31 : 0;
    this.noteSequence(partition, producerId, epoch, base + count - 1);
    return base;
  }

  private append(a: CoordinatorAppend): void {
    const nowMs = this.o.nowMs();
    const records = a.records.map((r) => ({ key: r.key, value: r.value, timestamp: nowMs }));
    const batch = a.txn
      ? encodeRecordBatch({
        records, isTransactional: true, producerId: a.txn.producerId, producerEpoch: a.txn.producerEpoch,
        baseSequence: this.nextSequence(a.partition, a.txn.producerId, a.txn.producerEpoch, records.length),
      })
      : encodeRecordBatch({ records });
    const target = { topic: CONSUMER_OFFSETS_TOPIC, partition: a.partition, timeoutMs: this.o.config.int('offsets.commit.timeout.ms') };
    appendAcksAll(this.o.replicas, target, batch, (errorCode) => this.coordinator.appendCompleted(a.token, errorCode, this.o.nowMs()));
  }

  private schedule(deadlineMs: number | null): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (deadlineMs === null) return;
    this.timer = setTimeout(() => this.coordinator.tick(this.o.nowMs()), Math.max(0, deadlineMs - this.o.nowMs()));
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    for (const p of this.loaded.keys()) this.coordinator.unload(p, this.o.nowMs());
    this.loaded.clear();
  }
}

/** A group's configs as the coordinator reads them (the controller checked the values). */
function groupSettings(configs: ReadonlyMap<string, string>): GroupSettings {
  if (configs.size === 0) return {};
  const session = configs.get(GROUP_SESSION_TIMEOUT);
  const heartbeat = configs.get(GROUP_HEARTBEAT_INTERVAL);
  return {
    ...(session !== undefined && { consumerSessionTimeoutMs: Number(session) }),
    ...(heartbeat !== undefined && { consumerHeartbeatIntervalMs: Number(heartbeat) }),
  };
}
