// Start-up and idle memory: spawn the broker (the package's bin, as `npx kraftling start` runs it),
// poll it with Metadata requests until one is answered, then read its resident set size while it
// idles. Compared with spawning a bare `node -e 0`, which is the floor any Node program pays. Also
// what a test suite pays: importing the library and starting a cluster in its own process.
import { spawn } from 'node:child_process';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import {
  PACKAGE_BIN, ROOT, brokerCommand, processMemoryBytes, startBroker, type BrokerEntry, type BrokerProcess,
} from './broker-process.js';
import { BenchConnection } from './raw-client.js';
import { median, verdict, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const TARGET_RATIO = 2;
const TARGET_RSS_BYTES = 60e6;
const POLL_INTERVAL_MS = 2;
const MB = 1e6;

function bareNodeMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve(performance.now() - started));
  });
}

/** Connects and asks for metadata until the broker answers with itself in the broker list. */
async function firstMetadataAt(bootstrap: string): Promise<number> {
  for (;;) {
    try {
      const conn = await BenchConnection.connect(bootstrap);
      try {
        const res = await conn.request(MetadataApi, 12, {
          topics: [], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
        });
        if (res.brokers.length > 0) return performance.now();
      } finally {
        conn.close();
      }
    } catch {
      // Not serving yet: poll again.
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

interface StartupSample {
  readyMs: number;
  reportedMs: number;
  idleRssBytes: number;
}

async function startupSample(entry: BrokerEntry, idleSettleMs: number): Promise<StartupSample> {
  const broker: BrokerProcess = await startBroker(entry);
  try {
    const answeredAt = await firstMetadataAt(broker.bootstrap);
    await new Promise((resolve) => setTimeout(resolve, idleSettleMs));
    return {
      readyMs: answeredAt - broker.spawnedAt,
      reportedMs: broker.reportedStartupMs,
      idleRssBytes: processMemoryBytes(broker.pid, 'VmRSS'),
    };
  } finally {
    await broker.stop();
  }
}

function entryFigures(entry: BrokerEntry, samples: StartupSample[], bareMs: number, settings: BenchSettings): Figure[] {
  const readyMs = median(samples.map((s) => s.readyMs));
  const ratio = readyMs / bareMs;
  const rss = median(samples.map((s) => s.idleRssBytes));
  const runs = `median of ${samples.length}`;
  return [
    {
      group: 'startup',
      name: `spawn -> first Metadata answer (${entry.label})`,
      value: `${readyMs.toFixed(0)} ms`,
      versus: `${ratio.toFixed(2)}x bare node (target <= ${TARGET_RATIO}x: ${verdict(ratio <= TARGET_RATIO)})`,
      generator: `${brokerCommand(entry)}; raw client polls Metadata v12 every ${POLL_INTERVAL_MS} ms; ${runs}`,
    },
    {
      group: 'startup',
      name: `startup_ms on the ready line (${entry.label})`,
      value: `${median(samples.map((s) => s.reportedMs)).toFixed(0)} ms`,
      versus: 'for reference: the broker\'s own figure',
      generator: `printed by kraftling start; ${runs}`,
    },
    {
      group: 'startup',
      name: `idle RSS ${settings.idleSettleMs / 1000} s after first answer (${entry.label})`,
      value: `${(rss / MB).toFixed(1)} MB (${(rss / 2 ** 20).toFixed(1)} MiB)`,
      versus: `target < ${TARGET_RSS_BYTES / MB} MB: ${verdict(rss < TARGET_RSS_BYTES)}`,
      generator: `VmRSS in /proc/<pid>/status; ${runs}`,
    },
  ];
}

/** In a fresh Node process: import the library, start a one-node cluster; the in-process time. */
function librarySample(): Promise<number> {
  const script = "const t=performance.now(); const { Cluster } = await import('./dist/kraftling.mjs'); " +
    "const c = await Cluster.start({ logLevel: 'silent' }); process.stdout.write(String(performance.now() - t)); await c.stop();";
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  return new Promise((resolve, reject) => child.once('exit', () => (out ? resolve(Number(out)) : reject(new Error('library start failed')))));
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  const entries = [PACKAGE_BIN];
  // One untimed start each: the bundled CLI writes its V8 code cache on its first start after a build.
  for (const entry of entries) await startupSample(entry, 0);
  const samples = entries.map((): StartupSample[] => []);
  const bare: number[] = [];
  const library: number[] = [];
  // Interleaved, so a noisy moment on the machine hits every series alike.
  for (let i = 0; i < settings.startupRuns; i++) {
    settings.log(`startup: run ${i + 1} of ${settings.startupRuns}`);
    bare.push(await bareNodeMs());
    library.push(await librarySample());
    for (const [j, entry] of entries.entries()) samples[j]!.push(await startupSample(entry, settings.idleSettleMs));
  }
  const bareMs = median(bare);
  return [
    {
      group: 'startup',
      name: 'bare node -e 0 (spawn -> exit)',
      value: `${bareMs.toFixed(0)} ms`,
      versus: 'the 1x of the ratios',
      generator: `node -e 0; median of ${settings.startupRuns}`,
    },
    ...entries.flatMap((entry, j) => entryFigures(entry, samples[j]!, bareMs, settings)),
    {
      group: 'startup',
      name: 'library: import + Cluster.start',
      value: `${median(library).toFixed(0)} ms`,
      versus: 'what a test suite waits for, after its own Node start',
      generator: `import('kraftling') then Cluster.start() in a fresh process; median of ${settings.startupRuns}`,
    },
  ];
}

export const startupGroup: FigureGroup = {
  name: 'startup',
  description: 'spawn to first Metadata answer vs bare node, idle RSS, and the library\'s start in a test process',
  usesBroker: true,
  run,
};
