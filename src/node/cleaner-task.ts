// The log cleaner's loops (Kafka's CleanerThreads): off the request path, log.cleaner.threads of
// them (a dynamic broker config: a raise starts the new loops at once, as Kafka's restart of its
// cleaner does), each cleaning one partition at a time and never the same one as another; they
// share the offset map memory (log.cleaner.dedupe.buffer.size, dynamic too, taken at each pass's
// start) as Kafka's threads do. After a pass a loop looks again at once, and when no compacted log
// is due it waits log.cleaner.backoff.ms. A pass gives the event loop back after each 128 KiB it
// decodes (and each MiB it reads), so produce and fetch keep being served while it runs; stop() ends
// a pass at its next such turn. Together the passes read and write at most
// log.cleaner.io.max.bytes.per.second (a dynamic broker config, counted as Kafka counts it): over
// it, a turn waits.
import { LogCleanerManager } from '../../storage/log-cleaner-manager.js';
import type { LogDir } from '../../storage/log-dir.js';
import type { ServerConfig } from '../config/server-config.js';
import type { Logger } from '../logger.js';
import { Throttler } from './throttler.js';

/** About what one key of the offset map costs here (a Map entry and its key string; Kafka's packed
 * map takes 24 bytes), so the map stays near log.cleaner.dedupe.buffer.size. */
const OFFSET_MAP_ENTRY_BYTES = 128;
const MIN_MAP_ENTRIES = 1000;

const MAX_TIMER_MS = 2 ** 31 - 1;

class CleanerStopped extends Error {}

export class CleanerTask {
  private stopped = false;
  private readonly manager: LogCleanerManager;
  /** Each running loop's pending timer, by loop number. */
  private readonly loops = new Map<number, NodeJS.Timeout | undefined>();

  /** log.cleaner.threads when the loops were last started (see reconfigure). */
  private startedThreads = 0;
  private readonly throttler: Throttler;
  /** End the throttle's pauses of the passes under way early. */
  private readonly pauses = new Set<() => void>();

  constructor(
    private readonly config: ServerConfig,
    private readonly logDir: LogDir,
    private readonly nowMs: () => number,
    private readonly log: Logger,
    /** log.cleaner.io.max.bytes.per.second as it is now (dynamic or static). */
    ioMaxBytesPerSecond: () => number = () => Number(config.get('log.cleaner.io.max.bytes.per.second')),
    /** log.cleaner.threads as it is now (dynamic or static). */
    private readonly threads: () => number = () => config.int('log.cleaner.threads'),
    /** log.cleaner.dedupe.buffer.size as it is now (dynamic or static). */
    private readonly dedupeBufferBytes: () => number = () => config.int('log.cleaner.dedupe.buffer.size'),
  ) {
    this.throttler = new Throttler(ioMaxBytesPerSecond, () => performance.now());
    this.manager = new LogCleanerManager({
      maxMapEntries: this.mapEntriesPerPass(), yieldTurn: (ioBytes) => this.yieldTurn(ioBytes ?? 0),
      checkpoints: { get: (l) => logDir.cleanerOffset(l), set: (l, offset) => logDir.setCleanerOffset(l, offset) },
    });
  }

  start(): void {
    if (!this.config.bool('log.cleaner.enable')) return;
    this.startLoops(this.config.int('log.cleaner.backoff.ms'));
  }

  /**
   * A dynamic log.cleaner.threads that grew starts its new loops now (Kafka restarts its cleaner on
   * the change); one raised from 0 wakes loop 0 from its backoff. Loops beyond a lowered count end
   * after their pass. Called when a new metadata image is applied.
   */
  reconfigure(): void {
    if (this.stopped || !this.config.bool('log.cleaner.enable')) return;
    const threads = this.threads();
    if (threads <= this.startedThreads) {
      this.startedThreads = threads;
      return;
    }
    const idle = this.startedThreads === 0 ? this.loops.get(0) : undefined;
    if (idle !== undefined) {
      clearTimeout(idle);
      this.loops.delete(0);
    }
    this.startLoops(0);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.loops.values()) clearTimeout(timer);
    this.loops.clear();
    // Passes paused by the throttle end now rather than when their pause is over.
    for (const pause of [...this.pauses]) pause();
  }

  /** Starts the loops log.cleaner.threads asks for and are not running (it may have grown); loop 0
   * always runs, idle while the count is 0, to start the others when it grows again. */
  private startLoops(delayMs: number): void {
    this.startedThreads = this.threads();
    for (let i = 0; i < Math.max(1, this.startedThreads); i++) if (!this.loops.has(i)) this.schedule(i, delayMs);
  }

  /** The dedupe buffer shared out among the passes that may run at once (Kafka divides it so). */
  private mapEntriesPerPass(): number {
    return Math.max(MIN_MAP_ENTRIES, Math.floor(this.dedupeBufferBytes() / OFFSET_MAP_ENTRY_BYTES / Math.max(1, this.threads())));
  }

  private schedule(loop: number, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => void this.runOnce(loop), delayMs);
    timer.unref();
    this.loops.set(loop, timer);
  }

  private async runOnce(loop: number): Promise<void> {
    this.loops.set(loop, undefined);
    const backoffMs = this.config.int('log.cleaner.backoff.ms');
    // log.cleaner.threads went down: this loop ends (after its pass, as Kafka's threads do).
    if (loop >= this.threads()) {
      if (loop === 0) return this.schedule(0, backoffMs);
      this.loops.delete(loop);
      return;
    }
    this.startLoops(backoffMs);
    try {
      const cleaned = await this.manager.cleanOnce(this.logDir.all(), this.nowMs(), this.mapEntriesPerPass());
      if (cleaned === undefined) return this.schedule(loop, backoffMs);
      this.log.info({
        // Kafka's cleaner threads are kafka-log-cleaner-thread-<n>.
        thread: loop, topic: cleaned.topic, partition: cleaned.partition, reason: cleaned.reason, dirtyRatio: Number(cleaned.dirtyRatio.toFixed(3)),
        bytesBefore: cleaned.bytesBefore, bytesAfter: cleaned.bytesAfter, completed: cleaned.completed,
      }, 'log cleaned');
      this.schedule(loop, 0);
    } catch (err) {
      if (err instanceof CleanerStopped) return;
      this.log.warn({ err }, 'log cleaning failed; the log keeps its segments');
      this.schedule(loop, backoffMs);
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
        this.pauses.delete(next);
        if (this.stopped) reject(new CleanerStopped());
        else resolve();
      };
      if (timer === undefined) setImmediate(next);
      else this.pauses.add(next);
    });
  }
}
