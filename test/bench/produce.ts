// Produce throughput with acks=1 and acks=-1 against the compiled broker, next to the read rate of a
// bare TCP sink fed the same frames in the same run (the target is a ratio of the two), and of the
// same sink appending to files, which shows what writing the log alone costs on this machine.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTcpBaseline } from './baseline-tcp.js';
import { processMemoryBytes, withBroker, withCpuShares } from './broker-process.js';
import { produceFor, produceRequests, type ProduceRequests, type ProduceRun, type ProduceShape } from './produce-load.js';
import { primeFreeMemory } from './page-cache.js';
import { memoryUnderLoadFigure } from './memory-under-load.js';
import { createTopic } from './raw-client.js';
import { cpuSecondsPerGb, mbPerSec, perSec, thousands, verdict, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const TARGET_FRACTION = 0.6;

/**
 * One request carries a 64 KiB batch for each of 8 partitions, as librdkafka sends whatever every
 * partition has ready in one request. The broker pays per request as well as per byte, so smaller
 * requests (2 x 32 KiB) measured about a third lower here.
 */
export const PRODUCE_SHAPE: Omit<ProduceShape, 'topic' | 'acks'> = {
  partitions: 8,
  partitionsPerRequest: 8,
  batchBytes: 64 * 1024,
  connections: 2,
  window: 8,
};

function describeShape(shape: Omit<ProduceShape, 'topic' | 'acks'>, batchBytes: number): string {
  return `raw client (our codecs): ${shape.connections} conns x ${shape.window} in flight, `
    + `${shape.partitionsPerRequest} x ${(batchBytes / 1024).toFixed(1)} KiB batches/request, `
    + `1 KiB records, ${shape.partitions} partitions, pre-encoded`;
}

/** CPU shares (1 = one core) of the broker and of the generator (this process) during a run. */
export interface RunCpu {
  broker: number;
  generator: number;
}

export const cpuNote = (cpu: RunCpu): string => `broker CPU ${(cpu.broker * 100).toFixed(0)}%`;
export const generatorCpuNote = (cpu: RunCpu): string => `generator CPU ${(cpu.generator * 100).toFixed(0)}%`;

/** CPU-seconds per GB, as printed. */
const perGb = (share: number, mbPerSecond: number): string => cpuSecondsPerGb(share, mbPerSecond).toFixed(2);

interface Sinks {
  plain: SinkFigure;
  file: SinkFigure;
}

function produceFigure(name: string, run: ProduceRun, sinks: Sinks, generator: string, cpu: RunCpu): Figure {
  const mb = mbPerSec(run.payloadBytes, run.elapsedMs);
  const fraction = mb / sinks.plain.mbPerSec;
  const errors = run.errors > 0 ? `; ${run.errors} partition errors!` : '';
  return {
    group: 'produce',
    name,
    value: `${mb.toFixed(1)} MB/s, ${thousands(perSec(run.records, run.elapsedMs))} rec/s`,
    versus: `${(fraction * 100).toFixed(0)}% of TCP sink (target >= ${TARGET_FRACTION * 100}%: ${verdict(fraction >= TARGET_FRACTION)}), `
      + `${((mb / sinks.file.mbPerSec) * 100).toFixed(0)}% of sink + file; ${cpuNote(cpu)}, ${perGb(cpu.broker, mb)} CPU-s/GB `
      + `(sink ${sinks.plain.cpuPerGb}, sink + file ${sinks.file.cpuPerGb})${errors}`,
    generator: `${generator}; ${generatorCpuNote(cpu)}`,
  };
}

/**
 * Each timed run stops after this many bytes even with time left. Past roughly a tenth of the
 * machine's memory in dirty pages the kernel throttles writers to the disk's own rate, and the
 * figure would measure the disk instead of the broker; every run also gets a fresh broker, whose
 * ephemeral log (and its dirty pages) is deleted when it stops.
 */
const MAX_RUN_BYTES = 1.2e9;

/**
 * Free memory touched just before each timed run, the sinks' included (see primeFreeMemory): more
 * than a run writes. Unprimed, the page-cache pages a run writes into may be ones this VM handed
 * back to its host, and the host's fault on each first write was the largest cost of the run:
 * alternating runs in one sitting gave acks=1 834-896 MB/s at 1.35-1.54 broker CPU-seconds per GB
 * unprimed, 1,092-1,271 MB/s at 0.93-1.07 primed. A machine that does not hand memory back pays
 * none of that, so the figure is the broker's, not the host's. The replication figures do the same.
 */
const PRIME_BYTES = 2.5e9;

/** Median rate of several sink runs: each is short (it ends at MAX_RUN_BYTES) and the machine noisy. */
interface SinkFigure {
  figure: Figure;
  mbPerSec: number;
  /** The sink's CPU-seconds per GB in the median run. */
  cpuPerGb: string;
}

async function sinkFigure(name: string, load: ProduceRequests, settings: BenchSettings, fileDir?: string): Promise<SinkFigure> {
  const runs: { rate: number; sinkCpu: number; feederCpu: number }[] = [];
  for (let i = 0; i < settings.baselineRuns; i++) {
    primeFreeMemory(PRIME_BYTES);
    const sink = await runTcpBaseline(load.requests, {
      connections: PRODUCE_SHAPE.connections, windowBytes: PRODUCE_SHAPE.window * load.requests[0]!.bytes,
      durationMs: settings.runMs, maxBytes: MAX_RUN_BYTES, fileDir,
    });
    // The sink counts wire bytes; scaled to RecordBatch bytes so the rates compare like for like.
    runs.push({ rate: mbPerSec(sink.frames * load.payloadBytesPerRequest, sink.elapsedMs), sinkCpu: sink.sinkCpu, feederCpu: sink.feederCpu });
  }
  const middle = [...runs].sort((a, b) => a.rate - b.rate)[runs.length >> 1]!;
  const rate = middle.rate;
  const cpuPerGb = perGb(middle.sinkCpu, rate);
  const how = `same frames and connections, written as fast as a bare node net.Server (own process) reads them; `
    + `${PRIME_BYTES / 1e9} GB of free memory primed before each; median of ${settings.baselineRuns}`;
  return {
    mbPerSec: rate,
    cpuPerGb,
    figure: {
      group: 'produce', name, value: `${rate.toFixed(1)} MB/s`,
      versus: `${fileDir === undefined ? 'the 100% the produce rates are compared with' : 'for reference: the cost of writing the log'}; `
        + `sink CPU ${(middle.sinkCpu * 100).toFixed(0)}%, ${cpuPerGb} CPU-s/GB`,
      generator: `${fileDir === undefined ? how : `${how}; the server also writeSync-appends to a file`}; feeder CPU ${(middle.feederCpu * 100).toFixed(0)}%`,
    },
  };
}

async function fileSinkFigure(load: ProduceRequests, settings: BenchSettings): Promise<SinkFigure> {
  const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-bench-'));
  try {
    return await sinkFigure('TCP sink + file append', load, settings, fileDir);
  } finally {
    fs.rmSync(fileDir, { recursive: true, force: true });
  }
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  const load = produceRequests({ ...PRODUCE_SHAPE, topic: 'bench-produce', acks: 1 });
  const generator = `${describeShape(PRODUCE_SHAPE, load.batchBytes)}; fresh broker, ${settings.warmupMs} ms warm-up, `
    + `then ${PRIME_BYTES / 1e9} GB of free memory primed, then ${settings.runMs / 1000} s or ${MAX_RUN_BYTES / 1e9} GB`;
  settings.log('produce: TCP sink baselines');
  const sink = await sinkFigure('TCP sink read rate (baseline)', load, settings);
  const fileSink = await fileSinkFigure(load, settings);
  const figures = [sink.figure, fileSink.figure];
  const sinks: Sinks = { plain: sink, file: fileSink };
  const maxRequests = Math.floor(MAX_RUN_BYTES / load.payloadBytesPerRequest);
  // acks=1 and acks=-1 alternate, each figure the median run: single runs on the bench VM moved
  // between 420 and 960 MB/s from one sitting to the next (the host backs fresh page-cache memory
  // at its own pace), and the first run of a sitting was often the slow one.
  const rounds = settings.quick ? 1 : ROUNDS;
  const runs = new Map<number, AcksRun[]>([[1, []], [-1, []]]);
  for (let round = 0; round < rounds; round++) {
    for (const acks of [1, -1]) {
      settings.log(`produce: acks=${acks}, round ${round + 1} of ${rounds}`);
      runs.get(acks)!.push(await acksRun(acks, settings, maxRequests));
    }
  }
  for (const [acks, all] of runs) {
    const median = [...all].sort((a, b) => mbPerSec(a.run.payloadBytes, a.run.elapsedMs) - mbPerSec(b.run.payloadBytes, b.run.elapsedMs))[all.length >> 1]!;
    const rates = all.map((r) => mbPerSec(r.run.payloadBytes, r.run.elapsedMs).toFixed(0)).join(', ');
    const how = all.length === 1 ? generator : `${generator}; median of ${all.length} runs, acks=1 and acks=-1 alternating, each on a fresh broker (runs: ${rates} MB/s)`;
    figures.push(produceFigure(`produce acks=${acks}`, median.run, sinks, how, median.cpu));
    figures.push({
      group: 'produce',
      name: `broker peak RSS (VmHWM) after acks=${acks}`,
      value: `${Math.max(...all.map((r) => r.peakRssMiB)).toFixed(0)} MiB`,
      versus: 'for reference',
      generator: '/proc/<pid>/status of the broker process, the highest of the runs',
    });
  }
  figures.push(await smallRecordsFigure(settings, maxRequests));
  figures.push(await memoryUnderLoadFigure(settings, PRODUCE_SHAPE));
  return figures;
}

const ROUNDS = 3;

interface AcksRun {
  run: ProduceRun;
  cpu: RunCpu;
  peakRssMiB: number;
}

/** One timed run on a fresh broker, after a warm-up, with the page cache's dirty data written back and free memory primed. */
async function acksRun(acks: number, settings: BenchSettings, maxRequests: number): Promise<AcksRun> {
  return withBroker(async (broker) => {
    const shape = { ...PRODUCE_SHAPE, topic: 'bench-produce', acks };
    await createTopic(broker.bootstrap, shape.topic, shape.partitions);
    await produceFor(broker.bootstrap, shape, settings.warmupMs);
    execSync('sync');
    primeFreeMemory(PRIME_BYTES);
    const { result, shares, ownShare } = await withCpuShares([broker.pid], () => produceFor(broker.bootstrap, shape, settings.runMs, maxRequests));
    return { run: result, cpu: { broker: shares[0]!, generator: ownShare }, peakRssMiB: processMemoryBytes(broker.pid, 'VmHWM') / 2 ** 20 };
  });
}

/** The issue's 100 B figure: 6 partitions, each request one 64 KiB batch per partition. */
const SMALL_RECORDS_SHAPE: Omit<ProduceShape, 'topic' | 'acks'> = { ...PRODUCE_SHAPE, partitions: 6, partitionsPerRequest: 6, recordBytes: 100 };
const SMALL_RECORDS_TARGET = 2.5e6;

async function smallRecordsFigure(settings: BenchSettings, maxRequests: number): Promise<Figure> {
  settings.log('produce: 100 B records');
  return withBroker(async (broker) => {
    const shape = { ...SMALL_RECORDS_SHAPE, topic: 'bench-small', acks: 1 };
    await createTopic(broker.bootstrap, shape.topic, shape.partitions);
    await produceFor(broker.bootstrap, shape, settings.warmupMs);
    primeFreeMemory(PRIME_BYTES);
    const { result, shares, ownShare } = await withCpuShares([broker.pid], () => produceFor(broker.bootstrap, shape, settings.runMs, maxRequests));
    const rate = perSec(result.records, result.elapsedMs);
    const cpu = { broker: shares[0]!, generator: ownShare };
    return {
      group: 'produce', name: 'produce 100 B records, acks=1', value: `${thousands(rate)} rec/s, ${mbPerSec(result.payloadBytes, result.elapsedMs).toFixed(1)} MB/s`,
      versus: `target >= ${thousands(SMALL_RECORDS_TARGET)} rec/s: ${verdict(rate >= SMALL_RECORDS_TARGET)}; ${cpuNote(cpu)}${result.errors > 0 ? `; ${result.errors} partition errors!` : ''}`,
      generator: `${describeShape(SMALL_RECORDS_SHAPE, produceRequests(shape).batchBytes).replace('1 KiB records', '100 B records')}; ${generatorCpuNote(cpu)}`,
    };
  });
}

export const produceGroup: FigureGroup = {
  name: 'produce',
  description: 'TCP sink baseline, then produce throughput with acks=1 and acks=-1, and 100 B records/s',
  usesBroker: true,
  run,
};
