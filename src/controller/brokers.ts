// Broker lifecycle on the active controller (KIP-631): registration, heartbeats, fencing a broker
// whose session lapsed, unfencing a caught-up one, unregistering one removed for good (KIP-631's
// UnregisterBroker), and moving partition leadership accordingly.
import type { BrokerHeartbeatRequest, BrokerHeartbeatResponse } from '../../protocol/generated/api/63-broker-heartbeat.js';
import type { BrokerRegistrationRequest, BrokerRegistrationResponse } from '../../protocol/generated/api/62-broker-registration.js';
import type { UnregisterBrokerRequest, UnregisterBrokerResponse } from '../../protocol/generated/api/64-unregister-broker.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { MetadataImage, PartitionState } from '../metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';
import type { ControllerResult } from './env.js';

/** The image's leader value that means "no leader"; -2 in a PartitionChangeRecord means "no change". */
const NO_LEADER = -1;
const NO_LEADER_CHANGE = -2;

export function registerBroker(image: MetadataImage, clusterId: string, req: BrokerRegistrationRequest, brokerEpoch: number,
  sessionAlive: (id: number) => boolean): ControllerResult<BrokerRegistrationResponse> {
  const answer = (errorCode: number, epoch = -1): BrokerRegistrationResponse => ({ throttleTimeMs: 0, errorCode, brokerEpoch: epoch });
  if (req.clusterId !== clusterId) return { records: [], response: answer(ErrorCode.INCONSISTENT_CLUSTER_ID) };
  const existing = image.brokers.get(req.brokerId);
  if (existing && existing.incarnationId !== req.incarnationId && sessionAlive(req.brokerId) &&
    req.previousBrokerEpoch !== existing.epoch) {
    return { records: [], response: answer(ErrorCode.DUPLICATE_BROKER_REGISTRATION) };
  }
  // Kafka's processRegistrationFeature: a broker that cannot serve a finalized level stays out.
  const unsupported = unsupportedFinalized(image, req.features);
  if (unsupported) return { records: [], response: answer(ErrorCode.UNSUPPORTED_VERSION) };
  const reg = record(MetadataRecordType.REGISTER_BROKER, {
    brokerId: req.brokerId, isMigratingZkBroker: false, incarnationId: req.incarnationId, brokerEpoch,
    endPoints: req.listeners.map((l) => ({ name: l.name, host: l.host, port: l.port, securityProtocol: l.securityProtocol })),
    features: req.features.map((f) => ({ name: f.name, minSupportedVersion: f.minSupportedVersion, maxSupportedVersion: f.maxSupportedVersion })),
    rack: req.rack, fenced: true, inControlledShutdown: false, logDirs: req.logDirs,
  });
  // A new incarnation of a broker that is still unfenced loses its leaderships until it has caught
  // up again: after a crash its logs may have lost what they held (unsynced writes), and a new
  // leader epoch makes followers and clients look again. One that names the epoch it shut down
  // cleanly under (KIP-966's previous broker epoch) closed every log whole, and keeps them, as
  // Kafka before KIP-966 keeps any restarted broker's: a single node restarting with 100,000
  // partitions otherwise wrote and applied 200,000 PartitionChangeRecords to take them back.
  const cleanRestart = existing !== undefined && req.previousBrokerEpoch >= 0 && req.previousBrokerEpoch === existing.epoch;
  const moves = existing && !existing.fenced && !cleanRestart ? leadershipWithout(image, req.brokerId) : [];
  return { records: [...moves, reg], response: answer(ErrorCode.NONE, brokerEpoch) };
}

export interface HeartbeatInput {
  req: BrokerHeartbeatRequest;
  /**
   * A broker that has applied this offset is caught up: the last offset of its registration's
   * batch, as Kafka's registerBrokerRecordOffset. A fixed mark, not the committed offset of the
   * moment, which moves on with every write: under steady metadata writes a broker whose image
   * trails the commits by a fetch was never caught up, and stayed fenced.
   */
  registeredAt: number;
}

export function brokerHeartbeat(image: MetadataImage, { req, registeredAt }: HeartbeatInput): ControllerResult<BrokerHeartbeatResponse> {
  const answer = (errorCode: number, o: Partial<BrokerHeartbeatResponse> = {}): BrokerHeartbeatResponse =>
    ({ throttleTimeMs: 0, errorCode, isCaughtUp: false, isFenced: true, shouldShutDown: false, ...o });
  const broker = image.brokers.get(req.brokerId);
  if (!broker) return { records: [], response: answer(ErrorCode.BROKER_ID_NOT_REGISTERED) };
  if (broker.epoch !== req.brokerEpoch) return { records: [], response: answer(ErrorCode.STALE_BROKER_EPOCH) };
  const caughtUp = req.currentMetadataOffset >= registeredAt;
  if (req.wantShutDown) {
    const moves = broker.fenced ? [] : leadershipWithout(image, broker.id);
    const records = broker.fenced ? [] : [...moves, record(MetadataRecordType.FENCE_BROKER, { id: broker.id, epoch: broker.epoch })];
    return { records, response: answer(ErrorCode.NONE, { isCaughtUp: caughtUp, isFenced: true, shouldShutDown: true }) };
  }
  if (broker.fenced && caughtUp && !req.wantFence) {
    const records = [record(MetadataRecordType.UNFENCE_BROKER, { id: broker.id, epoch: broker.epoch }), ...leadershipFor(image, broker.id)];
    return { records, response: answer(ErrorCode.NONE, { isCaughtUp: true, isFenced: false }) };
  }
  return { records: [], response: answer(ErrorCode.NONE, { isCaughtUp: caughtUp, isFenced: broker.fenced }) };
}

/** Fences a broker whose session lapsed and moves its leaderships. */
export function fenceBroker(image: MetadataImage, brokerId: number): MetadataRecord[] {
  const broker = image.brokers.get(brokerId);
  if (!broker || broker.fenced) return [];
  return [...leadershipWithout(image, brokerId), record(MetadataRecordType.FENCE_BROKER, { id: brokerId, epoch: broker.epoch })];
}

/**
 * Unregisters a broker (kafka-cluster unregister), as Kafka's ClusterControlManager does: it leaves
 * every ISR and leadership, as when fenced, then an UnregisterBrokerRecord drops its registration.
 * It stays named in replica lists; a broker started again with that id registers afresh.
 */
export function unregisterBroker(image: MetadataImage, req: UnregisterBrokerRequest): ControllerResult<UnregisterBrokerResponse> {
  const broker = image.brokers.get(req.brokerId);
  if (!broker) {
    return { records: [], response: { throttleTimeMs: 0, errorCode: ErrorCode.BROKER_ID_NOT_REGISTERED, errorMessage: `Broker ID ${req.brokerId} is not currently registered` } };
  }
  const records = [...leadershipWithout(image, broker.id), record(MetadataRecordType.UNREGISTER_BROKER, { brokerId: broker.id, brokerEpoch: broker.epoch })];
  return { records, response: { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null } };
}

function change(p: PartitionState, leader: number, isr: readonly number[] | null): MetadataRecord {
  return record(MetadataRecordType.PARTITION_CHANGE, {
    partitionId: p.partitionId, topicId: p.topicId, isr: isr === null ? null : [...isr], leader,
    replicas: null, removingReplicas: null, addingReplicas: null, leaderRecoveryState: -1,
    directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
  });
}

function* partitions(image: MetadataImage): Generator<PartitionState> {
  for (const topic of image.topicsById.values()) for (const p of topic.partitions) if (p) yield p;
}

/** Removes a broker from every ISR and leadership. The ISR never becomes empty (Kafka keeps the last member). */
function leadershipWithout(image: MetadataImage, brokerId: number): MetadataRecord[] {
  const out: MetadataRecord[] = [];
  const usable = (id: number): boolean => id !== brokerId && image.brokers.get(id)?.fenced === false;
  for (const p of partitions(image)) {
    if (!p.isr.includes(brokerId)) continue;
    const isr = p.isr.length > 1 ? p.isr.filter((id) => id !== brokerId) : p.isr;
    if (p.leader !== brokerId) {
      if (isr !== p.isr) out.push(change(p, NO_LEADER_CHANGE, isr));
      continue;
    }
    const next = p.replicas.find((id) => isr.includes(id) && usable(id)) ?? NO_LEADER;
    // An ISR left as it was (the broker is its last member) goes unnamed, as Kafka's
    // PartitionChangeBuilder leaves it: one tagged field less to encode and replay per partition.
    out.push(change(p, next, isr === p.isr ? null : isr));
  }
  return out;
}

/** Gives leaderless partitions whose ISR holds this broker a leader again. */
function leadershipFor(image: MetadataImage, brokerId: number): MetadataRecord[] {
  const out: MetadataRecord[] = [];
  for (const p of partitions(image)) {
    if (p.leader === NO_LEADER && p.isr.includes(brokerId)) out.push(change(p, brokerId, null));
  }
  return out;
}

/** The first finalized feature level the registering broker's ranges leave out, if any. */
function unsupportedFinalized(image: MetadataImage, features: readonly { name: string; minSupportedVersion: number; maxSupportedVersion: number }[]): string | null {
  for (const [name, level] of image.features) {
    const f = features.find((x) => x.name === name);
    const [min, max] = f ? [f.minSupportedVersion, f.maxSupportedVersion] : [0, 0];
    if (level < min || level > max) return `Unable to register because the broker does not support finalized version ${level} of ${name}.`;
  }
  return null;
}
