// Periodic work of a node: retention (log.retention.check.interval.ms), the log cleaner, time-based flushes
// (flush.ms), offset checkpoints, producer id expiry, and the controller's broker-session check; once, after a start,
// opening the logs it listed (and recovering them, after a crash).
import type { LogDir } from '../../storage/log-dir.js';
import type { ServerConfig } from '../config/server-config.js';
import type { QuorumController } from '../controller/quorum-controller.js';
import type { ReplicaManager } from '../replication/replica-manager.js';
import type { ControllerClient } from './controller-client.js';
import type { Logger } from '../logger.js';
import type { MetadataImage } from '../metadata/image.js';
import { storageEventLogger } from './node-storage.js';
import { CleanerTask } from './cleaner-task.js';
import { brokerConfigValue } from '../config/effective.js';

const CHECKPOINT_INTERVAL_MS = 60_000;
const FLUSH_CHECK_INTERVAL_MS = 1_000;
/** Logs opened per turn of the event loop after a start: a few milliseconds, so requests keep
 * their turns while 100,000 logs open behind them. */
const LOGS_OPENED_PER_TURN = 64;
/** And no more once a turn has spent this long: after a crash each opening recovers its log,
 * which takes about a second per GB written since its last flush. */
const OPENING_TURN_MS = 10;
/** Partitions a producer id expiry check takes per turn of the event loop (about a millisecond
 * when they have few producers). */
const EXPIRY_PARTITIONS_PER_TURN = 2_000;

export interface BackgroundTaskOptions {
  config: ServerConfig;
  logDir: LogDir;
  controller: QuorumController;
  channel: ControllerClient;
  replicas: ReplicaManager;
  nowMs: () => number;
  log: Logger;
}

export class BackgroundTasks {
  private readonly timers: NodeJS.Timeout[] = [];
  private cleaner: CleanerTask | undefined;
  private opening: NodeJS.Immediate | undefined;
  private stopped = false;
  /** The configs of the last image imageApplied looked at. */
  private configsSeen: MetadataImage['configs'] | undefined;

  constructor(private readonly o: BackgroundTaskOptions) {}

  start(): void {
    const { config, logDir, log } = this.o;
    const onEvent = storageEventLogger(log);
    this.openIdleLogs();
    this.every(config.int('log.retention.check.interval.ms'), async () => {
      for (const e of await logDir.deleteOldSegments()) onEvent(e);
    });
    this.every(FLUSH_CHECK_INTERVAL_MS, () => logDir.flushDue());
    const dynamic = (name: string): number => Number(brokerConfigValue(config, this.o.replicas.dynamicConfigs(), name));
    this.cleaner = new CleanerTask(config, logDir, this.o.nowMs, log,
      () => dynamic('log.cleaner.io.max.bytes.per.second'), () => dynamic('log.cleaner.threads'), () => dynamic('log.cleaner.dedupe.buffer.size'));
    this.cleaner.start();
    this.every(CHECKPOINT_INTERVAL_MS, () => logDir.checkpoint());
    this.every(config.int('producer.id.expiration.check.interval.ms'), async () => {
      const pass = this.o.replicas.producerExpiryPass();
      while (!this.stopped && pass.step(EXPIRY_PARTITIONS_PER_TURN)) await new Promise((resolve) => setImmediate(resolve));
      if (pass.removed > 0) log.info({ removed: pass.removed }, 'removed expired producer ids');
    });
    // ISR shrinks: followers silent or behind for replica.lag.time.max.ms leave it.
    this.every(Math.max(50, Math.floor(config.int('replica.lag.time.max.ms') / 4)), async () => this.o.replicas.checkIsr());
    this.every(Math.max(50, Math.floor(config.int('broker.session.timeout.ms') / 4)), () =>
      this.o.channel.commit(this.o.controller.tick(this.o.nowMs())));
  }

  /** A new metadata image was applied: when its configs changed (an image without config records
   * shares its predecessor's map), dynamic broker configs may have. */
  imageApplied(image: MetadataImage): void {
    if (image.configs === this.configsSeen) return;
    this.configsSeen = image.configs;
    this.cleaner?.reconfigure();
  }

  stop(): void {
    this.stopped = true;
    if (this.opening !== undefined) clearImmediate(this.opening);
    this.opening = undefined;
    this.cleaner?.stop();
    for (const t of this.timers.splice(0)) clearInterval(t);
  }

  /** The logs a start left unopened, a slice per turn, so that retention, flushes and the cleaner
   * see every log soon after a start (they work on open logs). */
  private openIdleLogs(): void {
    const logs = this.o.logDir.unopenedCount;
    const began = performance.now();
    const step = (): void => {
      const until = performance.now() + OPENING_TURN_MS;
      const more = this.o.replicas.openIdleLogs(LOGS_OPENED_PER_TURN, () => performance.now() < until);
      this.opening = more ? setImmediate(step) : undefined;
      // After a crash this includes their recovery, a slice of it per turn.
      if (!more) {
        this.o.log.info({ listed: logs, unopened: this.o.logDir.unopenedCount, ms: Math.round(performance.now() - began) },
          'opened the logs of the hosted partitions listed at the start');
      }
    };
    if (logs > 0) this.opening = setImmediate(step);
  }

  /** Runs `task` every `intervalMs`, never two at once, logging (not throwing) failures. */
  private every(intervalMs: number, task: () => Promise<unknown>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task().catch((err) => this.o.log.warn({ err }, 'background task failed')).finally(() => {
        running = false;
      });
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }
}
