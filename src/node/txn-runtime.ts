// Runs the transaction coordinator inside a node: its records go to __transaction_state through
// the replica manager (acks=all), its shards follow leadership of that topic's partitions (loading
// by replaying the partition, the leader epoch being the coordinator epoch), producer ids come
// from the controller's blocks, markers go to partition leaders as WriteTxnMarkers over the broker
// listener on a connection of their own, and one timer drives all its deadlines.
import { WriteTxnMarkersApi } from '../../protocol/generated/api/27-write-txn-markers.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { brokerEndpoint } from '../broker/cluster-view.js';
import type { ServerConfig } from '../config/server-config.js';
import { coordinatorPartition, partitionsLedBy } from '../coordinator/coordinator-key.js';
import type { CoordinatorAppend } from '../coordinator/group-coordinator.js';
import { CONSUMER_OFFSETS_TOPIC, TRANSACTION_STATE_TOPIC } from '../coordinator/internal-topics.js';
import { TransactionCoordinator } from '../coordinator/transaction-coordinator.js';
import { txnCoordinatorAccess, type TxnCoordinatorAccess } from '../coordinator/txn-access.js';
import { txnCoordinatorConfig, type TxnCoordinatorConfig } from '../coordinator/txn-config.js';
import type { MarkerSend } from '../coordinator/txn-markers.js';
import type { MetadataImage } from '../metadata/image.js';
import type { ReplicaManager } from '../replication/replica-manager.js';
import type { Logger } from '../logger.js';
import type { PeerClient } from './peer-client.js';
import { appendAcksAll, replayPartitionLog } from './coordinator-log.js';

const MARKERS_VERSION = 1;
/** The leader waits up to 30 s for its in-sync replicas (Kafka's request.timeout.ms); a little more here. */
const MARKERS_TIMEOUT_MS = 35_000;

export interface TxnRuntimeOptions {
  nodeId: number;
  config: ServerConfig;
  replicas: ReplicaManager;
  peers: PeerClient;
  listenerName: string;
  image: () => MetadataImage;
  nextProducerId: () => Promise<number>;
  nowMs: () => number;
  log: Logger;
}

export class TxnRuntime {
  readonly access: TxnCoordinatorAccess;
  private readonly coordinator: TransactionCoordinator;
  private readonly config: TxnCoordinatorConfig;
  private readonly loaded = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly o: TxnRuntimeOptions) {
    this.config = txnCoordinatorConfig(o.config);
    this.coordinator = new TransactionCoordinator({
      config: this.config,
      append: (a) => this.append(a),
      allocateProducerId: (done) => {
        o.nextProducerId().then((id) => done(id, o.nowMs()), (err) => {
          o.log.warn({ err }, 'no producer id for InitProducerId');
          done(null, o.nowMs());
        });
      },
      partitionLeader: (topic, partition) => {
        const p = o.image().topicsByName.get(topic)?.partitions[partition];
        return p === undefined ? null : p.leader;
      },
      sendMarkers: (s) => this.sendMarkers(s),
      groupPartition: (groupId) => {
        const n = o.image().topicsByName.get(CONSUMER_OFFSETS_TOPIC)?.partitions.length ?? o.config.int('offsets.topic.num.partitions');
        return coordinatorPartition(groupId, n);
      },
      scheduleTick: (deadlineMs) => this.schedule(deadlineMs),
    });
    this.access = txnCoordinatorAccess(this.coordinator, o.nowMs);
  }

  /** Image listener: load the partitions this node now leads (at their leader epoch), unload the others. */
  applyImage(image: MetadataImage): Promise<void> {
    const topic = image.topicsByName.get(TRANSACTION_STATE_TOPIC);
    // Placement follows the topic as it exists, as in Kafka, whatever the setting says now.
    if (topic) this.config.numPartitions = topic.partitions.length;
    const led = partitionsLedBy(image, TRANSACTION_STATE_TOPIC, this.o.nodeId);
    for (const [p, epoch] of [...this.loaded]) {
      if (led.get(p) !== epoch) {
        this.loaded.delete(p);
        this.coordinator.unload(p, this.o.nowMs());
      }
    }
    for (const [p, epoch] of led) {
      if (this.loaded.has(p)) continue;
      this.loaded.set(p, epoch);
      this.coordinator.beginLoad(p, epoch, this.o.nowMs());
      this.loading = this.loading.then(() => this.load(p, epoch));
    }
    return this.loading;
  }

  private async load(partition: number, epoch: number): Promise<void> {
    const found = await this.o.replicas.lookupRecovered(TRANSACTION_STATE_TOPIC, partition);
    if ('errorCode' in found || this.loaded.get(partition) !== epoch) return;
    replayPartitionLog(found.partition.log, (batch) => {
      if (batch.isControl) return;
      for (const r of batch.records) {
        if (r.key && !this.coordinator.replay(partition, { key: r.key, value: r.value })) {
          this.o.log.warn({ partition, offset: r.offset }, 'skipped a malformed __transaction_state record');
        }
      }
    });
    if (this.loaded.get(partition) === epoch) this.coordinator.completeLoad(partition, this.o.nowMs());
  }

  private append(a: CoordinatorAppend): void {
    const nowMs = this.o.nowMs();
    const batch = encodeRecordBatch({ records: a.records.map((r) => ({ key: r.key, value: r.value, timestamp: nowMs })) });
    const target = { topic: TRANSACTION_STATE_TOPIC, partition: a.partition, timeoutMs: this.o.config.int('offsets.commit.timeout.ms') };
    appendAcksAll(this.o.replicas, target, batch, (errorCode) => this.coordinator.appendCompleted(a.token, errorCode, this.o.nowMs()));
  }

  private sendMarkers(s: MarkerSend): void {
    const endpoint = brokerEndpoint(this.o.image(), s.nodeId, this.o.listenerName);
    const failed = (err?: unknown): void => {
      if (err) this.o.log.debug({ err, nodeId: s.nodeId }, 'WriteTxnMarkers failed; will retry');
      if (!this.stopped) this.coordinator.markersSent(s.token, null, this.o.nowMs());
    };
    if (!endpoint) return void setImmediate(failed);
    this.o.peers.request(endpoint, WriteTxnMarkersApi, MARKERS_VERSION, s.request, MARKERS_TIMEOUT_MS).then(
      (res) => { if (!this.stopped) this.coordinator.markersSent(s.token, res, this.o.nowMs()); },
      failed,
    );
  }

  private schedule(deadlineMs: number | null): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (deadlineMs === null || this.stopped) return;
    this.timer = setTimeout(() => this.coordinator.tick(this.o.nowMs()), Math.max(0, deadlineMs - this.o.nowMs()));
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const p of this.loaded.keys()) this.coordinator.unload(p, this.o.nowMs());
    this.loaded.clear();
  }
}
