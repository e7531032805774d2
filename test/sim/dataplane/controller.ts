// The simulated active controller: it owns the partition state (leader, leader epoch, ISR,
// partition epoch) in a metadata image and changes it only through the real controller functions
// (broker registration and heartbeats, fencing a broker whose session lapsed, AlterPartition), the
// way the quorum controller commits their records. It never crashes: the Raft simulation covers the
// quorum; this one is about the data plane. Brokers learn each new image from heartbeat responses,
// so a broker cut off from the controller keeps acting on an old one (a zombie leader).
import type { AlterPartitionRequest, AlterPartitionResponse } from '../../../protocol/generated/api/56-alter-partition.js';
import type { BrokerHeartbeatRequest, BrokerHeartbeatResponse } from '../../../protocol/generated/api/63-broker-heartbeat.js';
import type { BrokerRegistrationRequest, BrokerRegistrationResponse } from '../../../protocol/generated/api/62-broker-registration.js';
import { alterPartition } from '../../../src/controller/alter-partition.js';
import { brokerHeartbeat, fenceBroker, registerBroker } from '../../../src/controller/brokers.js';
import { partitionRecord } from '../../../src/controller/create-topics.js';
import type { ServerConfig } from '../../../src/config/server-config.js';
import { MetadataDelta } from '../../../src/metadata/delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../../../src/metadata/records.js';
import type { Prng } from '../prng.js';
import type { VirtualClock } from './clock.js';

export const CLUSTER_ID = 'dataplane-sim-cluster0';
export const TOPIC = 'sim';
const TOPIC_ID = Buffer.alloc(16, 7).toString('base64url');

export interface ControllerSettings {
  brokers: number;
  partitions: number;
  minInsyncReplicas: number;
  segmentBytes: number;
  sessionTimeoutMs: number;
}

export class SimController {
  image: MetadataImage = EMPTY_IMAGE;
  private readonly lastHeartbeatMs = new Map<number, number>();
  /** The image offset that holds each broker's registration: caught up once applied (bootstrap: 0). */
  private readonly registeredAt = new Map<number, number>();
  /** Every image change, for the trace: what moved a leader or an ISR. */
  readonly changes: string[] = [];

  constructor(
    private readonly clock: VirtualClock,
    private readonly config: ServerConfig,
    private readonly prng: Prng,
    private readonly settings: ControllerSettings,
    private readonly note: (text: string) => void,
  ) {}

  /** The cluster as a formatted one starts: brokers registered and unfenced, one topic of RF n. */
  bootstrap(): void {
    const records: MetadataRecord[] = [];
    const ids = Array.from({ length: this.settings.brokers }, (_, i) => i + 1);
    for (const id of ids) {
      records.push(record(MetadataRecordType.REGISTER_BROKER, {
        brokerId: id, isMigratingZkBroker: false, incarnationId: `boot-${id}`, brokerEpoch: id,
        endPoints: [], features: [], rack: null, fenced: false, inControlledShutdown: false, logDirs: [],
      }));
      this.lastHeartbeatMs.set(id, 0);
    }
    records.push(record(MetadataRecordType.TOPIC, { name: TOPIC, topicId: TOPIC_ID }));
    for (let p = 0; p < this.settings.partitions; p++) {
      const replicas = ids.map((_, i) => ids[(p + i) % ids.length]!);
      records.push(partitionRecord(TOPIC_ID, p, replicas));
    }
    const config = (name: string, value: string): MetadataRecord =>
      record(MetadataRecordType.CONFIG, { resourceType: 2, resourceName: TOPIC, name, value });
    records.push(config('min.insync.replicas', String(this.settings.minInsyncReplicas)));
    records.push(config('segment.bytes', String(this.settings.segmentBytes)));
    this.commit(records);
  }

  private commit(records: MetadataRecord[]): void {
    if (records.length === 0) return;
    const delta = new MetadataDelta(this.image);
    for (const r of records) delta.apply(r);
    this.image = delta.finish(this.image.offset + records.length, 1);
    for (const r of records) {
      if (r.type === MetadataRecordType.PARTITION_CHANGE) {
        const p = this.image.topicsById.get(r.data.topicId)!.partitions[r.data.partitionId]!;
        this.note(`controller: p${p.partitionId} leader=${p.leader} epoch=${p.leaderEpoch} isr=[${p.isr.join(',')}] pe=${p.partitionEpoch}`);
      } else if (r.type === MetadataRecordType.FENCE_BROKER || r.type === MetadataRecordType.UNFENCE_BROKER) {
        this.note(`controller: ${r.type === MetadataRecordType.FENCE_BROKER ? 'fence' : 'unfence'} broker ${r.data.id}`);
      }
    }
  }

  /** Fences brokers whose heartbeats stopped (broker.session.timeout.ms); called periodically. */
  checkSessions(): void {
    for (const broker of this.image.brokers.values()) {
      if (broker.fenced) continue;
      const last = this.lastHeartbeatMs.get(broker.id) ?? 0;
      if (this.clock.nowMs - last > this.settings.sessionTimeoutMs) this.commit(fenceBroker(this.image, broker.id));
    }
  }

  private sessionAlive(id: number): boolean {
    return this.clock.nowMs - (this.lastHeartbeatMs.get(id) ?? -Infinity) <= this.settings.sessionTimeoutMs;
  }

  register(req: BrokerRegistrationRequest): BrokerRegistrationResponse {
    // Kafka's broker epoch is the offset of the registration record: unique and increasing.
    const epoch = this.image.offset + 1;
    const result = registerBroker(this.image, CLUSTER_ID, req, epoch, (id) => this.sessionAlive(id));
    this.commit(result.records);
    if (result.response.errorCode === 0) {
      this.registeredAt.set(req.brokerId, this.image.offset);
      this.lastHeartbeatMs.set(req.brokerId, this.clock.nowMs);
      this.note(`controller: registered broker ${req.brokerId} epoch ${epoch}`);
    }
    return result.response;
  }

  heartbeat(req: BrokerHeartbeatRequest): { response: BrokerHeartbeatResponse; image: MetadataImage } {
    const result = brokerHeartbeat(this.image, { req, registeredAt: this.registeredAt.get(req.brokerId) ?? 0 });
    if (result.response.errorCode === 0) this.lastHeartbeatMs.set(req.brokerId, this.clock.nowMs);
    this.commit(result.records);
    return { response: result.response, image: this.image };
  }

  alterPartition(req: AlterPartitionRequest): AlterPartitionResponse {
    const result = alterPartition({ config: this.config, random: () => this.prng.next() }, this.image, req);
    const p = req.topics[0]?.partitions[0];
    if (p) this.note(`controller: AlterPartition from ${req.brokerId} p${p.partitionIndex} isr=[${p.newIsr.join(',')}] -> ${result.response.topics[0]?.partitions[0]?.errorCode ?? result.response.errorCode}`);
    this.commit(result.records);
    return result.response;
  }
}
