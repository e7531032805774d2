// The broker side of KIP-631: register with the active controller, heartbeat every
// broker.heartbeat.interval.ms with the metadata offset applied so far (which unfences the broker
// once it has caught up), and on a graceful stop ask for a controlled shutdown so leadership moves
// away before the node goes.
import { BrokerHeartbeatApi, type BrokerHeartbeatRequest, type BrokerHeartbeatResponse } from '../../protocol/generated/api/63-broker-heartbeat.js';
import { BrokerRegistrationApi, type BrokerRegistrationRequest } from '../../protocol/generated/api/62-broker-registration.js';
import { ErrorCode, errorName } from '../../protocol/errors.js';
import { SUPPORTED_FEATURES, unservableFeatures } from '../broker/features.js';
import type { ServerConfig } from '../config/server-config.js';
import type { ControllerClient } from './controller-client.js';
import type { Logger } from '../logger.js';
import type { MetadataPublisher } from './metadata-publisher.js';
import { waitBounded } from './wait-bounded.js';

const PLAINTEXT = 0;
const CONTROLLED_SHUTDOWN_TIMEOUT_MS = 5_000;

export interface BrokerLifecycleOptions {
  nodeId: number;
  clusterId: string;
  incarnationId: string;
  config: ServerConfig;
  controller: ControllerClient;
  publisher: MetadataPublisher;
  addresses: { name: string; host: string; port: number }[];
  nowMs: () => number;
  log: Logger;
  /** The metadata quorum's leader as this node knows it (-1: none): the controller to wait for. */
  quorumLeaderId: () => number;
  /** The broker epoch of the previous incarnation if it shut down cleanly, else -1 (KIP-966). */
  previousBrokerEpoch: number;
}

/** A periodic heartbeat's answer: fenced or not, or the error code it carried. */
type AnswerState = 'fenced' | 'unfenced' | number;

/** How often a controlled shutdown looks whether any controller is left to answer it. */
const LEADERLESS_POLL_MS = 50;
/** The longest a fenced broker waits before its next heartbeat while registering. */
const FENCED_RETRY_MS = 10;

export class BrokerLifecycle {
  private brokerEpoch = -1;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  /** A beat came while a heartbeat was in flight: send the next one as soon as it ends, as Kafka does. */
  private beatMissed = false;
  /** What the last periodic heartbeat's answer said (registration ends unfenced), to log only its changes. */
  private lastAnswer: AnswerState = 'unfenced';
  private stopped = false;

  constructor(private readonly o: BrokerLifecycleOptions) {}

  /** Registers, then heartbeats until unfenced; resolves once this broker serves. */
  async register(): Promise<void> {
    const req: BrokerRegistrationRequest = {
      brokerId: this.o.nodeId, clusterId: this.o.clusterId, incarnationId: toUuid(this.o.incarnationId),
      listeners: this.o.addresses.map((a) => ({ name: a.name, host: a.host, port: a.port, securityProtocol: PLAINTEXT })),
      features: SUPPORTED_FEATURES.map((f) => ({ name: f.name, minSupportedVersion: f.minVersion, maxSupportedVersion: f.maxVersion })),
      rack: this.o.config.get('broker.rack'), isMigratingZkBroker: false, logDirs: [], previousBrokerEpoch: this.o.previousBrokerEpoch,
    };
    // A previous incarnation's session may still look alive to the controller: retry until it lapses.
    for (;;) {
      const res = await this.o.controller.call(BrokerRegistrationApi, 4, req);
      this.throwIfStopped();
      if (res.errorCode === ErrorCode.NONE) {
        this.brokerEpoch = res.brokerEpoch;
        break;
      }
      if (res.errorCode === ErrorCode.UNSUPPORTED_VERSION) throw new Error(unservableFeatures(this.o.publisher.image.features) ?? 'the controller refused this node: it cannot serve a finalized feature level');
      if (res.errorCode !== ErrorCode.DUPLICATE_BROKER_REGISTRATION && res.errorCode !== ErrorCode.NOT_CONTROLLER) {
        throw new Error(`broker registration failed: ${errorName(res.errorCode)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    for (;;) {
      const hb = await this.heartbeat(false);
      this.throwIfStopped();
      if (hb.errorCode === ErrorCode.NONE && !hb.isFenced) break;
      // Fenced until this broker has applied its own registration: again as soon as its image
      // moves on, else after a short pause.
      await waitBounded(this.o.publisher.waitFor(this.o.publisher.image.offset + 1), FENCED_RETRY_MS);
    }
    const interval = this.o.config.int('broker.heartbeat.interval.ms');
    this.timer = setInterval(() => this.beat(), interval);
    this.timer.unref();
  }

  private beat(): void {
    if (this.inFlight) {
      this.beatMissed = true;
      return;
    }
    this.heartbeat(false).then((answer) => this.noteAnswer(answer), (err) => this.o.log.warn({ err }, 'broker heartbeat failed')).finally(() => {
      if (!this.beatMissed || this.stopped) return;
      this.beatMissed = false;
      this.beat();
    });
  }

  /** Logs what changed: an error, or fenced/unfenced, and when heartbeats are answered again. */
  private noteAnswer(answer: BrokerHeartbeatResponse): void {
    const state: AnswerState = answer.errorCode !== ErrorCode.NONE ? answer.errorCode : answer.isFenced ? 'fenced' : 'unfenced';
    const last = this.lastAnswer;
    if (this.stopped || state === last) return;
    this.lastAnswer = state;
    if (state === ErrorCode.NOT_CONTROLLER) {
      this.o.log.warn({ timeoutMs: this.heartbeatTimeoutMs() }, 'no active controller answered a broker heartbeat in time; trying again at the next interval');
    } else if (typeof state === 'number') {
      this.o.log.warn({ error: errorName(state) }, 'the controller refused a broker heartbeat; trying again at the next interval');
    } else if (state === 'fenced') {
      this.o.log.warn('this broker is fenced (the controller heard no heartbeat within broker.session.timeout.ms): it leads no partition until unfenced');
    } else if (last === 'fenced') {
      this.o.log.warn('this broker is unfenced again');
    } else {
      this.o.log.info('broker heartbeats are answered again');
    }
  }

  private heartbeatTimeoutMs(): number {
    return this.o.config.int('broker.session.timeout.ms') / 2;
  }

  get epoch(): number {
    return this.brokerEpoch;
  }

  /** Controlled shutdown: leadership moves to other ISR members and the broker is fenced. */
  async shutdown(): Promise<void> {
    this.abort();
    if (this.brokerEpoch < 0 || !this.o.config.bool('controlled.shutdown.enable')) return;
    // Nobody to hand leadership to (the rest of the cluster has stopped): nothing to wait for.
    if (!this.otherBrokerAlive()) {
      this.o.log.info('no other live broker to take leadership over: stopping without a controlled shutdown');
      return;
    }
    // Bounded: with no controller left to answer (the whole cluster stopping), stop anyway.
    const giveUp = this.noControllerLeft();
    try {
      const answer = await Promise.race([this.heartbeat(true), giveUp.promise]);
      if (answer === 'timeout') this.o.log.info('controlled shutdown got no answer; stopping anyway');
      if (answer === 'leaderless') this.o.log.info('no controller is left to move leadership; stopping anyway');
      if (answer === 'alone') this.o.log.info('no other live broker is left; stopping without waiting for the controlled shutdown');
    } catch (err) {
      this.o.log.warn({ err }, 'controlled shutdown failed');
    } finally {
      giveUp.cancel();
    }
  }

  /**
   * Resolves once no controller can answer: the quorum has had no leader for two election
   * timeouts (an election among live voters takes less), or the overall time-out passed. When a
   * whole cluster stops at once, the last nodes would otherwise wait out the time-out for nothing.
   */
  private noControllerLeft(): { promise: Promise<'timeout' | 'leaderless' | 'alone'>; cancel: () => void } {
    const leaderlessMs = 2 * this.o.config.int('controller.quorum.election.timeout.ms');
    let poll: NodeJS.Timeout | undefined;
    let timeout: NodeJS.Timeout | undefined;
    const promise = new Promise<'timeout' | 'leaderless' | 'alone'>((resolve) => {
      let leaderlessSinceMs: number | undefined;
      poll = setInterval(() => {
        if (this.o.quorumLeaderId() >= 0) leaderlessSinceMs = undefined;
        else leaderlessSinceMs ??= this.o.nowMs();
        if (leaderlessSinceMs !== undefined && this.o.nowMs() - leaderlessSinceMs >= leaderlessMs) resolve('leaderless');
        // Every other broker has been fenced meanwhile (they stopped too): no leadership left to move.
        if (!this.otherBrokerAlive()) resolve('alone');
      }, LEADERLESS_POLL_MS);
      timeout = setTimeout(() => resolve('timeout'), CONTROLLED_SHUTDOWN_TIMEOUT_MS);
    });
    return { promise, cancel: () => { clearInterval(poll); clearTimeout(timeout); } };
  }

  /** Stops heartbeating; a registration still in progress gives up. */
  abort(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whether this broker's image shows another unfenced broker that leadership could move to. */
  private otherBrokerAlive(): boolean {
    for (const b of this.o.publisher.image.brokers.values()) if (b.id !== this.o.nodeId && !b.fenced) return true;
    return false;
  }

  private throwIfStopped(): void {
    if (this.stopped) throw new Error('the broker is stopping');
  }

  private async heartbeat(wantShutDown: boolean): Promise<BrokerHeartbeatResponse> {
    this.inFlight = true;
    try {
      const req: BrokerHeartbeatRequest = {
        brokerId: this.o.nodeId, brokerEpoch: this.brokerEpoch, currentMetadataOffset: this.o.publisher.image.offset,
        wantFence: false, wantShutDown, offlineLogDirs: [],
      };
      // As Kafka's heartbeat channel (KAFKA-14392): give up on an attempt after half the session,
      // so a controller that vanished mid-request does not get this broker fenced by its successor.
      // A controlled shutdown's heartbeat waits for its leadership moves, bounded by shutdown().
      const timeoutMs = wantShutDown ? undefined : this.heartbeatTimeoutMs();
      return await this.o.controller.call(BrokerHeartbeatApi, 1, req, timeoutMs);
    } finally {
      this.inFlight = false;
    }
  }
}

/** Kafka Uuid form (base64url of 16 bytes) of an RFC 4122 string. */
function toUuid(rfc: string): string {
  return Buffer.from(rfc.replace(/-/g, ''), 'hex').toString('base64url');
}

