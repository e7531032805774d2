// One simulated broker: the real ReplicaManager, Partition, produce and fetch paths and the real
// replica fetchers, over a real LogDir on its own in-memory file system. A power cut loses what was
// not synced and kills this incarnation (its pending promises never settle, as in a dead process);
// a restart reopens the log directory (recovery), registers again for a new broker epoch and
// follows the images the controller hands out in heartbeat responses.
import { defaultBrokerHeartbeatRequest } from '../../../protocol/generated/api/63-broker-heartbeat.js';
import { defaultBrokerRegistrationRequest } from '../../../protocol/generated/api/62-broker-registration.js';
import type { FetchRequest, FetchResponse, PartitionData } from '../../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { StorageEvent } from '../../../storage/storage-events.js';
import type { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { fetchContext, partitionNews, sessionAnswer, type FetchContext } from '../../../src/broker/fetch-session-context.js';
import { fetch, UNCHANGED, type FetchPartitionOutput } from '../../../src/replication/fetch.js';
import type { Partition } from '../../../src/replication/partition.js';
import type { PartitionProduceResult } from '../../../src/replication/produce.js';
import type { TxnMarker } from '../../../src/replication/txn-markers.js';
import { ReplicaFetchers } from '../../../src/replication/replica-fetcher.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { logConfigFor } from '../../../src/replication/topic-settings.js';
import type { Prng } from '../prng.js';
import type { VirtualClock } from './clock.js';
import { CLUSTER_ID, TOPIC, type SimController } from './controller.js';
import { CONTROLLER, type DataNetwork } from './network.js';
import { ProcessFileSystem } from './process-fs.js';

export interface BrokerEnv {
  clock: VirtualClock;
  network: DataNetwork;
  controller: SimController;
  config: ServerConfig;
  brokers: () => readonly SimBroker[];
  note: (text: string) => void;
  /** A failure of the code under test outside any request (recovery at start, say). */
  fail: (err: Error) => void;
}

const HEARTBEAT_INTERVAL_MS = 100;
const REQUEST_TIMEOUT_MS = 500;
/** The broker-side acks=all wait never times out in virtual time: clients time out instead. */
const PRODUCE_TIMEOUT_MS = 2 ** 31 - 1;
/** The Fetch version the simulated requests stand for: topics by name (fetch sessions keyed by name). */
const SIM_FETCH_VERSION = 12;

export class SimBroker {
  /** The machine's disk, which outlives the broker's processes. */
  readonly fs = new MemoryFileSystem();
  private processFs: ProcessFileSystem | undefined;
  alive = false;
  incarnation = 0;
  brokerEpoch: number;
  rm: ReplicaManager | undefined;
  private logDir: LogDir | undefined;
  /** A graceful stop's close, until it is over (or a kill ends it). */
  private stopping: Promise<void> = Promise.resolve();
  private stopped: (() => void) | undefined;
  private starting = false;
  private fetchers: ReplicaFetchers | undefined;
  private queuedImage: MetadataImage = EMPTY_IMAGE;
  private applying: Promise<void> = Promise.resolve();
  appliedOffset = -1;
  private registering = false;
  /** Every ReplicaManager this broker ran, so the end of a run can release their waits. */
  readonly managers: ReplicaManager[] = [];

  constructor(readonly id: number, private readonly env: BrokerEnv, private readonly prng: Prng) {
    this.brokerEpoch = id;
  }

  private aliveCheck(): () => boolean {
    const inc = this.incarnation;
    return () => this.alive && this.incarnation === inc;
  }

  /** Opens (recovering) the log directory and starts the broker's loops. */
  async start(): Promise<void> {
    // Two restarts asked for while a graceful stop finishes (a fault's and the healing's) start once.
    if (this.starting) return;
    this.starting = true;
    await this.stopping;
    this.starting = false;
    if (this.alive) return;
    this.stopped = undefined;
    this.alive = true;
    this.incarnation++;
    const isAlive = this.aliveCheck();
    try {
      await this.open(isAlive);
    } catch (err) {
      // A start cut short by a kill fails on its dead file system: only a live one's failure counts.
      if (isAlive()) this.env.fail(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private async open(isAlive: () => boolean): Promise<void> {
    const { clock, config, network } = this.env;
    const logConfig = logConfigFor(config, { perBroker: new Map(), clusterDefault: new Map() }, new Map());
    this.processFs = new ProcessFileSystem(this.fs);
    // Recovery happens as each log opens (first use, after a kill): its events come then.
    const onEvent = (e: StorageEvent): void => this.env.note(`broker ${this.id}: storage ${e.kind}`);
    const { logDir, events } = await LogDir.open({ fs: this.processFs, path: '/data', nowMs: () => clock.nowMs, configFor: () => logConfig, onEvent });
    if (!isAlive()) return;
    for (const e of events) onEvent(e);
    const fetchers = new ReplicaFetchers(
      { fetch: (leaderId, req) => network.request(this.id, leaderId, isAlive, req.maxWaitMs + REQUEST_TIMEOUT_MS, () => this.peer(leaderId)?.serveFetch(req)) },
      // Fetches carry this incarnation's broker epoch (KIP-903), as a node's fetchers do.
      { nodeId: this.id, maxWaitMs: 100, maxBytesPerPartition: 8192, backoffMs: 100, sleep: (ms) => clock.sleep(ms, isAlive), brokerEpoch: () => this.brokerEpoch },
      () => undefined,
    );
    const rm = new ReplicaManager({
      nodeId: this.id, logDir, config, nowMs: () => clock.nowMs, fetchers,
      alterPartition: (req) => network.request(this.id, CONTROLLER, isAlive, REQUEST_TIMEOUT_MS, () => this.env.controller.alterPartition(req)),
      brokerEpoch: () => this.brokerEpoch,
    });
    this.fetchers = fetchers;
    this.rm = rm;
    this.logDir = logDir;
    this.managers.push(rm);
    this.queuedImage = EMPTY_IMAGE;
    this.applying = Promise.resolve();
    this.appliedOffset = -1;
    this.registering = false;
    this.heartbeatLoop(isAlive);
    this.isrLoop(isAlive, rm);
    this.producerExpiryLoop(isAlive, rm);
  }

  /** SIGKILL: the process and everything it awaited is gone; what it wrote stays in the page cache. */
  kill(): void {
    // A graceful stop in progress ends here: its close fails on the dead file system, or never ends.
    this.stopped?.();
    this.stopped = undefined;
    this.alive = false;
    this.processFs?.kill();
    this.fetchers?.stop();
    this.rm?.abandonAll();
    this.rm = undefined;
    this.brokerEpoch = -1;
  }

  /**
   * Graceful stop (SIGTERM): nothing is served any more, then the log directory closes (logs
   * flushed, checkpoints and the clean shutdown marker written), so the next start lists the logs
   * and opens each on first use. A kill or power cut meanwhile cuts the close short, as it would a
   * process's; a start waits until the stop is over either way.
   */
  stop(): void {
    const { logDir, processFs } = this;
    this.alive = false;
    this.fetchers?.stop();
    this.rm?.abandonAll();
    this.rm = undefined;
    this.brokerEpoch = -1;
    if (logDir === undefined || processFs === undefined) return;
    this.stopping = new Promise<void>((resolve) => {
      this.stopped = resolve;
      logDir.close().then(() => {
        processFs.kill();
        resolve();
      }, (err: unknown) => {
        // Only a close that failed on a live file system is the code's failure.
        if (this.stopped === resolve) this.env.fail(err instanceof Error ? err : new Error(String(err)));
        resolve();
      });
    });
  }

  /** Power cut: a kill that also loses every write not synced. */
  powerCut(): void {
    this.kill();
    this.fs.crash({ random: () => this.prng.next() });
  }

  private peer(id: number): SimBroker | undefined {
    return this.env.brokers().find((b) => b.id === id);
  }

  private heartbeatLoop(isAlive: () => boolean): void {
    const { clock, network, controller } = this.env;
    const beat = (): void => {
      if (!isAlive()) return;
      if (this.brokerEpoch < 0 && !this.registering) {
        // One registration at a time: a second one would take a newer epoch than the answer we keep.
        this.registering = true;
        const req = { ...defaultBrokerRegistrationRequest(), brokerId: this.id, clusterId: CLUSTER_ID, incarnationId: `b${this.id}-${this.incarnation}` };
        network.request(this.id, CONTROLLER, isAlive, REQUEST_TIMEOUT_MS, () => controller.register(req)).then((res) => {
          if (res.errorCode === ErrorCode.NONE && this.brokerEpoch < 0) this.brokerEpoch = res.brokerEpoch;
        }, () => undefined).finally(() => {
          if (isAlive()) this.registering = false;
        });
      } else if (this.brokerEpoch >= 0) {
        const req = { ...defaultBrokerHeartbeatRequest(), brokerId: this.id, brokerEpoch: this.brokerEpoch, currentMetadataOffset: this.appliedOffset };
        network.request(this.id, CONTROLLER, isAlive, REQUEST_TIMEOUT_MS, () => controller.heartbeat(req)).then(({ response, image }) => {
          if (response.errorCode === ErrorCode.STALE_BROKER_EPOCH || response.errorCode === ErrorCode.BROKER_ID_NOT_REGISTERED) this.brokerEpoch = -1;
          else this.offerImage(image);
        }, () => undefined);
      }
      clock.at(HEARTBEAT_INTERVAL_MS, beat);
    };
    beat();
  }

  /** Applies images in order, each once, as the metadata publisher does. */
  private offerImage(image: MetadataImage): void {
    const rm = this.rm;
    if (!rm || image.offset <= this.queuedImage.offset) return;
    const previous = this.queuedImage;
    this.queuedImage = image;
    this.applying = this.applying.then(() => rm.applyImage(image, previous)).then(
      () => { this.appliedOffset = image.offset; },
      (err: Error) => {
        if (this.rm === rm) this.env.fail(new Error(`broker ${this.id}: applying image ${image.offset} failed: ${err.message}`));
      },
    );
  }

  private isrLoop(isAlive: () => boolean, rm: ReplicaManager): void {
    const intervalMs = Math.max(50, Math.floor(this.env.config.int('replica.lag.time.max.ms') / 4));
    const check = (): void => {
      if (!isAlive()) return;
      rm.checkIsr();
      this.env.clock.at(intervalMs, check);
    };
    this.env.clock.at(intervalMs, check);
  }

  /** The node's producer id expiry check (producer.id.expiration.check.interval.ms), a few times per expiration. */
  private producerExpiryLoop(isAlive: () => boolean, rm: ReplicaManager): void {
    const intervalMs = Math.max(50, Math.floor(this.env.config.int('producer.id.expiration.ms') / 4));
    // A pass takes two partitions per step, as the node's takes a slice per turn: appends, fetches
    // and partition changes come between its steps.
    const check = (): void => {
      if (!isAlive()) return;
      const pass = rm.producerExpiryPass();
      const step = (): void => {
        if (!isAlive()) return;
        if (pass.step(2)) {
          this.env.clock.at(1, step);
          return;
        }
        if (pass.removed > 0) this.env.note(`broker ${this.id}: ${pass.removed} producer ids expired`);
        this.env.clock.at(intervalMs, check);
      };
      step();
    };
    this.env.clock.at(intervalMs, check);
  }

  partition(p: number): Partition | undefined {
    const found = this.rm?.lookup(TOPIC, p);
    return found && 'partition' in found ? found.partition : undefined;
  }

  /** A Fetch request at this broker (a follower's or a consumer's), with the long poll in virtual
   * time; fetch sessions (KIP-227) as the broker's Fetch handler keeps them (topics by name, v12). */
  serveFetch(req: FetchRequest): Promise<FetchResponse> | undefined {
    const rm = this.rm;
    if (!rm) return undefined;
    const isAlive = this.aliveCheck();
    const context = fetchContext(rm.fetchSessions, req, SIM_FETCH_VERSION, this.env.clock.nowMs);
    if (context.kind === 'error') {
      return Promise.resolve({ throttleTimeMs: 0, errorCode: context.errorCode, sessionId: 0, responses: [], nodeEndpoints: [] });
    }
    const partitions = context.partitions.map((p) => ({
      topic: p.topic, partition: p.partition, fetchOffset: p.fetchOffset, partitionMaxBytes: p.partitionMaxBytes,
      currentLeaderEpoch: p.currentLeaderEpoch, lastFetchedEpoch: p.lastFetchedEpoch, idle: p.idle,
    }));
    const input = {
      replicaId: req.replicaId, replicaEpoch: req.replicaState.replicaEpoch, maxWaitMs: 0, minBytes: req.minBytes, maxBytes: req.maxBytes,
      isolationLevel: req.isolationLevel, partitions,
      // v12 carries client metadata: a consumer may read from a follower (KIP-392).
      client: req.replicaId < 0 ? { rack: req.rackId, listener: 'PLAINTEXT' } : undefined,
    };
    const read = (): FetchPartitionOutput[] => fetch(rm, input) as FetchPartitionOutput[];
    const first = read();
    const ready = (outs: FetchPartitionOutput[]): boolean =>
      outs.some((o) => o.errorCode !== ErrorCode.NONE || o.divergingEpoch !== null || (o.records?.length ?? 0) > 0);
    if (req.maxWaitMs <= 0 || ready(first)) return Promise.resolve(this.fetchResponse(req, context, first));
    return new Promise((resolve) => {
      let done = false;
      const waitedOn: Partition[] = [];
      const finish = (): void => {
        if (done) return;
        done = true;
        for (const p of waitedOn) p.offData(finish);
        if (isAlive()) resolve(this.fetchResponse(req, context, read()));
      };
      for (const p of partitions) {
        const found = rm.lookup(p.topic, p.partition);
        if ('partition' in found) {
          found.partition.onData(finish);
          waitedOn.push(found.partition);
        }
      }
      this.env.clock.at(req.maxWaitMs, finish);
    });
  }

  private fetchResponse(req: FetchRequest, context: FetchContext, outs: FetchPartitionOutput[]): FetchResponse {
    const data = outs.map((out, i): PartitionData | undefined => out === UNCHANGED ? undefined : ({
      partitionIndex: context.kind === 'error' ? 0 : context.partitions[i]!.partition, errorCode: out.errorCode, highWatermark: out.highWatermark,
      lastStableOffset: out.lastStableOffset, logStartOffset: out.logStartOffset,
      divergingEpoch: out.divergingEpoch ?? { epoch: -1, endOffset: -1 },
      currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 },
      abortedTransactions: out.abortedTransactions ?? null, preferredReadReplica: -1,
      // The bytes leave the process: a copy, as a socket write makes.
      records: out.records === null ? null : Buffer.from(out.records),
    }));
    const news = data.map((d, i) => d && partitionNews(d, outs[i]!.idle));
    const { errorCode, sessionId, kept } = sessionAnswer(context, this.rm!.fetchSessions, news, req.replicaId >= 0, SIM_FETCH_VERSION, this.env.clock.nowMs);
    const partitions = data.filter((d, i): d is PartitionData => kept[i]! && d !== undefined);
    const responses = partitions.length === 0 ? [] : [{ topic: TOPIC, topicId: req.topics[0]?.topicId ?? 'AAAAAAAAAAAAAAAAAAAAAA', partitions }];
    return { throttleTimeMs: 0, errorCode, sessionId, responses, nodeEndpoints: [] };
  }

  /** An acks=all produce of one partition; the response is dropped if this incarnation dies first. */
  serveProduce(partition: number, records: Buffer): Promise<{ result: PartitionProduceResult; leaderEpoch: number } | undefined> | undefined {
    const rm = this.rm;
    if (!rm) return undefined;
    const isAlive = this.aliveCheck();
    const leaderEpoch = this.partition(partition)?.leaderEpoch ?? -1;
    const answer = rm.produce(TOPIC, partition, Buffer.from(records), { acks: -1, timeoutMs: PRODUCE_TIMEOUT_MS, requestVersion: 9 });
    return Promise.resolve(answer).then((result) => (isAlive() ? { result, leaderEpoch } : undefined));
  }
  /** WriteTxnMarkers for one partition, as a transaction coordinator sends it (acks=all); the
   * answer is dropped if this incarnation dies first. */
  serveMarker(partition: number, marker: TxnMarker): Promise<number | undefined> | undefined {
    const rm = this.rm;
    if (!rm) return undefined;
    const isAlive = this.aliveCheck();
    return rm.writeTxnMarker(TOPIC, partition, marker, PRODUCE_TIMEOUT_MS).then((code) => (isAlive() ? code : undefined));
  }

}
