// The log cleaner's loop (Kafka's CleanerThread): off the request path, one partition at a time;
// after a pass it looks again at once, and when no compacted log is due it waits
// log.cleaner.backoff.ms. A pass gives the event loop back after each 128 KiB it decodes (and each
// MiB it reads), so produce and fetch keep being served while it runs; stop() ends a pass at its
// next such turn. It reads and writes at most log.cleaner.io.max.bytes.per.second together (a
// dynamic broker config, counted as Kafka counts it): over it, the turn waits.
import { LogCleanerManager } from '../../storage/log-cleaner-manager.js';
import type { LogDir } from '../../storage/log-dir.js';
import type { ServerConfig } from '../config/server-config.js';
import type { Logger } from '../logger.js';
import { Throttler } from './throttler.js';

/** About what one key of the offset map costs here (a Map entry and its key string; Kafka's packed
 * map takes 24 bytes), so the map stays near log.cleaner.dedupe.buffer.size. */
const OFFSET_MAP_ENTRY_BYTES = 128;

const MAX_TIMER_MS = 2 ** 31 - 1;

class CleanerStopped extends Error {}

export class CleanerTask {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly manager: LogCleanerManager;

  private readonly throttler: Throttler;
  /** Ends the throttle's pause of the pass under way early. */
  private pause: (() => void) | undefined;

  constructor(
    private readonly config: ServerConfig,
    private readonly logDir: LogDir,
    private readonly nowMs: () => number,
    private readonly log: Logger,
    /** log.cleaner.io.max.bytes.per.second as it is now (dynamic or static). */
    ioMaxBytesPerSecond: () => number = () => Number(config.get('log.cleaner.io.max.bytes.per.second')),
  ) {
    this.throttler = new Throttler(ioMaxBytesPerSecond, () => performance.now());
    const maxMapEntries = Math.max(1000, Math.floor(config.int('log.cleaner.dedupe.buffer.size') / OFFSET_MAP_ENTRY_BYTES));
    this.manager = new LogCleanerManager({
      maxMapEntries, yieldTurn: (ioBytes) => this.yieldTurn(ioBytes ?? 0),
      checkpoints: { get: (l) => logDir.cleanerOffset(l), set: (l, offset) => logDir.setCleanerOffset(l, offset) },
    });
  }

  start(): void {
    if (!this.config.bool('log.cleaner.enable')) return;
    this.schedule(this.config.int('log.cleaner.backoff.ms'));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    // A pass paused by the throttle ends now rather than when its pause is over.
    this.pause?.();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.runOnce(), delayMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    const backoffMs = this.config.int('log.cleaner.backoff.ms');
    try {
      const cleaned = await this.manager.cleanOnce(this.logDir.all(), this.nowMs());
      if (cleaned === undefined) return this.schedule(backoffMs);
      this.log.info({
        topic: cleaned.topic, partition: cleaned.partition, reason: cleaned.reason, dirtyRatio: Number(cleaned.dirtyRatio.toFixed(3)),
        bytesBefore: cleaned.bytesBefore, bytesAfter: cleaned.bytesAfter, completed: cleaned.completed,
      }, 'log cleaned');
      this.schedule(0);
    } catch (err) {
      if (err instanceof CleanerStopped) return;
      this.log.warn({ err }, 'log cleaning failed; the log keeps its segments');
      this.schedule(backoffMs);
    }
  }

  private yieldTurn(ioBytes: number): Promise<void> {
    // A timer longer than 2^31 - 1 ms fires at once (Node's overflow rule): a tiny rate would undo itself.
    const waitMs = Math.min(this.throttler.observe(ioBytes), MAX_TIMER_MS);
    if (waitMs > 0) this.log.debug({ waitMs, ioBytes }, 'log cleaner paused by log.cleaner.io.max.bytes.per.second');
    return new Promise((resolve, reject) => {
      const timer = waitMs > 0 ? setTimeout(() => next(), waitMs).unref() : undefined;
      const next = (): void => {
        clearTimeout(timer);
        this.pause = undefined;
        if (this.stopped) reject(new CleanerStopped());
        else resolve();
      };
      if (timer === undefined) setImmediate(next);
      else this.pause = next;
    });
  }
}
