// `kraftling start`: runs until SIGINT/SIGTERM, then stops gracefully.
import { Cluster } from '../src/cluster/cluster.js';
import type { ProfileName } from '../src/config/profiles.js';

function intFlag(name: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${String(v)}"`);
  return n;
}

function overrides(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (values.override as string[] | undefined) ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(`--override takes key=value, got "${item}"`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1);
  }
  if (values.fsync) out['log.flush.interval.messages'] = '1';
  return out;
}

export async function runStart(values: Record<string, unknown>): Promise<number> {
  const profile = (values.profile as string | undefined) ?? 'dev';
  if (profile !== 'dev' && profile !== 'kafka') throw new Error(`--profile must be dev or kafka, got "${profile}"`);
  const ephemeral = values.ephemeral === true;
  // Signal handlers go in before anything else: a supervisor may signal as soon as it reads the
  // ready line, and a signal during start-up must still stop the node cleanly.
  let cluster: Cluster | undefined;
  let signalled: string | undefined;
  const stop = (signal: string): void => {
    if (signalled) return;
    signalled = signal;
    if (cluster) shutDown(cluster, signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  cluster = await Cluster.start({
    nodes: intFlag('nodes', values.nodes, 1),
    port: values.port !== undefined ? intFlag('port', values.port, 9092) : values.config ? undefined : 9092,
    host: values.host as string | undefined,
    dataDir: ephemeral ? undefined : (values['data-dir'] as string | undefined) ?? '.kraftling',
    ephemeral,
    configFile: values.config as string | undefined,
    overrides: overrides(values),
    profile: profile as ProfileName,
    clusterId: values['cluster-id'] as string | undefined,
    logLevel: (values['log-level'] as string | undefined) ?? 'info',
  });
  if (signalled) {
    shutDown(cluster, signalled);
    return -1;
  }
  process.stdout.write(`kraftling ready bootstrap=${cluster.bootstrapServers} cluster=${cluster.clusterId} nodes=${cluster.nodes.length} startup_ms=${Math.round(performance.now())}\n`);
  return -1;
}

function shutDown(cluster: Cluster, signal: string): void {
  process.stderr.write(`kraftling: ${signal}, stopping\n`);
  cluster.stop().then(() => process.exit(0), (err: Error) => {
    process.stderr.write(`kraftling: stop failed: ${err.message}\n`);
    process.exit(1);
  });
}
