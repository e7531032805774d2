// The operator's HTTP listener: what turning it on costs a `kraftling start` (ready time and idle
// RSS, against the same start without it, interleaved), the console page's weight, and its time
// to first render in headless Chromium against three nodes holding a 1,000-partition topic.
import { Kafka, logLevel } from 'kafkajs';
import { CHROMIUM, HeadlessChromium } from '../helpers/headless-chromium.js';
import { processMemoryBytes, spawnBroker } from './broker-process.js';
import { median, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const MB = 1e6;
const PARTITIONS = 1_000;

interface Sample {
  readyMs: number;
  reportedMs: number;
  idleRssBytes: number;
}

async function startSample(args: string[], settleMs: number): Promise<Sample> {
  const broker = await spawnBroker(['--ephemeral', '--port', '0', ...args]);
  try {
    await new Promise((r) => setTimeout(r, settleMs));
    return { readyMs: broker.readyAt - broker.spawnedAt, reportedMs: broker.reportedStartupMs, idleRssBytes: processMemoryBytes(broker.pid, 'VmRSS') };
  } finally {
    await broker.stop();
  }
}

function startFigures(label: string, samples: Sample[]): Figure[] {
  const runs = `median of ${samples.length}`;
  const rss = median(samples.map((s) => s.idleRssBytes));
  return [
    { group: 'console', name: `spawn -> ready line (${label})`, value: `${median(samples.map((s) => s.readyMs)).toFixed(0)} ms`, versus: `startup_ms ${median(samples.map((s) => s.reportedMs)).toFixed(0)}`, generator: `node bin/kraftling.cjs start --ephemeral --port 0 ${label === 'http on' ? '--http 127.0.0.1:0' : ''}; ${runs}` },
    { group: 'console', name: `idle RSS (${label})`, value: `${(rss / MB).toFixed(1)} MB`, versus: 'for reference', generator: `VmRSS after the idle settle; ${runs}` },
  ];
}

async function renderFigures(log: (line: string) => void): Promise<Figure[]> {
  if (!CHROMIUM) return [{ group: 'console', name: 'first render, 3 nodes x 1,000 partitions', value: 'skipped', versus: 'no chromium package', generator: '-' }];
  const broker = await spawnBroker(['--ephemeral', '--port', '0', '--nodes', '3', '--http', '127.0.0.1:0'], undefined, 60_000);
  const browser = HeadlessChromium.launch();
  try {
    const http = broker.httpAddress!;
    const admin = new Kafka({ brokers: broker.bootstrap.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    log(`console: creating a topic of ${PARTITIONS} partitions`);
    await admin.createTopics({ topics: [{ topic: 'wide', numPartitions: PARTITIONS, replicationFactor: 3 }], waitForLeaders: true, timeout: 60_000 });
    await admin.disconnect();
    const page = await fetch(`http://${http}/`).then((r) => r.text());
    const api = await Promise.all(['/api/cluster', '/api/topics', '/api/groups', '/api/topics?name=wide'].map((p) => fetch(`http://${http}${p}`).then((r) => r.text())));
    const tab = await browser.open(`http://${http}/`);
    const firstRenderMs = Number(await tab.waitFor<string>('document.body.dataset.firstRenderMs', 60_000));
    const rows = await tab.evaluate<number>('document.querySelectorAll("#partitions tr").length - 1');
    // A few refreshes of the open page, then the broker's memory with the console in use.
    await new Promise((r) => setTimeout(r, 3_000));
    const rss = processMemoryBytes(broker.pid, 'VmRSS');
    return [
      { group: 'console', name: 'console page weight', value: `${(Buffer.byteLength(page) / 1024).toFixed(1)} KiB`, versus: 'one HTML file, CSS and JS inline, no framework', generator: 'GET /' },
      { group: 'console', name: `JSON per refresh, ${PARTITIONS}-partition topic selected`, value: `${(api.reduce((n, b) => n + Buffer.byteLength(b), 0) / 1024).toFixed(1)} KiB`, versus: 'polled once a second', generator: '/api/cluster + /api/topics + /api/groups + /api/topics?name=wide' },
      { group: 'console', name: `first render, 3 nodes x ${PARTITIONS} partitions`, value: `${firstRenderMs} ms`, versus: `${rows} partition rows drawn`, generator: 'headless Chromium: navigation start -> first refresh drawn (performance.now())' },
      { group: 'console', name: `RSS of that process, console open 3 s`, value: `${(rss / MB).toFixed(1)} MB`, versus: 'three nodes, 1,000 partitions x 3 replicas', generator: 'VmRSS of the kraftling start --nodes 3 process' },
    ];
  } finally {
    await browser.close();
    await broker.stop();
  }
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  const off: Sample[] = [];
  const on: Sample[] = [];
  // One untimed start each writes the bundle's code cache; then interleaved runs.
  await startSample([], 0);
  await startSample(['--http', '127.0.0.1:0'], 0);
  for (let i = 0; i < settings.startupRuns; i++) {
    settings.log(`console: start run ${i + 1} of ${settings.startupRuns}`);
    off.push(await startSample([], settings.idleSettleMs));
    on.push(await startSample(['--http', '127.0.0.1:0'], settings.idleSettleMs));
  }
  return [...startFigures('http off', off), ...startFigures('http on', on), ...await renderFigures(settings.log)];
}

export const consoleGroup: FigureGroup = {
  name: 'console',
  description: 'the HTTP listener: start-up and idle RSS with and without it, page weight, first render at 1,000 partitions',
  usesBroker: true,
  run,
};
