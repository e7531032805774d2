// The process's own figures for /metrics, under the names Prometheus's Node.js client (prom-client)
// gives them, so dashboards made for Node processes find them: CPU, resident memory, the V8 heap,
// and garbage collections by kind. They carry no node_id: one process may run several nodes.
// A major collection is what pauses a broker for milliseconds under load, so its count and time
// explain a latency tail. Collections are counted from the moment the HTTP listener starts.
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import v8 from 'node:v8';

/** prom-client's `kind` label for each of Node's GC entry kinds. */
const KINDS: ReadonlyMap<number, string> = new Map([
  [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weakcb'],
]);

export interface GcTotals {
  count: number;
  seconds: number;
}

/** Garbage collections of this process by kind, counted while started. */
export class GcCounter {
  private readonly totals = new Map<string, GcTotals>([...KINDS.values()].map((kind) => [kind, { count: 0, seconds: 0 }]));
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.note(entry);
  });

  start(): void {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.observer.disconnect();
  }

  /** Totals by kind, every kind present (a count of 0 is a figure too). */
  byKind(): ReadonlyMap<string, Readonly<GcTotals>> {
    return this.totals;
  }

  private note(entry: PerformanceEntry): void {
    const kind = KINDS.get((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1);
    const totals = kind === undefined ? undefined : this.totals.get(kind);
    if (totals === undefined) return;
    totals.count++;
    totals.seconds += entry.duration / 1000;
  }
}

/** One sample, as metrics-text's exposition takes it. */
export interface ProcessSample {
  name: string;
  type: 'counter' | 'gauge' | 'summary';
  help: string;
  labels: Record<string, string>;
  value: number;
  suffix?: string;
}

/** The process's samples now. */
export function processSamples(gc: GcCounter): ProcessSample[] {
  const cpu = process.cpuUsage();
  const heap = v8.getHeapStatistics();
  const samples: ProcessSample[] = [
    { name: 'process_cpu_user_seconds_total', type: 'counter', help: 'User CPU time of the process, in seconds', labels: {}, value: cpu.user / 1e6 },
    { name: 'process_cpu_system_seconds_total', type: 'counter', help: 'System CPU time of the process, in seconds', labels: {}, value: cpu.system / 1e6 },
    { name: 'process_cpu_seconds_total', type: 'counter', help: 'User and system CPU time of the process, in seconds', labels: {}, value: (cpu.user + cpu.system) / 1e6 },
    { name: 'process_resident_memory_bytes', type: 'gauge', help: 'Resident memory of the process, in bytes', labels: {}, value: process.memoryUsage.rss() },
    { name: 'nodejs_heap_size_total_bytes', type: 'gauge', help: 'V8 heap reserved, in bytes', labels: {}, value: heap.total_heap_size },
    { name: 'nodejs_heap_size_used_bytes', type: 'gauge', help: 'V8 heap in use (live and not yet collected), in bytes', labels: {}, value: heap.used_heap_size },
    { name: 'nodejs_external_memory_bytes', type: 'gauge', help: 'Memory outside the V8 heap held by its objects (buffers), in bytes', labels: {}, value: heap.external_memory },
  ];
  const help = 'Garbage collections since the HTTP listener started, by kind, in seconds (a major one pauses every request)';
  for (const suffix of ['_sum', '_count'] as const) {
    for (const [kind, totals] of gc.byKind()) {
      samples.push({ name: 'nodejs_gc_duration_seconds', type: 'summary', help, labels: { kind }, value: suffix === '_sum' ? totals.seconds : totals.count, suffix });
    }
  }
  return samples;
}
