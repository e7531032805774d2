// Chooses which compacted log to clean next and remembers how far each was cleaned (Kafka's
// LogCleanerManager): one log per call, the one with the highest dirty ratio among those due.
// Where the dirty section begins is kept in memory (Kafka checkpoints it in
// cleaner-offset-checkpoint): after a restart a log counts as all dirty, and its first pass
// rewrites it once more, which changes nothing but costs the I/O.
import { planCleaning, type CleaningPlan } from './cleaner-plan.js';
import { cleanLog, type CleanableLog, type CleaningResult } from './log-cleaner.js';
import type { LogSegment } from './log-segment.js';
import type { PartitionLog } from './partition-log.js';

interface CleanerState {
  firstDirtyOffset: number;
  nextDeleteHorizonMs: number | undefined;
}

export interface LogCleaned extends CleaningResult {
  topic: string;
  partition: number;
  reason: CleaningPlan<LogSegment>['reason'];
  dirtyRatio: number;
}

export interface LogCleanerOptions {
  /** Keys the offset map of one pass holds (log.cleaner.dedupe.buffer.size / 24). */
  maxMapEntries: number;
  /** Where the cleaner gives the event loop back between chunks of work. */
  yieldTurn?: () => Promise<void>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class LogCleanerManager {
  private readonly states = new WeakMap<PartitionLog, CleanerState>();

  constructor(private readonly options: LogCleanerOptions) {}

  /** Cleans the filthiest log that is due, if any. */
  async cleanOnce(logs: readonly PartitionLog[], nowMs: number): Promise<LogCleaned | undefined> {
    let best: { log: PartitionLog; view: CleanableLog; plan: CleaningPlan<LogSegment> } | undefined;
    for (const log of logs) {
      const view = log.forCleaner();
      if (view === undefined) continue;
      const state = this.stateOf(log);
      const plan = planCleaning({
        segments: view.segments(),
        firstDirtyOffset: Math.max(log.logStartOffset, Math.min(state.firstDirtyOffset, log.logEndOffset)),
        lastStableOffset: log.lastStableOffset,
        nowMs,
        compaction: view.compaction,
        nextDeleteHorizonMs: state.nextDeleteHorizonMs,
      });
      if (plan !== undefined && (best === undefined || plan.dirtyRatio > best.plan.dirtyRatio)) best = { log, view, plan };
    }
    if (best === undefined) return undefined;
    const { log, view, plan } = best;
    const result = await cleanLog(view, plan, { nowMs, maxMapEntries: this.options.maxMapEntries, yieldTurn: this.options.yieldTurn ?? nextTurn });
    if (result.completed) this.states.set(log, { firstDirtyOffset: result.cleanedTo, nextDeleteHorizonMs: result.nextDeleteHorizonMs });
    return { ...result, topic: log.topic, partition: log.partition, reason: plan.reason, dirtyRatio: plan.dirtyRatio };
  }

  private stateOf(log: PartitionLog): CleanerState {
    let state = this.states.get(log);
    if (state === undefined) {
      state = { firstDirtyOffset: 0, nextDeleteHorizonMs: undefined };
      this.states.set(log, state);
    }
    return state;
  }
}
