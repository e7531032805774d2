// The active controller's state machine. Each operation reads the latest image (committed records
// plus those proposed but not yet committed, so back-to-back requests see each other) and returns
// the records to append and the response to send once they commit. The runtime appends them to
// the metadata log (through Raft), and calls `deactivate` when this node stops leading, which
// drops everything uncommitted. Sans-IO: time comes in as nowMs.
import type { ApiDefinition } from '../../protocol/definition.js';
import type { BrokerHeartbeatRequest, BrokerHeartbeatResponse } from '../../protocol/generated/api/63-broker-heartbeat.js';
import type { BrokerRegistrationRequest, BrokerRegistrationResponse } from '../../protocol/generated/api/62-broker-registration.js';
import type { AllocateProducerIdsRequest, AllocateProducerIdsResponse } from '../../protocol/generated/api/67-allocate-producer-ids.js';
import { ErrorCode } from '../../protocol/errors.js';
import { MetadataDelta } from '../metadata/delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';
import { brokerHeartbeat, fenceBroker, registerBroker } from './brokers.js';
import type { ControllerEnv, ControllerResult } from './env.js';
import { LeaderBalancer } from './leader-balancer.js';
import { controllerApi } from './controller-apis.js';
import { sweepExpiredTokens } from './delegation-tokens.js';

/** Producer ids are handed to brokers in blocks of this size, as in Kafka. */
export const PRODUCER_ID_BLOCK_SIZE = 1000;

export class QuorumController {
  private committed: MetadataImage = EMPTY_IMAGE;
  private latest: MetadataImage = EMPTY_IMAGE;
  private active = false;
  /** Proposed batches not yet committed, with the log offset of their last record once appended. */
  private pending: { records: MetadataRecord[]; lastOffset: number }[] = [];
  /** Last heartbeat time per broker; soft state, reset when this node becomes active. */
  private readonly heartbeats = new Map<number, number>();
  /**
   * Brokers that registered or heartbeated since this node became active. Only these can hold a
   * registration against a new incarnation: a broker restarted while the controller moved has a
   * session the new controller granted as grace against fencing, not one it ever saw used.
   */
  private readonly heard = new Set<number>();
  /**
   * Where each broker registered since this node became active has its registration: the batch
   * it was proposed in (lastOffset is set once appended). A broker registered before is caught up
   * once it has applied what was committed at activation, which holds its registration.
   */
  private readonly registrations = new Map<number, { lastOffset: number }>();
  private activatedAt = -1;
  /** Preferred and unclean leader elections of this controller's own accord. */
  private balancer: LeaderBalancer;
  /** When expired delegation tokens were last removed (delegation.token.expiry.check.interval.ms). */
  private lastTokenSweepMs = 0;

  constructor(
    private readonly env: ControllerEnv,
    private readonly clusterId: string,
  ) {
    this.balancer = new LeaderBalancer(env, 0);
  }

  get isActive(): boolean {
    return this.active;
  }

  /** The image operations read: committed plus proposed. */
  get image(): MetadataImage {
    return this.latest;
  }

  /** This node became the active controller, with everything up to `image` committed. */
  activate(image: MetadataImage, nowMs: number): void {
    this.active = true;
    if (image.offset >= this.committed.offset) this.committed = image;
    this.latest = this.committed;
    this.heartbeats.clear();
    this.heard.clear();
    this.registrations.clear();
    this.activatedAt = this.committed.offset;
    this.balancer = new LeaderBalancer(this.env, nowMs);
    // Every broker gets a fresh session: a new controller cannot know when it last heard of them.
    for (const id of image.brokers.keys()) this.heartbeats.set(id, nowMs);
  }

  deactivate(): void {
    this.active = false;
    this.pending = [];
    this.latest = this.committed;
  }

  /**
   * The runtime appended everything proposed since the last append, as one batch whose last record
   * landed at `lastOffset` (tick() can propose several sets of records that go out together).
   */
  appended(lastOffset: number): void {
    for (const p of this.pending) if (p.lastOffset === Infinity) p.lastOffset = lastOffset;
  }

  /** The runtime could not append what was proposed (leadership lost first): forget it. */
  discardUnappended(): void {
    this.pending = this.pending.filter((p) => p.lastOffset !== Infinity);
    this.latest = this.committed;
    for (const p of this.pending) this.applyToLatest(p.records);
  }

  /**
   * Records up to `image.offset` are committed (called for every commit, active or not). Images
   * arrive through the publisher's queue, so one published before `activate` can land after it:
   * an older image never replaces a newer one, or the controller would forget committed records
   * (and, say, create a topic name twice).
   */
  committedTo(image: MetadataImage): void {
    if (image.offset < this.committed.offset) return;
    this.committed = image;
    this.pending = this.pending.filter((p) => p.lastOffset > image.offset);
    this.latest = image;
    for (const p of this.pending) this.applyToLatest(p.records);
  }

  /** Runs an operation against the latest image and takes its records as proposed. */
  write<R>(op: (env: ControllerEnv, image: MetadataImage) => ControllerResult<R>): ControllerResult<R> {
    const result = op(this.env, this.latest);
    this.propose(result.records);
    return result;
  }

  /** Serves a controller API: admin operations and the broker lifecycle (see controller-apis.ts). */
  handle<Req, Res>(api: ApiDefinition<Req, Res>, req: Req, nowMs: number): ControllerResult<Res> {
    return controllerApi(api).run(this, req, nowMs);
  }

  /**
   * Records that bootstrap an empty log: the metadata.version feature level, then `extra` (the
   * format command's bootstrap records, e.g. SCRAM users), committed together.
   */
  bootstrapRecords(metadataVersion: number, extra: readonly MetadataRecord[] = []): MetadataRecord[] {
    if (this.latest.features.has('metadata.version')) return [];
    const own = extra.some((r) => r.type === MetadataRecordType.FEATURE_LEVEL && r.data.name === 'metadata.version');
    return [...own ? [] : [record(MetadataRecordType.FEATURE_LEVEL, { name: 'metadata.version', featureLevel: metadataVersion })], ...extra];
  }

  registerBroker(req: BrokerRegistrationRequest, nowMs: number): ControllerResult<BrokerRegistrationResponse> {
    const epoch = this.nextBrokerEpoch();
    const result = registerBroker(this.latest, this.clusterId, req, epoch, (id) => this.heard.has(id) && this.sessionAlive(id, nowMs));
    if (result.response.errorCode !== ErrorCode.NONE) return result;
    this.touch(req.brokerId, nowMs);
    this.registrations.set(req.brokerId, this.propose(result.records));
    return result;
  }

  brokerHeartbeat(req: BrokerHeartbeatRequest, nowMs: number): ControllerResult<BrokerHeartbeatResponse> {
    const registeredAt = this.registrations.get(req.brokerId)?.lastOffset ?? this.activatedAt;
    const result = brokerHeartbeat(this.latest, { req, registeredAt });
    if (result.response.errorCode === ErrorCode.NONE) this.touch(req.brokerId, nowMs);
    this.propose(result.records);
    return result;
  }

  allocateProducerIds(req: AllocateProducerIdsRequest): ControllerResult<AllocateProducerIdsResponse> {
    const broker = this.latest.brokers.get(req.brokerId);
    const answer = (errorCode: number, start = -1, len = 0): AllocateProducerIdsResponse =>
      ({ throttleTimeMs: 0, errorCode, producerIdStart: start, producerIdLen: len });
    if (!broker) return { records: [], response: answer(ErrorCode.BROKER_ID_NOT_REGISTERED) };
    if (broker.epoch !== req.brokerEpoch) return { records: [], response: answer(ErrorCode.STALE_BROKER_EPOCH) };
    const start = this.latest.nextProducerId;
    const records = [record(MetadataRecordType.PRODUCER_IDS, {
      brokerId: req.brokerId, brokerEpoch: req.brokerEpoch, nextProducerId: start + PRODUCER_ID_BLOCK_SIZE,
    })];
    this.propose(records);
    return { records, response: answer(ErrorCode.NONE, start, PRODUCER_ID_BLOCK_SIZE) };
  }

  /**
   * Fences brokers whose sessions lapsed and runs the periodic leader elections; the records (if
   * any) must be appended like any write.
   */
  tick(nowMs: number): MetadataRecord[] {
    if (!this.active) return [];
    const records: MetadataRecord[] = [];
    for (const broker of this.latest.brokers.values()) {
      if (!broker.fenced && !this.sessionAlive(broker.id, nowMs)) {
        const fence = fenceBroker(this.latest, broker.id);
        this.propose(fence);
        records.push(...fence);
      }
    }
    if (nowMs - this.lastTokenSweepMs >= Number(this.env.config.get('delegation.token.expiry.check.interval.ms'))) {
      this.lastTokenSweepMs = nowMs;
      const swept = sweepExpiredTokens(this.latest, nowMs);
      this.propose(swept);
      records.push(...swept);
    }
    const elections = this.balancer.tick(this.latest, nowMs);
    this.propose(elections);
    records.push(...elections);
    return records;
  }

  private touch(id: number, nowMs: number): void {
    this.heartbeats.set(id, nowMs);
    this.heard.add(id);
  }

  private sessionAlive(id: number, nowMs: number): boolean {
    const last = this.heartbeats.get(id);
    return last !== undefined && nowMs - last < this.env.config.int('broker.session.timeout.ms');
  }

  private nextBrokerEpoch(): number {
    let max = this.latest.offset;
    for (const b of this.latest.brokers.values()) max = Math.max(max, b.epoch);
    return max + 1;
  }

  /** Takes records as proposed; the entry's lastOffset is known once the runtime appended them. */
  private propose(records: MetadataRecord[]): { lastOffset: number } {
    const entry = { records, lastOffset: Infinity };
    if (records.length === 0) return entry;
    this.pending.push(entry);
    this.applyToLatest(records);
    return entry;
  }

  private applyToLatest(records: MetadataRecord[]): void {
    const delta = new MetadataDelta(this.latest);
    for (const r of records) delta.apply(r);
    this.latest = delta.finish(this.latest.offset + records.length, this.latest.epoch);
  }
}
