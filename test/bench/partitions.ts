// Many partitions on one broker: the team's target is 100,000 partitions on one node. The bench
// spawns the broker, creates that many partitions through CreateTopics (100 topics of 100
// partitions per request; each answer means its partitions are usable), then reads the broker's
// resident set size and open descriptors from /proc and times a Metadata request for every topic.
// Twice: ephemeral (`--ephemeral`, no fsync, as tests run it) and durable (`--data-dir`, fsyncs).
// Both keep their data under a directory of the bench's, removed afterwards: an ephemeral broker's
// own removal of 100,000 directories can outlast the stop's grace period.
import fs from 'node:fs';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { PACKAGE_BIN, inTempDir, processMemoryBytes, spawnBroker, type BrokerProcess } from './broker-process.js';
import { describeQuorum } from './kraft-cluster.js';
import { loggedReplay } from './kraft-replay.js';
import { BenchConnection } from './raw-client.js';
import { median, perSec, thousands, verdict, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const TARGET_PARTITIONS = 100_000;
/** --quick: a fifth of the target, so the group takes seconds. */
const QUICK_PARTITIONS = 20_000;
const PARTITIONS_PER_TOPIC = 100;
const TOPICS_PER_REQUEST = 100;
const METADATA_RUNS = 3;
/** Graceful restarts of the durable broker, for the replay and start-up figures. */
const RESTARTS = 3;
const REQUEST_TIMEOUT_MS = 600_000;
const MB = 1e6;

function openDescriptors(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

async function createPartitions(conn: BenchConnection, total: number, settings: BenchSettings): Promise<void> {
  const topics = total / PARTITIONS_PER_TOPIC;
  for (let first = 0; first < topics; first += TOPICS_PER_REQUEST) {
    const names = Array.from({ length: Math.min(TOPICS_PER_REQUEST, topics - first) }, (_, i) => `bench-partitions-${first + i}`);
    const res = await conn.request(CreateTopicsApi, 7, {
      topics: names.map((name) => ({ name, numPartitions: PARTITIONS_PER_TOPIC, replicationFactor: 1, assignments: [], configs: [] })),
      timeoutMs: REQUEST_TIMEOUT_MS, validateOnly: false,
    });
    const failed = res.topics.find((t) => t.errorCode !== 0);
    if (failed) throw new Error(`CreateTopics ${failed.name}: error ${failed.errorCode} ${failed.errorMessage ?? ''}`);
    settings.log(`partitions: ${thousands((first + names.length) * PARTITIONS_PER_TOPIC)} of ${thousands(total)} created`);
  }
}

/** A Metadata request for all topics: its time and the partitions in the answer. */
async function metadataForAll(conn: BenchConnection): Promise<{ ms: number; partitions: number }> {
  const started = performance.now();
  const res = await conn.request(MetadataApi, 12, {
    topics: null, allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
  });
  return { ms: performance.now() - started, partitions: res.topics.reduce((sum, t) => sum + t.partitions.length, 0) };
}

type Mode = 'ephemeral' | 'durable';

interface Measured {
  mode: Mode;
  total: number;
  createMs: number;
  idleRssBytes: number;
  rssBytes: number;
  idleFds: number;
  fds: number;
  metadataMs: number;
  metadataPartitions: number;
  /** Durable only: a graceful stop and a start on the same directory. */
  restart?: {
    startupMs: number; rssBytes: number; settledRssBytes: number; records: number; afterKillMs: number;
    /** The node's own log line on its replay: records (a snapshot's included) and the ms it took;
     * the restart with the median rate, and every restart's. */
    replay: { records: number; ms: number };
    replays: { records: number; ms: number }[];
  };
}

function brokerArgs(mode: Mode, root: string): string[] {
  return mode === 'ephemeral' ? ['--ephemeral', '--port', '0'] : ['--data-dir', root, '--port', '0', '--log-level', 'warn'];
}

/** Spawns the broker; an ephemeral one makes its temporary directory under `root` (TMPDIR). */
function spawnIn(mode: Mode, root: string, extraArgs: string[] = []): Promise<BrokerProcess> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = root;
  try {
    return spawnBroker([...brokerArgs(mode, root), ...extraArgs], PACKAGE_BIN, 60_000);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

async function measure(mode: Mode, total: number, settings: BenchSettings): Promise<Measured> {
  settings.log(`partitions: ${mode} broker, ${thousands(total)} partitions`);
  return inTempDir('kraftling-bench-partitions-', (root) => measureIn(root, mode, total, settings));
}

async function measureIn(root: string, mode: Mode, total: number, settings: BenchSettings): Promise<Measured> {
  const broker = await spawnIn(mode, root);
  try {
    const conn = await BenchConnection.connect(broker.bootstrap);
    try {
      const idleRssBytes = processMemoryBytes(broker.pid, 'VmRSS');
      const idleFds = openDescriptors(broker.pid);
      const started = performance.now();
      await createPartitions(conn, total, settings);
      const createMs = performance.now() - started;
      const rssBytes = processMemoryBytes(broker.pid, 'VmRSS');
      const fds = openDescriptors(broker.pid);
      const runs: { ms: number; partitions: number }[] = [];
      for (let i = 0; i < METADATA_RUNS; i++) runs.push(await metadataForAll(conn));
      const restart = mode === 'durable' ? await restartOn(broker, root, settings) : undefined;
      return {
        mode, total, createMs, idleRssBytes, rssBytes, idleFds, fds,
        metadataMs: median(runs.map((r) => r.ms)), metadataPartitions: runs[0]!.partitions, restart,
      };
    } finally {
      conn.close();
    }
  } finally {
    await broker.stop();
  }
}

/** Stops the broker gracefully and starts it again on its directory, RESTARTS times: each start
 * loads the metadata (the latest snapshot, if one was taken, and the log after it); the partition
 * logs open on first use and in the background after the ready line, so the last start's RSS is
 * read at the ready line and again once it stops growing. Then kills that broker (kill -9) and
 * starts it once more: every log is then recovered as it opens. */
async function restartOn(broker: BrokerProcess, root: string, settings: BenchSettings): Promise<Measured['restart']> {
  const records = (await describeQuorum(broker.bootstrap))?.highWatermark ?? 0;
  await broker.stop();
  // Restarts one after the other, each stopped gracefully but the last: the replay and start-up
  // figures are their medians (a single start's replay moved between 0.6 and 1.3 M records/s with
  // the machine's load); RSS is the last one's.
  const starts: MeasuredStart[] = [];
  for (let i = 1; i <= RESTARTS; i++) {
    settings.log(`partitions: restarting the durable broker (${i} of ${RESTARTS})`);
    starts.push(await startMeasured(root));
    if (i < RESTARTS) await starts.at(-1)!.broker.stop();
  }
  const last = starts.at(-1)!;
  let settledRssBytes: number;
  try {
    settledRssBytes = await settledRss(last.broker.pid);
  } finally {
    await last.broker.kill();
  }
  settings.log('partitions: restarting the durable broker after kill -9');
  const afterKill = await spawnIn('durable', root);
  await afterKill.stop();
  const replays = starts.map((s) => s.replay);
  const byRate = [...replays].sort((a, b) => perSec(a.records, a.ms) - perSec(b.records, b.ms));
  return {
    startupMs: median(starts.map((s) => s.startupMs)), rssBytes: last.rssBytes, settledRssBytes, records,
    replay: byRate[byRate.length >> 1]!, replays, afterKillMs: afterKill.reportedStartupMs,
  };
}

interface MeasuredStart {
  broker: BrokerProcess;
  startupMs: number;
  rssBytes: number;
  replay: { records: number; ms: number };
}

/** A start on the durable directory: its start-up time, its RSS at the ready line and its replay. */
async function startMeasured(root: string): Promise<MeasuredStart> {
  // At info, for the line on its replay.
  const broker = await spawnIn('durable', root, ['--log-level', 'info']);
  try {
    const rssBytes = processMemoryBytes(broker.pid, 'VmRSS');
    // Logged before the ready line: read before later lines push it out of the kept stderr.
    return { broker, startupMs: broker.reportedStartupMs, rssBytes, replay: loggedReplay(broker.stderr()) };
  } catch (err) {
    await broker.kill();
    throw err;
  }
}

/** VmRSS once two readings half a second apart differ by less than a megabyte (at most 30 s). */
async function settledRss(pid: number): Promise<number> {
  let last = processMemoryBytes(pid, 'VmRSS');
  for (let waited = 0; waited < 30_000; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    const now = processMemoryBytes(pid, 'VmRSS');
    if (Math.abs(now - last) < MB) return now;
    last = now;
  }
  return last;
}

function restartFigure(m: Measured): Figure[] {
  if (m.restart === undefined) return [];
  const { startupMs, rssBytes, settledRssBytes, records, replay, replays } = m.restart;
  const rates = replays.map((r) => thousands(perSec(r.records, r.ms))).join(', ');
  return [{
    group: 'partitions',
    name: `restart with ${thousands(m.total)} partitions (${m.mode})`,
    value: `${(startupMs / 1000).toFixed(1)} s`,
    versus: `${thousands(records)} metadata records (snapshot and log); replayed at ${thousands(perSec(replay.records, replay.ms))} records/s `
      + `as the node times it (median of ${replays.length} restarts: ${rates}; ${thousands(replay.records)} in ${replay.ms} ms; target 1,000,000 records/s: ${verdict(perSec(replay.records, replay.ms) >= 1e6)}), `
      + `${thousands(perSec(records, startupMs))}/s over the whole start; RSS ${(rssBytes / MB).toFixed(0)} MB once ready, `
      + `${(settledRssBytes / MB).toFixed(0)} MB once the logs opened in the background`,
    generator: `graceful stop, start on the same --data-dir, ${RESTARTS} times; median startup_ms of the ready line (loads the metadata; partition logs open on first use)`,
  }, {
    group: 'partitions',
    name: `restart with ${thousands(m.total)} partitions after kill -9 (${m.mode})`,
    value: `${(m.restart.afterKillMs / 1000).toFixed(1)} s`,
    versus: `${(startupMs / 1000).toFixed(1)} s after a graceful stop; the controller fences and unfences each partition of the killed broker, so the log grows by two records a partition`,
    generator: 'kill -9 of the restarted broker once its logs were open, start on the same --data-dir; startup_ms of the ready line (partition logs recovered as they open)',
  }];
}

function figures(m: Measured): Figure[] {
  const method = `node ${PACKAGE_BIN.script} start ${brokerArgs(m.mode, '<dir>').join(' ')}; CreateTopics v7 of `
    + `${TOPICS_PER_REQUEST} topics x ${PARTITIONS_PER_TOPIC} partitions, one request at a time`;
  const perPartition = (m.rssBytes - m.idleRssBytes) / m.total;
  return [
    {
      group: 'partitions',
      name: `create ${thousands(m.total)} partitions on one node (${m.mode})`,
      value: `${(m.createMs / 1000).toFixed(1)} s`,
      versus: `target ${thousands(TARGET_PARTITIONS)} on one node: ${verdict(m.total >= TARGET_PARTITIONS)}`,
      generator: `${method}; each answer means its partitions are usable`,
    },
    {
      group: 'partitions',
      name: `partition creation rate (${m.mode})`,
      value: `${thousands(perSec(m.total, m.createMs))} partitions/s`,
      versus: m.mode === 'durable'
        ? 'a directory each, made durable by fsyncs of the log dir shared by concurrent creations'
        : 'a directory each (no fsync); segment files come with the first append',
      generator: method,
    },
    {
      group: 'partitions',
      name: `RSS with ${thousands(m.total)} partitions (${m.mode})`,
      value: `${(m.rssBytes / MB).toFixed(0)} MB`,
      versus: `${thousands(perPartition)} bytes per partition over the idle broker's ${(m.idleRssBytes / MB).toFixed(0)} MB`,
      generator: 'VmRSS in /proc/<pid>/status, before and after creating',
    },
    {
      group: 'partitions',
      name: `open descriptors with ${thousands(m.total)} partitions (${m.mode})`,
      value: `${thousands(m.fds)}`,
      versus: `${thousands(m.idleFds)} when idle; segment files sit behind a cache of at most 4,096 descriptors`,
      generator: 'entries of /proc/<pid>/fd after creating',
    },
    {
      group: 'partitions',
      name: `Metadata for all topics (${m.mode})`,
      value: `${m.metadataMs.toFixed(0)} ms`,
      versus: `${thousands(m.metadataPartitions)} partitions in the answer`,
      generator: `Metadata v12, topics null, one connection; median of ${METADATA_RUNS}`,
    },
    ...restartFigure(m),
  ];
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  const total = settings.quick ? QUICK_PARTITIONS : TARGET_PARTITIONS;
  const modes: Mode[] = settings.quick ? ['ephemeral'] : ['ephemeral', 'durable'];
  const out: Figure[] = [];
  for (const mode of modes) out.push(...figures(await measure(mode, total, settings)));
  return out;
}

export const partitionsGroup: FigureGroup = {
  name: 'partitions',
  description: '100,000 partitions on one node, ephemeral and durable: time, rate, RSS, descriptors, Metadata, restart',
  usesBroker: true,
  run,
};
