// One simulated node running the REAL KRaft driver: RaftQuorum with its quorum-state file, snapshot
// files and segmented metadata log, over an in-memory disk that outlives the process. Each start is
// a new incarnation (a process): it recovers the log dir from what the disk kept, and its timers,
// sockets and file calls die with it. The simulation decides when it crashes, loses power mid-write
// or pauses (a frozen process: its events wait until it thaws).
import { createLogger, type Logger } from '../../../src/logger.js';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { recordsOf } from '../../../src/metadata/metadata-batch.js';
import { MetadataRecordType, record, type AnyMetadataRecord } from '../../../src/metadata/records.js';
import type { CommittedBatch, QuorumListener } from '../../../src/kraft/metadata-quorum.js';
import type { QuorumTimers } from '../../../src/kraft/quorum-timers.js';
import { RaftQuorum } from '../../../src/kraft/raft-quorum.js';
import type { RaftConfig } from '../../../src/raft/config.js';
import type { OutboundRequest } from '../../../src/raft/messages.js';
import type { Prng } from '../prng.js';
import { bootstrapVotersSnapshot } from '../../../src/kraft/voters-snapshot.js';
import { snapshotFileStem } from '../../../src/raft/log-seams.js';
import type { VoterSet } from '../../../src/raft/voter-set.js';
import { PowerCut, PowerCutFileSystem } from './power-cut-fs.js';

export const DATA_DIR = '/data';
export const METADATA_TOPIC = '__cluster_metadata';

export interface DriverHost {
  readonly nowMs: number;
  readonly maxDiskLatencyMs: number;
  /** Bumped by every file call and scheduled event: unchanged over a turn means all are waiting. */
  activity: number;
  schedule(atMs: number, run: () => void): void;
  note(text: string): void;
  /** Sends a Raft request of `from`'s incarnation over the simulated network. */
  request(from: DriverNode, incarnation: number, message: OutboundRequest): Promise<unknown>;
  /** Something a correct node never does (an error log, a failed start); fails the run. */
  fail(message: string): void;
  /** The log would be truncated to `offset`: the checker objects if that is below what it verified. */
  onTruncate(node: DriverNode, offset: number): void;
  onApplied(node: DriverNode, fromOffset: number): void;
}

/** The id of a simulated proposal or control record: "<epoch>/<value>" or "<epoch>/ctl". */
export function entryIdsOf(batch: CommittedBatch): string[] {
  const count = batch.lastOffset - batch.baseOffset + 1;
  if (batch.recordCount === 0) return Array.from({ length: count }, () => `${batch.epoch}/ctl`);
  return recordsOf([batch]).map((r) => `${batch.epoch}/${(r.data as { name: string }).name}`);
}

export function valueRecord(name: string): AnyMetadataRecord {
  return record(MetadataRecordType.CONFIG, { resourceType: 2, resourceName: 'sim', name, value: null });
}

export class DriverNode {
  readonly disk = new MemoryFileSystem();
  incarnation = 0;
  alive = false;
  /** start() of this incarnation is done: the quorum runs. */
  started = false;
  pausedUntilMs = 0;
  quorum: RaftQuorum | undefined;
  log: PartitionLog | undefined;
  /** Entry ids of offsets 0.. as this incarnation applied them (snapshot, then commits). */
  applied: string[] = [];
  /** Epoch in which this incarnation's controller was told it leads, if it does. */
  activeEpoch: number | undefined;
  private fs: PowerCutFileSystem | undefined;
  /** Async work of this incarnation the simulation waits for before its next event. */
  private readonly work = new Set<Promise<unknown>>();

  constructor(
    readonly id: number,
    private readonly config: RaftConfig,
    private readonly logConfig: LogConfig,
    private readonly host: DriverHost,
    private readonly prng: Prng,
  ) {}

  get metadataDir(): string {
    return `${DATA_DIR}/${METADATA_TOPIC}-0`;
  }

  /** Nothing of this incarnation can move before virtual time does: it is dead, has nothing in
   * flight, or waits for an fsync's latency. */
  get atRest(): boolean {
    return !this.alive || (this.work.size === 0 && (this.quorum?.idle ?? true)) || (this.fs?.waiting ?? 0) > 0;
  }

  get paused(): boolean {
    return this.pausedUntilMs > this.host.nowMs;
  }

  get diskSteps(): number {
    return this.fs?.steps ?? 0;
  }

  start(): void {
    const inc = ++this.incarnation;
    this.alive = true;
    this.started = false;
    this.pausedUntilMs = 0;
    this.applied = [];
    this.activeEpoch = undefined;
    this.fs = new PowerCutFileSystem(this.disk, () => this.die('power cut'), () => this.diskLatency(inc), () => this.host.activity++);
    this.track(this.open(inc, this.fs));
  }

  /** The power goes before this incarnation's `steps`-th next disk step. */
  cutPowerAfter(steps: number): void {
    this.fs?.cutAfter(steps);
  }

  cancelPowerCut(): void {
    this.fs?.cancelCut();
  }

  /** Power loss now, between two events: unsynced writes are lost. */
  crash(): void {
    if (!this.alive) return;
    this.fs?.bury();
    this.die('crash');
  }

  /** Runs `fn` as an event of incarnation `inc`: dropped if it died, delayed while it is frozen. */
  run(inc: number, fn: () => void): void {
    if (inc !== this.incarnation || !this.alive) return;
    if (this.paused) {
      this.host.schedule(this.pausedUntilMs, () => this.run(inc, fn));
      return;
    }
    fn();
  }

  track(promise: Promise<unknown>): void {
    // The power may have gone while the call that made `promise` ran: a dead process waits for nothing.
    if (!this.alive) {
      promise.catch(() => undefined);
      return;
    }
    const inc = this.incarnation;
    const tracked = promise.catch((err: unknown) => {
      if (inc === this.incarnation && this.alive && !(err instanceof PowerCut)) this.host.fail(`node ${this.id}: ${String(err)}`);
    }).finally(() => this.work.delete(tracked));
    this.work.add(tracked);
  }

  /** `kraftling format --initial-controllers`: the bootstrap snapshot with the initial voters (KIP-853). */
  async format(voters: VoterSet): Promise<void> {
    // Directory entries are durable only once their parent is synced (as format does on disk).
    this.disk.mkdir(DATA_DIR);
    await this.disk.syncDir('/');
    this.disk.mkdir(this.metadataDir);
    await this.disk.syncDir(DATA_DIR);
    await this.disk.writeFileAtomic(`${this.metadataDir}/${snapshotFileStem({ endOffset: 0, epoch: 0 })}.checkpoint`, bootstrapVotersSnapshot(voters, 0));
  }

  /** The state machine snapshots what it applied; the driver keeps `retainBytes` of log beyond it. */
  writeSnapshot(retainBytes: number): void {
    const quorum = this.quorum;
    if (!this.started || this.paused || quorum === undefined || this.applied.length === 0) return;
    const lastOffset = this.applied.length - 1;
    const last = this.applied[lastOffset]!;
    const epoch = Number(last.slice(0, last.indexOf('/')));
    this.host.note(`node ${this.id} writes snapshot ${lastOffset + 1}-${epoch}`);
    this.track(quorum.writeSnapshot(this.applied.map(valueRecord), lastOffset, epoch, retainBytes));
  }

  /** An fsync takes 0 to maxDiskLatencyMs of virtual time (events of the process wait while it is frozen). */
  private diskLatency(inc: number): Promise<void> {
    return new Promise((resolve) => {
      this.host.schedule(this.host.nowMs + this.prng.int(0, this.host.maxDiskLatencyMs), () => this.run(inc, resolve));
    });
  }

  private die(how: string): void {
    this.host.note(`node ${this.id} ${how} (incarnation ${this.incarnation}, ${this.diskSteps} disk steps)`);
    this.alive = false;
    this.started = false;
    this.quorum = undefined;
    this.log = undefined;
    this.work.clear();
    const torn = this.prng.split(this.incarnation);
    this.disk.crash({ random: () => torn.next() });
  }

  private async open(inc: number, fs: PowerCutFileSystem): Promise<void> {
    const { logDir } = await LogDir.open({ fs, path: DATA_DIR, nowMs: () => this.host.nowMs, configFor: () => this.logConfig });
    const log = this.guardTruncation(await logDir.getOrCreate(METADATA_TOPIC, 0));
    const random = this.prng.split(1000 + inc);
    const quorum = new RaftQuorum({
      config: this.config, fs, log, dir: log.dir,
      transport: { send: (m) => this.host.request(this, inc, m) },
      nowMs: () => this.host.nowMs, random: () => random.next(), logger: this.logger(inc), timers: this.timers(inc),
    });
    if (inc !== this.incarnation) return;
    this.log = log;
    this.quorum = quorum;
    await quorum.start(this.listener(inc));
    if (inc === this.incarnation && this.alive) this.started = true;
  }

  private listener(inc: number): QuorumListener {
    const mine = () => inc === this.incarnation && this.alive;
    return {
      onSnapshot: (batches, endOffset) => {
        if (!mine()) return;
        this.applied = recordsOf(batches).map((r) => (r.data as { name: string }).name);
        if (this.applied.length !== endOffset) this.host.fail(`node ${this.id}: snapshot ${endOffset} holds ${this.applied.length} entries`);
        this.host.onApplied(this, 0);
      },
      onCommit: (batch) => {
        if (!mine()) return;
        const from = this.applied.length;
        if (batch.baseOffset > from) this.host.fail(`node ${this.id}: committed batch at ${batch.baseOffset} after ${from} applied`);
        entryIdsOf(batch).forEach((id, i) => {
          if (batch.baseOffset + i >= from) this.applied.push(id);
        });
        this.host.onApplied(this, from);
      },
      onCommitsDone: () => undefined,
      onLeaderChange: (state, isLocal) => {
        if (mine()) this.activeEpoch = isLocal ? state.epoch : undefined;
      },
    };
  }

  private timers(inc: number): QuorumTimers {
    return {
      setTimeout: (run, delayMs) => {
        const handle = { cancelled: false };
        this.host.schedule(this.host.nowMs + delayMs, () => this.run(inc, () => handle.cancelled || run()));
        return handle;
      },
      clearTimeout: (handle) => {
        if (handle !== undefined) (handle as { cancelled: boolean }).cancelled = true;
      },
    };
  }

  /** Error logs of a live incarnation fail the run: a correct driver logs none in the simulation. */
  private logger(inc: number): Logger {
    const stream = {
      write: (line: string) => {
        const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string } };
        if (inc !== this.incarnation || !this.alive) return;
        this.host.note(`node ${this.id} log: ${entry.msg}${entry.err ? ` (${entry.err.message})` : ''}`);
        if (entry.level >= 50) this.host.fail(`node ${this.id} logged an error: ${entry.msg}${entry.err ? `: ${entry.err.message}` : ''}`);
      },
    };
    return createLogger({ level: 'info', pretty: false, destination: stream });
  }

  /** The log as the driver sees it, with each truncation shown to the checker first. */
  private guardTruncation(log: PartitionLog): PartitionLog {
    return new Proxy(log, {
      get: (target, prop) => {
        if (prop === 'truncateTo' || prop === 'truncateFullyAndStartAt') {
          return (offset: number) => {
            this.host.onTruncate(this, offset);
            return target[prop](offset);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

export { DEFAULT_LOG_CONFIG };
