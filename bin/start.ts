// `kraftling start`: runs until SIGINT, SIGTERM or SIGHUP, then stops gracefully. A signal during start-up
// stops whatever has started; a second signal exits at once. Once the logger exists, everything
// on stderr goes through it, so a JSON log stream stays JSON.
import path from 'node:path';
import { Cluster } from '../src/cluster/cluster.js';
import type { ProfileName } from '../src/config/profiles.js';
import { createLogger, LOG_LEVELS, type Logger } from '../src/logger.js';
import { clusterIdProblem } from '../src/node/meta-properties.js';
import { parseHttpAddress } from '../src/cluster/http/http-address.js';
import { tuneHeap } from './heap-tuning.js';
import { whenStdoutCloses } from './stdout.js';
import { checkDataDir, UsageError } from './usage.js';

function intFlag(name: string, v: unknown, fallback: number, max: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`--${name} takes an integer from 0 to ${max}, got "${String(v)}"`);
  return n;
}

function overrides(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (values.override as string[] | undefined) ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--override takes key=value, got "${item}"`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1);
  }
  if (values.fsync) out['log.flush.interval.messages'] = '1';
  return out;
}

interface StartFlags {
  profile: ProfileName;
  logLevel: string;
  nodes: number;
  racks: string[] | undefined;
  port: number | undefined;
  dataDir: string | undefined;
  overrides: Record<string, string>;
}

/** Checks every flag before anything starts: a usage error exits 2 with one line. */
function startFlags(values: Record<string, unknown>): StartFlags {
  const profile = (values.profile as string | undefined) ?? 'dev';
  if (profile !== 'dev' && profile !== 'kafka') throw new UsageError(`--profile takes dev or kafka, got "${profile}"`);
  const logLevel = (values['log-level'] as string | undefined) ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new UsageError(`--log-level takes one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const clusterId = values['cluster-id'] as string | undefined;
  const idProblem = clusterId !== undefined ? clusterIdProblem(clusterId) : undefined;
  if (idProblem) throw new UsageError(`--cluster-id: ${idProblem}`);
  const nodes = intFlag('nodes', values.nodes, 1, 64);
  if (nodes < 1) throw new UsageError('--nodes takes an integer from 1 to 64, got "0"');
  const racks = values.racks === undefined ? undefined : String(values.racks).split(',').map((r) => r.trim());
  if (racks !== undefined && (racks.length !== nodes || racks.some((r) => r === ''))) {
    throw new UsageError(`--racks takes one rack name per node (${nodes}), comma-separated, got "${String(values.racks)}"`);
  }
  const port = values.port !== undefined ? intFlag('port', values.port, 9092, 65535) : values.config ? undefined : 9092;
  const dataDir = values.ephemeral === true ? undefined : (values['data-dir'] as string | undefined) ?? '.kraftling';
  if (dataDir !== undefined) checkDataDir(dataDir);
  if (values.http !== undefined) checkHttpAddress(values.http as string);
  return { profile: profile as ProfileName, logLevel, nodes, racks, port, dataDir, overrides: overrides(values) };
}

function checkHttpAddress(value: string): void {
  try {
    parseHttpAddress(value);
  } catch (err) {
    throw new UsageError(`--http: ${(err as Error).message}`);
  }
}

export async function runStart(values: Record<string, unknown>): Promise<number> {
  const flags = startFlags(values);
  const logger = createLogger({ level: flags.logLevel });
  // Signal handlers go in before anything starts: a supervisor may signal at any moment, and a
  // signal during start-up must stop the nodes already started. A second one exits at once.
  let cluster: Cluster | undefined;
  let signalled: string | undefined;
  const aborter = new AbortController();
  const onSignal = (signal: string): void => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting without a graceful stop');
      process.exit(130);
    }
    signalled = signal;
    logger.info({ signal }, 'stopping');
    if (cluster) shutDown(cluster, logger);
    else aborter.abort();
  };
  // stdout carries only the ready line: a broker whose reader has gone goes on, and says so once.
  whenStdoutCloses(() => logger.warn('stdout is closed: nobody read the ready line; serving on'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  // A hang-up (its terminal closed, an ssh session ended) stops it gracefully too, as the JVM's
  // shutdown hooks stop Kafka; Node's default ended the process at once, like a kill -9.
  process.on('SIGHUP', () => onSignal('SIGHUP'));
  watchParent(() => onSignal('parent exited'));
  try {
    cluster = await Cluster.start({
      nodes: flags.nodes, racks: flags.racks, port: flags.port, host: values.host as string | undefined, dataDir: flags.dataDir,
      ephemeral: values.ephemeral === true, configFile: values.config as string | undefined, overrides: flags.overrides,
      profile: flags.profile, clusterId: values['cluster-id'] as string | undefined, logger, signal: aborter.signal,
      http: values.http as string | undefined,
    });
  } catch (err) {
    // Cluster.start has stopped every node it started and removed an ephemeral directory.
    if (signalled) process.exit(0);
    logger.fatal(`cannot start: ${(err as Error).message}`);
    // An invalid config value is a usage error, like a bad flag; anything else failed at run time.
    process.exit((err as { code?: string }).code === 'KRAFTLING_CONFIG' ? 2 : 1);
  }
  if (signalled) {
    shutDown(cluster, logger);
    return -1;
  }
  // One node: its own directory (log.dirs of a --config file included); several: their parent.
  const data = path.resolve(cluster.nodes.length === 1 ? cluster.nodes[0]!.config.logDir : cluster.dataDir);
  tuneHeap();
  process.stdout.write(`kraftling ready bootstrap=${cluster.bootstrapServers} cluster=${cluster.clusterId} nodes=${cluster.nodes.length} data=${data} startup_ms=${Math.round(performance.now())}${cluster.httpAddress ? ` http=${cluster.httpAddress}` : ''}${cluster.controlAddress ? ` control=${cluster.controlAddress}` : ''}\n`);
  return -1;
}

/**
 * A launcher that dies without passing its signal on (npx and npm exec do, on SIGTERM) would
 * leave the broker running with nobody to stop it: once the parent is gone, stop as if signalled.
 * Only under npm (which sets npm_command): `kraftling start &` from a script that then exits
 * is a way to leave a broker running on purpose.
 */
function watchParent(onGone: () => void): void {
  const parent = process.ppid;
  if (parent <= 1 || process.env.npm_command === undefined) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, PARENT_POLL_MS);
  timer.unref();
}

const PARENT_POLL_MS = 500;

function shutDown(cluster: Cluster, logger: Logger): void {
  cluster.stop().then(() => process.exit(0), (err: Error) => {
    logger.error({ err }, 'stop failed');
    process.exit(1);
  });
}
