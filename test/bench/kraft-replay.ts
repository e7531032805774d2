// Metadata log replay on start: a one-node broker with a persistent data directory gets a large
// metadata log through the admin API, stops gracefully, and starts again; it prints its ready line
// only once it has applied its whole log. Each large log is compared with a base log (the same
// first topics, nothing more): the replay rate is the extra records over the extra start time the
// broker prints (startup_ms), so process start-up and the base topics cancel out. Two large logs:
// many topics (after the graceful stop their partition logs open on first use, not before the
// ready line, and the broker, registering with the epoch it shut down under, keeps its leaderships);
// and config changes on the base topics, which change nothing else, so replay alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { IncrementalAlterConfigsApi } from '../../protocol/generated/api/44-incremental-alter-configs.js';
import { spawnBroker } from './broker-process.js';
import { describeQuorum } from './kraft-cluster.js';
import { BenchConnection } from './raw-client.js';
import { median, perSec, thousands, type BenchSettings, type Figure } from './report.js';

/** Topics in every log; also the records one config-change request adds. */
const BASE_TOPICS = 100;
const TOPICS_PER_REQUEST = 100;
/** Far above the logs built here: each start replays the log itself, not a snapshot. */
const SNAPSHOT_AFTER_BYTES = 1 << 30;
/** For the series whose start loads a snapshot, then the log after it: as a long-lived node starts. */
const SMALL_SNAPSHOT_AFTER_BYTES = 256 * 1024;
const RESOURCE_TOPIC = 2;
const OP_SET = 0;
const RETENTION_BASE_MS = 7 * 24 * 3_600_000;

/** One kind of metadata log: how to build it after the base topics exist. */
interface LogShape {
  label: string;
  build(conn: BenchConnection): Promise<void>;
  snapshotAfterBytes?: number;
}

interface Series {
  shape: LogShape;
  dataDir: string;
  /** The high watermark when the last session stopped: what the next start replays. */
  recordsAtStop: number;
  startupMs: number[];
  replayed: number[];
  /** The replay as each start logged it ("replayed the metadata log it started with"). */
  logged: { records: number; ms: number }[];
}

function brokerArgs(dataDir: string, snapshotAfterBytes = SNAPSHOT_AFTER_BYTES): string[] {
  return ['--data-dir', dataDir, '--port', '0', '--log-level', 'info',
    '--override', `metadata.log.max.record.bytes.between.snapshots=${snapshotAfterBytes}`];
}

async function createTopics(conn: BenchConnection, from: number, to: number): Promise<void> {
  for (let first = from; first < to; first += TOPICS_PER_REQUEST) {
    const names = Array.from({ length: Math.min(TOPICS_PER_REQUEST, to - first) }, (_, i) => `bench-replay-${first + i}`);
    const res = await conn.request(CreateTopicsApi, 7, {
      topics: names.map((name) => ({ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] })),
      timeoutMs: 60_000, validateOnly: false,
    });
    const failed = res.topics.find((t) => t.errorCode !== 0);
    if (failed) throw new Error(`CreateTopics ${failed.name}: error ${failed.errorCode} ${failed.errorMessage ?? ''}`);
  }
}

/** `rounds` IncrementalAlterConfigs requests, each setting retention.ms on every base topic: one ConfigRecord each. */
async function alterConfigs(conn: BenchConnection, rounds: number): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const resources = Array.from({ length: BASE_TOPICS }, (_, i) => ({
      resourceType: RESOURCE_TOPIC, resourceName: `bench-replay-${i}`,
      configs: [{ name: 'retention.ms', configOperation: OP_SET, value: String(RETENTION_BASE_MS + round) }],
    }));
    const res = await conn.request(IncrementalAlterConfigsApi, 1, { resources, validateOnly: false });
    const failed = res.responses.find((r) => r.errorCode !== 0);
    if (failed) throw new Error(`IncrementalAlterConfigs ${failed.resourceName}: error ${failed.errorCode} ${failed.errorMessage ?? ''}`);
  }
}

/** Starts the broker on the series' directory, optionally builds its log, then stops it gracefully. */
async function session(series: Series, build: boolean): Promise<void> {
  const broker = await spawnBroker(brokerArgs(series.dataDir, series.shape.snapshotAfterBytes), undefined, 120_000);
  try {
    if (build) {
      const conn = await BenchConnection.connect(broker.bootstrap);
      try {
        await createTopics(conn, 0, BASE_TOPICS);
        await series.shape.build(conn);
      } finally {
        conn.close();
      }
    } else {
      series.replayed.push(series.recordsAtStop);
      series.startupMs.push(broker.reportedStartupMs);
      series.logged.push(loggedReplay(broker.stderr()));
    }
    // One probe may go unanswered within its second on a busy machine: ask a few times.
    let quorum = await describeQuorum(broker.bootstrap);
    for (let i = 0; i < 9 && !quorum; i++) quorum = await describeQuorum(broker.bootstrap);
    if (!quorum) throw new Error('no DescribeQuorum answer from the replay broker in 10 tries');
    series.recordsAtStop = quorum.highWatermark;
  } finally {
    await broker.stop();
  }
}

/** The broker's own account of its replay at start, from its log line. */
export function loggedReplay(stderr: string): { records: number; ms: number } {
  for (const line of stderr.split('\n')) {
    if (!line.includes('replayed the metadata log it started with')) continue;
    const { records, ms } = JSON.parse(line) as { records: number; ms: number };
    return { records, ms };
  }
  throw new Error('the broker logged no replay of its metadata log');
}

function shapes(settings: BenchSettings): LogShape[] {
  return [
    { label: 'base', build: async () => {} },
    { label: 'topics', build: (conn) => createTopics(conn, BASE_TOPICS, settings.replayTopics) },
    { label: 'configs', build: (conn) => alterConfigs(conn, Math.round(settings.replayConfigRecords / BASE_TOPICS)) },
    { label: 'snapshot', build: (conn) => createTopics(conn, BASE_TOPICS, settings.replayTopics), snapshotAfterBytes: SMALL_SNAPSHOT_AFTER_BYTES },
  ];
}

function hasSnapshot(series: Series): boolean {
  return fs.readdirSync(path.join(series.dataDir, 'node-1', '__cluster_metadata-0')).some((f) => f.endsWith('.checkpoint'));
}

/** The replay as the node timed it: reading, decoding and applying the log it started with, up to
 * the image built (not the process start, the log directory, or hosting the partitions). */
function loggedFigure(name: string, series: Series, settings: BenchSettings): Figure {
  const rates = series.logged.map((l) => perSec(l.records, l.ms));
  return {
    group: 'kraft',
    name,
    value: `${thousands(median(rates))} records/s`,
    versus: `${thousands(median(series.logged.map((l) => l.records)))} records in ${median(series.logged.map((l) => l.ms)).toFixed(0)} ms`,
    generator: `the same restarts; the node's own log line ("replayed the metadata log it started with"): records over the time spent `
      + `reading, decoding and applying them; medians of ${settings.replayRestarts} restarts`,
  };
}

function replayFigure(name: string, series: Series, base: Series, what: string, settings: BenchSettings): Figure {
  // Each restart against the base restart next to it: both saw the same moment of the machine.
  const rates = series.replayed.map((records, i) =>
    perSec(records - base.replayed[i]!, series.startupMs[i]! - base.startupMs[i]!));
  const snapshot = hasSnapshot(series) ? '; A SNAPSHOT WAS WRITTEN: the start loaded it' : '';
  return {
    group: 'kraft',
    name,
    value: `${thousands(median(rates))} records/s`,
    versus: `startup_ms ${median(series.startupMs).toFixed(0)} ms with ${thousands(median(series.replayed))} records in the log, `
      + `${median(base.startupMs).toFixed(0)} ms with ${thousands(median(base.replayed))} (${BASE_TOPICS} topics)${snapshot}`,
    generator: `1 node, --data-dir (durable), ${what}; graceful stop, restart; extra records (DescribeQuorum high watermark `
      + `at stop) / extra startup_ms, against the base restart run next to it; medians of ${settings.replayRestarts} restarts`,
  };
}

export async function replayFigures(settings: BenchSettings): Promise<Figure[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-bench-replay-'));
  try {
    const all = shapes(settings).map((shape): Series => ({
      shape, dataDir: path.join(root, shape.label), recordsAtStop: 0, startupMs: [], replayed: [], logged: [],
    }));
    const built = performance.now();
    for (const series of all) {
      settings.log(`kraft: building the ${series.shape.label} metadata log`);
      await session(series, true);
    }
    const buildSeconds = (performance.now() - built) / 1000;
    // Interleaved, so a noisy moment on the machine hits every series alike.
    for (let i = 0; i < settings.replayRestarts; i++) {
      settings.log(`kraft: replay restarts ${i + 1} of ${settings.replayRestarts}`);
      for (const series of all) await session(series, false);
    }
    const [base, topics, configs, fromSnapshot] = all as [Series, Series, Series, Series];
    if (!hasSnapshot(fromSnapshot)) throw new Error('the snapshot series wrote no metadata snapshot');
    return [
      replayFigure('metadata log replay on start, topics', topics, base,
        `${thousands(settings.replayTopics)} one-partition topics by CreateTopics (${TOPICS_PER_REQUEST}/request; all logs built in `
        + `${buildSeconds.toFixed(0)} s); includes hosting every partition (their logs open on first use, after the ready line), and `
        + 'the registration, which after a graceful stop moves no leadership', settings),
      replayFigure('metadata log replay on start, configs', configs, base,
        `${BASE_TOPICS} topics, then IncrementalAlterConfigs of retention.ms on each (${BASE_TOPICS} ConfigRecords/request)`, settings),
      loggedFigure('metadata log replay at start as the node times it, topics', topics, settings),
      loggedFigure('metadata log replay at start as the node times it, configs', configs, settings),
      loggedFigure(`metadata log replay at start as the node times it, topics from a snapshot (written every ${SMALL_SNAPSHOT_AFTER_BYTES / 1024} KiB) and the log after it`, fromSnapshot, settings),
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
