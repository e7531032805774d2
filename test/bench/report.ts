// What every figure group returns, the run settings they share, and the table they are printed in.
// MB is 10^6 bytes throughout; throughput counts RecordBatch bytes (the records a client produced).

export interface Figure {
  group: string;
  name: string;
  value: string;
  /** The team's target and where this run stands, or a note. */
  versus: string;
  /** What produced the load or took the measurement. */
  generator: string;
}

export interface BenchSettings {
  quick: boolean;
  /** Runs behind each start-up median. */
  startupRuns: number;
  /** How long the broker idles after its first answer before its RSS is read. */
  idleSettleMs: number;
  /** Runs behind each TCP sink median. */
  baselineRuns: number;
  warmupMs: number;
  /** Length of each timed throughput run. */
  runMs: number;
  /** Bytes produced before the consume figure reads them back. */
  consumeFillBytes: number;
  /** Bytes written unflushed before the recovery figure kills the node. */
  recoveryFillBytes: number;
  latencyMs: number;
  /** Records each librdkafka client produces. */
  librdkafkaRecords: number;
  /** Fresh groups behind each consumer-group median. */
  groupRuns: number;
  /** Fresh three-node clusters behind the election median. */
  electionRuns: number;
  /** Controller kills behind the failover median. */
  failoverRuns: number;
  /** Topics (one partition each) in the metadata log the replay figure restarts from. */
  replayTopics: number;
  /** ConfigRecords in the metadata log the config replay figure restarts from: enough that the
   * replay runs mostly optimized code, not the first records' interpreted warm-up. */
  replayConfigRecords: number;
  /** Restarts behind each replay median. */
  replayRestarts: number;
  /** Timed one-topic CreateTopics requests per target broker. */
  createTopicsRequests: number;
  log: (line: string) => void;
}

export interface FigureGroup {
  name: string;
  description: string;
  /** Whether the group runs the compiled broker (and so needs dist/ built). */
  usesBroker: boolean;
  run(settings: BenchSettings): Promise<Figure[]>;
}

export function settingsFor(quick: boolean, log: (line: string) => void): BenchSettings {
  if (quick) {
    return {
      quick, log, startupRuns: 3, idleSettleMs: 500, baselineRuns: 3, warmupMs: 300, runMs: 1_000,
      consumeFillBytes: 64e6, recoveryFillBytes: 64e6, latencyMs: 2_000, librdkafkaRecords: 30_000,
      groupRuns: 3, electionRuns: 3, failoverRuns: 3, replayTopics: 5_000, replayConfigRecords: 20_000, replayRestarts: 2, createTopicsRequests: 50,
    };
  }
  return {
    quick, log, startupRuns: 7, idleSettleMs: 1_000, baselineRuns: 5, warmupMs: 1_000, runMs: 5_000,
    consumeFillBytes: 400e6, recoveryFillBytes: 400e6, latencyMs: 5_000, librdkafkaRecords: 200_000,
    groupRuns: 7, electionRuns: 5, failoverRuns: 7, replayTopics: 10_000, replayConfigRecords: 200_000, replayRestarts: 3, createTopicsRequests: 300,
  };
}

export function mbPerSec(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

/** CPU-seconds spent per GB moved, from a CPU share (1 = one core) and a rate: a cost per byte
 * that, unlike the rate, moves little with whatever else the machine runs. */
export function cpuSecondsPerGb(share: number, mbPerSecond: number): number {
  return share * 1000 / mbPerSecond;
}

export function perSec(count: number, ms: number): number {
  return count / (ms / 1000);
}

export function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** "min A, max B ms": the spread behind a median of durations. */
export function msRange(values: readonly number[]): string {
  return `min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)} ms`;
}

/** "met" or "MISSED" after a target, so a reader finds the misses at a glance. */
export function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

const HEADERS = ['group', 'figure', 'value', 'target / comparison', 'load generator / method'] as const;

/** A plain-text table; the last column is not padded so long descriptions need no wrapping. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.group, f.name, f.value, f.versus, f.generator]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? HEADERS[i]!.length : w)).join('  ');
  return [line(HEADERS), rule, ...rows.map(line)].join('\n');
}
