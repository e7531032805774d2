// Kafka's file names in a partition directory: segments are named by their base offset, zero-padded
// to 20 digits so names sort in offset order.

export const LOG_SUFFIX = '.log';
export const INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
/** Aborted transactions of a segment (Kafka's TransactionIndex). */
export const TXN_INDEX_SUFFIX = '.txnindex';
/** Producer-state snapshot, named by the offset it describes the state at. */
export const SNAPSHOT_SUFFIX = '.snapshot';
export const LEADER_EPOCH_CHECKPOINT = 'leader-epoch-checkpoint';
/** In the log dir: written on clean shutdown, removed once the logs are loaded again. */
export const CLEAN_SHUTDOWN_FILE = '.kafka_cleanshutdown';
export const LOG_START_OFFSET_CHECKPOINT = 'log-start-offset-checkpoint';
export const RECOVERY_POINT_CHECKPOINT = 'recovery-point-offset-checkpoint';
/** Where each compacted log's dirty part begins (the log cleaner's progress). */
export const CLEANER_OFFSET_CHECKPOINT = 'cleaner-offset-checkpoint';
/** Suffix of a segment file renamed for deletion, unlinked in the background (Kafka's `.deleted`). */
export const DELETED_SUFFIX = '.deleted';
/** Suffix of a partition directory renamed for deletion (Kafka: <topic>-<partition>.<id>-delete). */
export const DELETE_DIR_SUFFIX = '-delete';

export function offsetFileName(offset: number, suffix: string): string {
  return String(offset).padStart(20, '0') + suffix;
}

/** The base offset of a `<20 digits><suffix>` name, or undefined. */
export function parseOffsetFileName(name: string, suffix: string): number | undefined {
  if (!name.endsWith(suffix)) return undefined;
  const digits = name.slice(0, -suffix.length);
  if (!/^\d{20}$/.test(digits)) return undefined;
  const offset = Number(digits);
  return Number.isSafeInteger(offset) ? offset : undefined;
}

export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** Topic and partition of a `<topic>-<partition>` directory name, or undefined for other names. */
export function parsePartitionDirName(name: string): { topic: string; partition: number } | undefined {
  // By hand rather than with a regular expression: a start lists 100,000 of these.
  const dash = name.lastIndexOf('-');
  if (dash <= 0 || dash === name.length - 1 || name.length - dash > 11) return undefined;
  // A name partitionDirName never makes ("t-07") is no partition's directory: it must not stand
  // in for "t-7".
  if (name.charCodeAt(dash + 1) === 48 && dash + 2 < name.length) return undefined;
  let partition = 0;
  for (let i = dash + 1; i < name.length; i++) {
    const digit = name.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    partition = partition * 10 + digit;
  }
  return partition <= 0x7fffffff ? { topic: name.slice(0, dash), partition } : undefined;
}
