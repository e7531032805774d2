// Shared set-up for storage tests: a small-scale log config, a manual clock and open/reopen helpers.
import { ErrorCode } from '../../protocol/errors.js';
import type { FileSystem } from '../../storage/file-system.js';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../storage/log-config.js';
import { PartitionLog } from '../../storage/partition-log.js';
import type { StorageEvent } from '../../storage/storage-events.js';
import { encodeTestBatch, splitBatches, type SplitBatch } from './storage-batches.js';

export const LOG_PARENT = '/data';
export const TOPIC = 'orders';
export const PARTITION_DIR = `${LOG_PARENT}/${TOPIC}-0`;

/** Kafka's defaults, scaled down so tests roll segments and fill indexes quickly. */
export function testConfig(overrides: Partial<LogConfig> = {}): LogConfig {
  return { ...DEFAULT_LOG_CONFIG, segmentBytes: 16 * 1024, segmentIndexBytes: 1024, indexIntervalBytes: 512, ...overrides };
}

export class ManualClock {
  constructor(public ms = 1_700_000_000_000) {}

  readonly nowMs = (): number => this.ms;
}

export async function createTestLog(fs: FileSystem, config: LogConfig, clock = new ManualClock()): Promise<PartitionLog> {
  fs.mkdir(LOG_PARENT);
  await fs.syncDir('/');
  return PartitionLog.create(LOG_PARENT, TOPIC, 0, { fs, config, nowMs: clock.nowMs });
}

export async function reopenTestLog(
  fs: FileSystem,
  config: LogConfig,
  options: { hadCleanShutdown: boolean; clock?: ManualClock; recoveryPoint?: number },
): Promise<{ log: PartitionLog; events: StorageEvent[] }> {
  const clock = options.clock ?? new ManualClock();
  return PartitionLog.open(PARTITION_DIR, TOPIC, 0, {
    fs,
    config,
    nowMs: clock.nowMs,
    hadCleanShutdown: options.hadCleanShutdown,
    recoveryPoint: options.recoveryPoint,
  });
}

/** Appends at leader epoch 0 and moves the high watermark to the end, as once replicated; the base offset. */
export async function appendCommitted(log: PartitionLog, batch: Buffer): Promise<number> {
  const r = await log.append(batch, { leaderEpoch: 0 });
  log.updateHighWatermark(log.logEndOffset);
  return r.baseOffset;
}

/** Every whole batch from the log start to its end, in order, read a megabyte at a time (each a
 * copy: a read's buffer may be reused by the next). */
export function readAllBatches(log: PartitionLog): SplitBatch[] {
  const out: SplitBatch[] = [];
  for (let offset = log.logStartOffset; offset < log.logEndOffset; ) {
    const result = log.read(offset, 1 << 20);
    if (result.errorCode !== ErrorCode.NONE) throw new Error(`read at ${offset}: ${result.errorCode}`);
    const batches = splitBatches(result.records);
    if (batches.length === 0) break;
    for (const b of batches) out.push({ baseOffset: b.baseOffset, lastOffset: b.lastOffset, bytes: Buffer.from(b.bytes) });
    offset = batches.at(-1)!.lastOffset + 1;
  }
  return out;
}

/** What a crash in the middle of a write leaves: the first 40 bytes of a batch after the end of
 * the segment file at `path`, synced, so only recovery can cut them. */
export async function appendTornBatch(fs: FileSystem, path: string): Promise<void> {
  const segment = fs.open(path);
  segment.write(encodeTestBatch({ valueBytes: 200 }).subarray(0, 40), segment.size());
  await segment.sync();
  segment.close();
}
