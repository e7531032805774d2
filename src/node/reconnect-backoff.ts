// Back-off between dials of a destination that keeps failing, and a log of that failure that says
// it once and then at a bounded rate. Kafka's clients do the same (reconnect.backoff.ms growing
// exponentially to reconnect.backoff.max.ms with 20% jitter); without it a node re-dials a dead
// or foreign neighbour as fast as its callers retry, and fills that neighbour's log.
import type { Logger } from '../logger.js';

export interface BackoffSettings {
  initialMs: number;
  maxMs: number;
  /** Relative jitter: 0.2 spreads each delay over ±20%. */
  jitter: number;
  /** At most one log line per this long while the failures go on. */
  logIntervalMs: number;
}

export const RECONNECT_BACKOFF: BackoffSettings = { initialMs: 50, maxMs: 1_000, jitter: 0.2, logIntervalMs: 30_000 };

export class ReconnectBackoff {
  private failures = 0;
  private notBeforeMs = 0;
  private lastLogMs = -Infinity;
  private unloggedFailures = 0;

  constructor(
    private readonly destination: string,
    private readonly settings: BackoffSettings,
    private readonly nowMs: () => number,
    private readonly random: () => number,
    private readonly log: Logger | undefined,
  ) {}

  /** How long until the next dial may go out (0: now). */
  waitMs(): number {
    return Math.max(0, this.notBeforeMs - this.nowMs());
  }

  /** A dial failed, or the connection broke before answering anything. */
  failed(reason: string): void {
    this.failures++;
    const base = Math.min(this.settings.maxMs, this.settings.initialMs * 2 ** Math.min(this.failures - 1, 30));
    const jittered = base * (1 - this.settings.jitter + 2 * this.settings.jitter * this.random());
    const now = this.nowMs();
    this.notBeforeMs = now + jittered;
    this.unloggedFailures++;
    if (now - this.lastLogMs >= this.settings.logIntervalMs) {
      this.log?.warn({ destination: this.destination, failures: this.unloggedFailures, retryInMs: Math.round(jittered) }, `cannot reach ${this.destination}: ${reason}`);
      this.lastLogMs = now;
      this.unloggedFailures = 0;
    }
  }

  /** An answer came: the destination is reachable again. */
  succeeded(): void {
    if (this.failures > 0 && this.lastLogMs > -Infinity) this.log?.info({ destination: this.destination, failures: this.failures }, `reached ${this.destination} again`);
    this.failures = 0;
    this.notBeforeMs = 0;
    this.lastLogMs = -Infinity;
    this.unloggedFailures = 0;
  }
}
