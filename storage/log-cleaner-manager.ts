// Chooses which compacted log to clean next and remembers how far each was cleaned (Kafka's
// LogCleanerManager): one log per call, the one with the highest dirty ratio among those due and
// not being cleaned by another pass (log.cleaner.threads passes may run at once).
// Where the dirty section begins is checkpointed through `checkpoints` (LogDir's
// cleaner-offset-checkpoint); a log without an entry counts as all dirty. The checkpoint only
// saves work: a stale one (a truncation below it) leaves some duplicates uncleaned, never removes
// a record, as removals are decided by the records themselves (offset map, delete horizons).
import { planCleaning, type CleaningPlan } from './cleaner-plan.js';
import { cleanLog, earliestDeleteHorizon, type CleanableLog, type CleaningResult } from './log-cleaner.js';
import type { LogSegment } from './log-segment.js';
import type { PartitionLog } from './partition-log.js';

interface CleanerState {
  firstDirtyOffset: number;
  nextDeleteHorizonMs: number | undefined;
  /** False until read from the cleaned part's batch headers (after a restart) or set by a pass. */
  horizonKnown: boolean;
}

export interface LogCleaned extends CleaningResult {
  topic: string;
  partition: number;
  reason: CleaningPlan<LogSegment>['reason'];
  dirtyRatio: number;
}

export interface LogCleanerOptions {
  /** Keys the offset map of one pass holds (from log.cleaner.dedupe.buffer.size). */
  maxMapEntries: number;
  /** Where the cleaner gives the event loop back between chunks of work, told the bytes it read
   * and wrote since the last turn. */
  yieldTurn?: (ioBytes?: number) => Promise<void>;
  /** Persisted first dirty offsets (LogDir.cleanerOffset / setCleanerOffset). */
  checkpoints?: {
    get(log: PartitionLog): number | undefined;
    set(log: PartitionLog, offset: number): Promise<void>;
  };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class LogCleanerManager {
  private readonly states = new WeakMap<PartitionLog, CleanerState>();
  /** Logs a pass is cleaning now: no other pass takes them (Kafka's inProgress). */
  private readonly inProgress = new Set<PartitionLog>();

  private readonly yieldTurn: (ioBytes?: number) => Promise<void>;

  constructor(private readonly options: LogCleanerOptions) {
    this.yieldTurn = options.yieldTurn ?? nextTurn;
  }

  /** Cleans the filthiest log that is due and free, if any, with an offset map of `maxMapEntries`
   * keys at most (default: the options'). */
  async cleanOnce(logs: readonly PartitionLog[], nowMs: number, maxMapEntries = this.options.maxMapEntries): Promise<LogCleaned | undefined> {
    const due: { log: PartitionLog; view: CleanableLog; plan: CleaningPlan<LogSegment> }[] = [];
    for (const log of logs) {
      if (this.inProgress.has(log)) continue;
      const view = log.forCleaner();
      if (view === undefined) continue;
      const state = this.stateOf(log);
      if (!state.horizonKnown) {
        state.nextDeleteHorizonMs = await earliestDeleteHorizon(view.segments(), state.firstDirtyOffset, this.yieldTurn);
        state.horizonKnown = true;
      }
      const plan = planCleaning({
        segments: view.segments(),
        firstDirtyOffset: Math.max(log.logStartOffset, Math.min(state.firstDirtyOffset, log.logEndOffset)),
        lastStableOffset: log.lastStableOffset,
        nowMs,
        compaction: view.compaction,
        nextDeleteHorizonMs: state.nextDeleteHorizonMs,
      });
      if (plan !== undefined) due.push({ log, view, plan });
    }
    // The filthiest one no other pass took while this one read delete horizons.
    let best: (typeof due)[number] | undefined;
    for (const c of due) if (!this.inProgress.has(c.log) && (best === undefined || c.plan.dirtyRatio > best.plan.dirtyRatio)) best = c;
    if (best === undefined) return undefined;
    const { log, view, plan } = best;
    this.inProgress.add(log);
    try {
      const result = await cleanLog(view, plan, { nowMs, maxMapEntries, yieldTurn: this.yieldTurn });
      if (result.completed) {
        this.states.set(log, { firstDirtyOffset: result.cleanedTo, nextDeleteHorizonMs: result.nextDeleteHorizonMs, horizonKnown: true });
        await this.options.checkpoints?.set(log, result.cleanedTo);
      }
      return { ...result, topic: log.topic, partition: log.partition, reason: plan.reason, dirtyRatio: plan.dirtyRatio };
    } finally {
      this.inProgress.delete(log);
    }
  }

  private stateOf(log: PartitionLog): CleanerState {
    let state = this.states.get(log);
    if (state === undefined) {
      state = { firstDirtyOffset: this.options.checkpoints?.get(log) ?? 0, nextDeleteHorizonMs: undefined, horizonKnown: false };
      this.states.set(log, state);
    }
    return state;
  }
}
