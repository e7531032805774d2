// One log directory (a `log.dirs` entry) and the partition logs in it, with Kafka's files at its top
// (and `.lock`, which the node holds while it runs: dir-lock.ts):
//
//   .kafka_cleanshutdown                written by close(), removed once the logs are loaded again;
//                                       {"version":0,"brokerEpoch":N} as Kafka writes it (KIP-966)
//   log-start-offset-checkpoint         "<topic> <partition> <logStartOffset>" per log
//   recovery-point-offset-checkpoint    "<topic> <partition> <recoveryPoint>" per log
//
// Opening the directory lists the partition logs; each opens on first use (get), and the runtime
// opens the rest in the background: opening 100,000 partition directories and their files took
// seconds of a start, and the broker served nothing meanwhile. After a clean shutdown a log opens
// without recovery; after an unclean one it first recovers from its checkpointed recovery point
// (all of it when unknown), so nothing reads it unrecovered.
// The log start offset checkpoint is rewritten before DeleteRecords returns.
//
// Sized for 100,000 partitions: a new log costs a mkdir and a share of one fsync of this directory
// (concurrent creations share it), no file until its first append; descriptors go through a
// HandleCache of at most `maxOpenFiles`; work over every log runs a bounded number at a time.
import { formatCheckpoint, parseOffsetLines, type OffsetLines } from './checkpoint-file.js';
import { CoalescedTask } from './coalesced-task.js';
import { LogOfflineError } from './errors.js';
import { BackgroundWork, TurnBudget, forEachConcurrently, runToEnd } from './concurrency.js';
import { joinPath, parentPath, type FileSystem, type VolumeSpace } from './file-system.js';
import { HandleCache } from './handle-cache.js';
import {
  CLEANER_OFFSET_CHECKPOINT,
  CLEAN_SHUTDOWN_FILE,
  DELETE_DIR_SUFFIX,
  LOG_START_OFFSET_CHECKPOINT,
  RECOVERY_POINT_CHECKPOINT,
  parsePartitionDirName,
  partitionDirName,
} from './file-names.js';
import type { LogConfig } from './log-config.js';
import type { OpenPartitionLogOptions, PartitionLogOptions } from './log-types.js';
import { PartitionLog, type OpenedLog } from './partition-log.js';
import { readPartitionMetadata, writePartitionMetadata } from './partition-metadata.js';
import type { StorageEvent } from './storage-events.js';
import { PartitionTable } from './partition-table.js';

export interface LogDirOptions {
  fs: FileSystem;
  path: string;
  /** The runtime's clock. */
  nowMs: () => number;
  /** The effective config of a topic's logs (topic overrides over broker defaults). */
  configFor: (topic: string) => LogConfig;
  /** Descriptors the logs may hold open at once (default DEFAULT_MAX_OPEN_FILES). */
  maxOpenFiles?: number;
  /** Receives what the logs find after opening (a corrupt producer snapshot). */
  onEvent?: (e: StorageEvent) => void;
}

/** Logs flushed, closed or swept by retention at once. */
const CONCURRENT_LOGS = 32;
/** Partition directories created per turn of the event loop: a few milliseconds of mkdirs. */
const MKDIRS_PER_TURN = 32;
/** Bytes of a crashed log's recovery per slice when the runtime opens logs in the background:
 * a few milliseconds of the event loop at the scan's 1-2 GB/s. */
export const RECOVERY_SLICE_BYTES = 4 << 20;

export interface OpenedLogDir {
  logDir: LogDir;
  /** Recovery events of every log, for the runtime to log. */
  events: StorageEvent[];
  hadCleanShutdown: boolean;
  /** The broker epoch the clean shutdown marker names (-1: none, or an unclean shutdown): the broker
   * registers with it, and its controller knows that incarnation's logs were closed whole. */
  previousBrokerEpoch: number;
}

type OffsetsByPartition = Map<string, number>;

/** A partition directory listed at the start, not opened yet, with its checkpointed offsets. */
interface UnopenedLog {
  topic: string;
  partition: number;
  recoveryPoint: number | undefined;
  logStartOffset: number | undefined;
  /** Its directory was listed (open() drops checkpointed partitions whose directory is gone). */
  listed: boolean;
}

export class LogDir {
  private readonly logs = new Map<string, PartitionLog>();
  private readonly unopened = new PartitionTable<UnopenedLog>();
  /** Logs whose opening failed: every later get() throws the same error. */
  private readonly failed = new Map<string, LogOfflineError>();
  private readonly creating = new Map<string, Promise<PartitionLog>>();
  private readonly fs: HandleCache;
  private readonly checkpointer: CoalescedTask;
  /** fsync of this directory, shared by the partition directories created while one is pending. */
  private readonly syncer: CoalescedTask;
  private deletions = 0;
  /** Doomed partition directories being removed (see removeInBackground). */
  private readonly removals = new BackgroundWork();
  /** The unopened logs were left by a crash: each is recovered when it opens. */
  private recoverOnOpen = false;
  /** Unopened logs whose recovery prepare() began, by directory name: still unopened until done. */
  private readonly recovering = new Map<string, Generator<void, OpenedLog>>();
  /** The log cleaner's progress per compacted log ("<topic>-<partition>" => first dirty offset). */
  private cleanerOffsets: OffsetsByPartition = new Map();
  private readonly mkdirTurns = new TurnBudget(MKDIRS_PER_TURN);
  /** Shared by every log, rather than a closure each. */
  private readonly persistLogStartOffset = (): Promise<void> => this.checkpoint();

  private constructor(private readonly options: LogDirOptions) {
    this.fs = new HandleCache(options.fs, options.maxOpenFiles);
    this.checkpointer = new CoalescedTask(() => this.writeCheckpoints());
    this.syncer = new CoalescedTask(() => this.fs.syncDir(this.path));
  }

  /** Opens the directory, creating it if missing. It only lists the partition logs: each opens on
   * first use, recovered first if the last shutdown was not clean. */
  static async open(options: LogDirOptions): Promise<OpenedLogDir> {
    const logDir = new LogDir(options);
    const { fs } = logDir;
    const { path } = options;
    if (fs.stat(path) === undefined) {
      fs.mkdir(path);
      await fs.syncDir(parentPath(path));
    }
    // Listed on the thread pool while the checkpoints are read and parsed here: at 100,000
    // partitions each took 70-100 ms, one after the other. (Handled at once: a checkpoint that
    // fails to read ends the opening before the listing is awaited.)
    const listing = fs.readdirAsync?.(path);
    listing?.catch(() => undefined);
    const events: StorageEvent[] = [];
    const markerPath = joinPath(path, CLEAN_SHUTDOWN_FILE);
    const hadCleanShutdown = fs.stat(markerPath) !== undefined;
    const previousBrokerEpoch = hadCleanShutdown ? markerBrokerEpoch(fs.readFile(markerPath)) : -1;
    const logStarts = logDir.readOffsetLines(LOG_START_OFFSET_CHECKPOINT, events);
    const recoveries = logDir.readOffsetLines(RECOVERY_POINT_CHECKPOINT, events);
    logDir.cleanerOffsets = offsetsByName(logDir.readOffsetLines(CLEANER_OFFSET_CHECKPOINT, events));
    // The checkpoints' entries become the unopened logs, each found once per checkpoint line and
    // once per directory entry: looking both offsets up for each directory entry, then setting its
    // entry, took 130 ms more at 100,000 partitions.
    logDir.checkpointedEntries(recoveries, logStarts);
    // After a crash each log is recovered when it opens (first use, or the runtime's background
    // opening), from its checkpointed recovery point: a start with 20,000 partitions that
    // recovered every log first took 3.5 s instead of 0.9.
    logDir.recoverOnOpen = !hadCleanShutdown;
    // Entries marked listed, to know whether any checkpointed partition lost its directory.
    let listed = 0;
    for (const name of listing !== undefined ? await listing : fs.readdir(path)) {
      if (name.endsWith(DELETE_DIR_SUFFIX)) {
        const doomed = joinPath(path, name);
        if (fs.stat(doomed)?.isDirectory) await removeDir(fs, doomed, () => logDir.syncer.run());
        continue;
      }
      // No stat of each entry: a file with a partition directory's name fails its opening, later.
      const id = parsePartitionDirName(name);
      if (id === undefined) continue;
      const checkpointed = logDir.unopened.get(id.topic, id.partition);
      if (checkpointed === undefined) logDir.unopened.set(id.topic, id.partition, { topic: id.topic, partition: id.partition, recoveryPoint: undefined, logStartOffset: undefined, listed: true });
      else if (!checkpointed.listed) checkpointed.listed = true;
      else continue;
      listed++;
    }
    // Checkpointed partitions whose directory is gone (none, usually: then no pass over them all).
    if (listed < logDir.unopened.size) {
      logDir.unopened.forEach((entry) => {
        if (!entry.listed) logDir.unopened.delete(entry.topic, entry.partition);
      });
    }
    if (hadCleanShutdown) {
      fs.unlink(markerPath);
      await fs.syncDir(path);
    }
    return { logDir, events, hadCleanShutdown, previousBrokerEpoch };
  }

  get path(): string {
    return this.options.path;
  }

  /** The volume the directory is on (DescribeLogDirs), where the file system can tell. */
  volume(): VolumeSpace | undefined {
    return this.fs.volume?.(this.path);
  }

  /** Descriptors the logs hold open now (at most maxOpenFiles, but for syncs in flight). */
  get openFiles(): number {
    return this.fs.openFiles;
  }

  /** Whether the directory has the partition's log (opened or not). */
  has(topic: string, partition: number): boolean {
    // Unopened first: after a restart that is where the logs are, and it needs no name.
    return this.unopened.get(topic, partition) !== undefined || this.logs.has(partitionDirName(topic, partition));
  }

  /**
   * The partition's log, opened now if it was not yet; undefined if the directory has none. With
   * `topicId`, a log not opened yet whose partition.metadata names another topic id (the topic was
   * deleted and re-created under its name while this broker was down) is replaced by an empty one.
   * Throws LogOfflineError if the log cannot be opened.
   */
  get(topic: string, partition: number, topicId?: string): PartitionLog | undefined {
    const name = partitionDirName(topic, partition);
    const entry = this.unopened.get(topic, partition);
    if (entry === undefined) {
      const failure = this.failed.get(name);
      if (failure !== undefined) throw failure;
      return this.logs.get(name);
    }
    const steps = this.recovering.get(name);
    return this.opening(name, entry, () => steps !== undefined ? this.opened(runToEnd(steps)) : this.openUnopened(name, entry, topicId));
  }

  /**
   * Recovers one slice (RECOVERY_SLICE_BYTES) of an unopened log; true once it is open (or needs
   * no recovery, or failed: get() then throws). The runtime's background opening calls this first,
   * a slice per turn of the event loop, so a log a crash left with much to scan (0.3-1 s per GB)
   * holds requests for a few milliseconds at a time, not for all of it; a get() meanwhile
   * finishes the scan at once. Without `topicId` (nothing to tell a stray of a re-created topic
   * by) it leaves all to get().
   */
  prepare(topic: string, partition: number, topicId: string | undefined): boolean {
    const entry = this.unopened.get(topic, partition);
    if (entry === undefined || !this.recoverOnOpen || topicId === undefined) return true;
    const name = partitionDirName(topic, partition);
    let steps = this.recovering.get(name);
    if (steps === undefined) {
      const dir = joinPath(this.path, name);
      const found = readPartitionMetadata(this.fs, dir);
      if (found !== undefined && found !== topicId) return true;
      steps = PartitionLog.openSteps(dir, topic, partition, this.openOptions(entry), RECOVERY_SLICE_BYTES);
      this.recovering.set(name, steps);
    }
    let step: IteratorResult<void, OpenedLog>;
    try {
      step = steps.next();
    } catch (err) {
      try {
        this.opening(name, entry, () => { throw err; });
      } catch {
        // Offline now: get() throws it.
      }
      return true;
    }
    if (step.done !== true) return false;
    const opened = step.value;
    this.opening(name, entry, () => this.opened(opened));
    return true;
  }

  /** Moves an unopened log to the open ones with what `open` gives, or to the failed ones. */
  private opening(name: string, entry: UnopenedLog, open: () => PartitionLog): PartitionLog {
    this.unopened.delete(entry.topic, entry.partition);
    try {
      const opened = open();
      this.logs.set(name, opened);
      return opened;
    } catch (err) {
      const offline = new LogOfflineError(joinPath(this.path, name), { cause: err });
      this.failed.set(name, offline);
      this.options.onEvent?.({ kind: 'logOpenFailed', dir: offline.dir, reason: err instanceof Error ? err.message : String(err) });
      throw offline;
    } finally {
      this.recovering.delete(name);
    }
  }

  /** Finishes the recoveries prepare() began (before a deletion or the close), failures kept. */
  private finishRecovery(name?: string): void {
    for (const [n] of this.recovering) {
      if (name !== undefined && n !== name) continue;
      const id = parsePartitionDirName(n)!;
      try {
        this.get(id.topic, id.partition);
      } catch {
        // Offline now, as get() leaves it.
      }
    }
  }

  /**
   * The partition's log if it is open; 'unopened' if the directory has it but it is not open yet
   * (get opens it); else undefined. One lookup where `has` and then `opened` take two (100,000
   * partitions at a restart). Never opens one itself.
   */
  lazy(topic: string, partition: number): PartitionLog | 'unopened' | undefined {
    if (this.unopened.get(topic, partition) !== undefined) return 'unopened';
    return this.logs.get(partitionDirName(topic, partition));
  }

  /** Logs not opened yet (listed at the start, not used since). */
  get unopenedCount(): number {
    return this.unopened.size;
  }

  /** The partitions this directory has logs of, opened or not. */
  partitions(): { readonly topic: string; readonly partition: number }[] {
    const all: { readonly topic: string; readonly partition: number }[] = [...this.logs.values()];
    this.unopened.forEach((log) => all.push(log));
    return all;
  }

  /** The logs opened so far. */
  all(): PartitionLog[] {
    return [...this.logs.values()];
  }

  /** The partition's log, created empty if this directory has none, with `config` (default: the
   * options' configFor). Callers creating many logs of a topic pass one config object for all.
   * A new directory records `topicId` in its partition.metadata file, as Kafka's does. */
  async getOrCreate(topic: string, partition: number, config?: LogConfig, topicId?: string): Promise<PartitionLog> {
    const name = partitionDirName(topic, partition);
    const existing = this.get(topic, partition, topicId) ?? this.creating.get(name);
    if (existing !== undefined) return existing;
    const creating = this.create(topic, partition, name, config ?? this.options.configFor(topic), topicId);
    this.creating.set(name, creating);
    try {
      const log = await creating;
      this.logs.set(name, log);
      return log;
    } finally {
      this.creating.delete(name);
    }
  }

  /** Closes and deletes a partition's log: renamed to `<name>.<n>-delete` first (durably), so a
   * crash mid-way leaves no half-deleted log to load; open() finishes such deletions. Resolves once
   * the rename is durable; the files are removed in the background, off the event loop (a topic
   * of a few GB took the event loop seconds to unlink, long enough for the metadata quorum to
   * elect another leader). */
  async delete(topic: string, partition: number): Promise<void> {
    const name = partitionDirName(topic, partition);
    this.finishRecovery(name);
    const log = this.logs.get(name);
    if (log !== undefined) {
      this.logs.delete(name);
      await log.discard();
    } else if (!this.unopened.delete(topic, partition) && !this.failed.delete(name)) {
      return;
    }
    const doomed = this.doom(name);
    await this.syncer.run();
    this.removeInBackground(doomed);
    await this.checkpoint();
  }

  /** Removes a doomed directory in the background; close() waits for it. */
  private removeInBackground(doomed: string): void {
    this.removals.start(removeDir(this.fs, doomed, () => this.syncer.run()));
  }

  /** Renames a partition directory to its `-delete` name (durable once the directory is synced). */
  private doom(name: string): string {
    const uniqueId = `${this.options.nowMs().toString(16)}${this.deletions++}`;
    const doomed = joinPath(this.path, `${name}.${uniqueId}${DELETE_DIR_SUFFIX}`);
    this.fs.rename(joinPath(this.path, name), doomed);
    return doomed;
  }

  /** Rewrites both offset checkpoints (the runtime calls this periodically, as Kafka does). */
  checkpoint(): Promise<void> {
    return this.checkpointer.run();
  }

  /** Where the log cleaner left `log`'s dirty part, as checkpointed (Kafka's cleaner-offset-checkpoint). */
  cleanerOffset(log: PartitionLog): number | undefined {
    return this.cleanerOffsets.get(partitionDirName(log.topic, log.partition));
  }

  /** Records the log cleaner's progress and rewrites the checkpoints. */
  setCleanerOffset(log: PartitionLog, offset: number): Promise<void> {
    this.cleanerOffsets.set(partitionDirName(log.topic, log.partition), offset);
    return this.checkpoint();
  }

  /** flush.ms for every log; returns how many flushed. */
  async flushDue(): Promise<number> {
    const due = this.all().filter((log) => log.isFlushDue);
    await forEachConcurrently(due, CONCURRENT_LOGS, (log) => log.flush());
    return due.length;
  }

  /** Retention for every log. */
  async deleteOldSegments(): Promise<StorageEvent[]> {
    const events: StorageEvent[] = [];
    await forEachConcurrently(this.all(), CONCURRENT_LOGS, async (log) => {
      const event = await log.deleteOldSegments();
      if (event !== undefined) events.push(event);
    });
    return events;
  }

  /** Flushes and closes every log, checkpoints, then writes the clean shutdown marker naming the
   * broker epoch the logs were closed under (-1 when the broker never registered): unless a log a
   * crash left was not recovered since. */
  async close(brokerEpoch = -1): Promise<void> {
    this.finishRecovery();
    await forEachConcurrently(this.all(), CONCURRENT_LOGS, (log) => log.close());
    await this.removals.settled();
    await this.checkpoint();
    // After a crash, a log not opened since (or whose recovery failed) is not whole: with the
    // marker the next start would trust it as it is. Without, it recovers it, and the controller
    // takes the stop for an unclean one, as it was for that log.
    const recoveryOwed = this.recoverOnOpen && (this.unopened.size > 0 || this.failed.size > 0);
    if (!recoveryOwed) {
      await this.fs.writeFileAtomic(joinPath(this.path, CLEAN_SHUTDOWN_FILE), Buffer.from(JSON.stringify({ version: 0, brokerEpoch })));
    }
    this.logs.clear();
  }

  /**
   * mkdir, then a share of one fsync of this directory, then a log that touches no file yet. No
   * check that the directory is new: open() loaded every one there was, and a stray one holding a
   * segment fails the first append (a segment file is never created over data).
   */
  private async create(topic: string, partition: number, name: string, config: LogConfig, topicId?: string): Promise<PartitionLog> {
    const dir = joinPath(this.path, name);
    await this.mkdirTurns.take();
    this.fs.mkdir(dir);
    if (topicId !== undefined) writePartitionMetadata(this.fs, dir, topicId);
    await this.syncer.run();
    return PartitionLog.inNewDir(dir, topic, partition, this.logOptions(config));
  }

  private logOptions(config: LogConfig): PartitionLogOptions {
    const { nowMs, onEvent } = this.options;
    return { fs: this.fs, config, nowMs, persistLogStartOffset: this.persistLogStartOffset, onEvent };
  }

  private async writeCheckpoints(): Promise<void> {
    // Logs not opened yet keep the offsets they were listed with.
    const write = (fileName: string, offset: (log: PartitionLog) => number | undefined, unopened: (log: UnopenedLog) => number | undefined): Promise<void> => {
      const entries: [string, number, number][] = [];
      for (const log of this.logs.values()) {
        const value = offset(log);
        if (value !== undefined) entries.push([log.topic, log.partition, value]);
      }
      this.unopened.forEach((log) => {
        const value = unopened(log);
        if (value !== undefined) entries.push([log.topic, log.partition, value]);
      });
      return this.fs.writeFileAtomic(joinPath(this.path, fileName), formatCheckpoint(entries));
    };
    const writes = [
      write(LOG_START_OFFSET_CHECKPOINT, (log) => log.logStartOffset, (log) => log.logStartOffset),
      write(RECOVERY_POINT_CHECKPOINT, (log) => log.recoveryPoint, (log) => log.recoveryPoint),
    ];
    // Written once a log has been cleaned, as Kafka does; the entries of deleted logs go with them.
    if (this.cleanerOffsets.size > 0) {
      writes.push(write(CLEANER_OFFSET_CHECKPOINT, (log) => this.cleanerOffset(log), (log) => this.cleanerOffsets.get(partitionDirName(log.topic, log.partition))));
    }
    await Promise.all(writes);
  }

  /** Opens a log listed at the start; see get(). */
  private openUnopened(name: string, entry: UnopenedLog, topicId: string | undefined): PartitionLog {
    const { topic, partition } = entry;
    const dir = joinPath(this.path, name);
    const config = this.options.configFor(topic);
    if (topicId !== undefined) {
      const found = readPartitionMetadata(this.fs, dir);
      if (found !== undefined && found !== topicId) return this.replaceStray(name, entry, topicId, config);
    }
    return this.opened(PartitionLog.openNow(dir, topic, partition, this.openOptions(entry, config)));
  }

  private openOptions(entry: UnopenedLog, config = this.options.configFor(entry.topic)): OpenPartitionLogOptions {
    return { ...this.logOptions(config), hadCleanShutdown: !this.recoverOnOpen, recoveryPoint: entry.recoveryPoint, logStartOffset: entry.logStartOffset };
  }

  /** The log an opening gave, its events told. */
  private opened({ log, events }: OpenedLog): PartitionLog {
    for (const e of events) this.options.onEvent?.(e);
    return log;
  }

  /**
   * A stray of an older topic of the same name: its directory is renamed away and an empty log
   * takes its place at once. The rename and the new directory are durable before the new log's
   * first mutation; the old files are removed meanwhile (a crash before leaves a `-delete`
   * directory, which the next opening removes).
   */
  private replaceStray(name: string, entry: UnopenedLog, topicId: string, config: LogConfig): PartitionLog {
    const doomed = this.doom(name);
    const dir = joinPath(this.path, name);
    this.fs.mkdir(dir);
    writePartitionMetadata(this.fs, dir, topicId);
    this.options.onEvent?.({ kind: 'strayReplaced', dir, doomed });
    const durable = this.syncer.run();
    durable.then(() => this.removeInBackground(doomed), () => undefined);
    return PartitionLog.inNewDir(dir, entry.topic, entry.partition, { ...this.logOptions(config), pending: durable });
  }

  /** A checkpoint's entries; none when it is missing or malformed (with an event for the latter). */
  private readOffsetLines(fileName: string, events: StorageEvent[]): OffsetLines {
    const path = joinPath(this.path, fileName);
    const none = { topics: [], partitions: [], offsets: [] };
    if (this.fs.stat(path) === undefined) return none;
    const lines = parseOffsetLines(this.fs.readFile(path).toString('utf8'));
    if (lines !== undefined) return lines;
    events.push({ kind: 'checkpointMalformed', path });
    return none;
  }

  /** Fills `unopened` with an entry per checkpointed partition, not listed yet (a later line for
   * the same partition wins, as in a Map). Lines no directory name parses back to are left out. */
  private checkpointedEntries(recoveries: OffsetLines, logStarts: OffsetLines): void {
    const named = (topic: string, partition: number): boolean => topic !== '' && partition <= 0x7fffffff;
    for (let i = 0; i < recoveries.topics.length; i++) {
      const topic = recoveries.topics[i]!;
      const partition = recoveries.partitions[i]!;
      if (named(topic, partition)) this.unopened.set(topic, partition, { topic, partition, recoveryPoint: recoveries.offsets[i], logStartOffset: undefined, listed: false });
    }
    for (let i = 0; i < logStarts.topics.length; i++) {
      const topic = logStarts.topics[i]!;
      const partition = logStarts.partitions[i]!;
      if (!named(topic, partition)) continue;
      const entry = this.unopened.get(topic, partition);
      if (entry !== undefined) entry.logStartOffset = logStarts.offsets[i];
      else this.unopened.set(topic, partition, { topic, partition, recoveryPoint: undefined, logStartOffset: logStarts.offsets[i], listed: false });
    }
  }
}

function offsetsByName(lines: OffsetLines): OffsetsByPartition {
  const offsets: OffsetsByPartition = new Map();
  for (let i = 0; i < lines.topics.length; i++) offsets.set(partitionDirName(lines.topics[i]!, lines.partitions[i]!), lines.offsets[i]!);
  return offsets;
}

/** Deletes a partition directory's files, then the directory, then syncs its parent. */
async function removeDir(fs: FileSystem, path: string, syncParent: () => Promise<void>): Promise<void> {
  for (const name of fs.readdir(path)) await fs.unlinkAsync(joinPath(path, name));
  fs.rmdir(path);
  await syncParent();
}

/** The marker's broker epoch, or -1 when it names none (empty, as older versions wrote it, or not
 * the JSON Kafka writes). */
function markerBrokerEpoch(content: Buffer): number {
  try {
    const epoch = (JSON.parse(content.toString('utf8')) as { brokerEpoch?: unknown }).brokerEpoch;
    return typeof epoch === 'number' && Number.isSafeInteger(epoch) && epoch >= 0 ? epoch : -1;
  } catch {
    return -1;
  }
}
