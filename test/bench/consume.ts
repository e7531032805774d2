// Consume throughput: fill a topic with the produce generator, then read it back with raw Fetch
// requests, one in flight per partition (the next offset comes from the previous answer) and all
// partitions' fetches pipelined on one connection. Reads wrap around to offset 0 until the run time
// is up, so the figure does not depend on how fast the fill was. Then one pass from the start after
// the topic's files were dropped from the page cache: a consumer catching up on a log the broker
// has not read recently reads it from the disk. After the broker's passes the bench reads the
// topic's segment files itself, as the disk baseline reads its own: the same bytes in the same
// files, where the baseline's are freshly written (on the bench VM the two differed up to 2x).
import path from 'node:path';
import { FetchApi, type FetchRequest } from '../../protocol/generated/api/01-fetch.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { readResponseFrame } from '../../protocol/registry.js';
import { BASE_OFFSET, BATCH_LENGTH, LAST_OFFSET_DELTA, LOG_OVERHEAD, RECORD_COUNT, RECORDS } from '../../protocol/records/batch-header.js';
import { inTempDir, spawnBroker, withCpuShares, type BrokerProcess } from './broker-process.js';
import { diskReadBaseline, dropFromPageCache, filesUnder, readAtOnce } from './page-cache.js';
import { PRODUCE_SHAPE, cpuNote, generatorCpuNote, type RunCpu } from './produce.js';
import { produceFor, produceRequests } from './produce-load.js';
import { BenchConnection, createTopic, prepareRequest } from './raw-client.js';
import { cpuSecondsPerGb, mbPerSec, perSec, thousands, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const TOPIC = 'bench-consume';
const FETCH_VERSION = 12;
/**
 * Reads from the disk, each after dropping the topic's files from the page cache. On the bench VM
 * the first pass after the fill ran at 500-630 MB/s and the next ones at 1.2-2.4 GB/s, as fast as
 * from the page cache: the VM's host still caches what the guest dropped, so only the first pass
 * is reported as the figure, the others beside it. In the first, 60% of the broker's samples were
 * the kernel's copy out of the page cache (1.6 ms per 1 MiB pread).
 */
const COLD_PASSES = 3;
/** A Kafka consumer's default max.partition.fetch.bytes; each request names one partition. */
const FETCH_MAX_BYTES = 2 ** 20;

interface Cursor {
  partition: number;
  offset: number;
  /** The high watermark, learnt from the first answer. */
  endOffset: number;
  wrapped: boolean;
}

interface ReadTotals {
  bytes: number;
  records: number;
  fetches: number;
}

function fetchRequest(partition: number, fetchOffset: number): FetchRequest {
  return {
    clusterId: null, replicaId: -1, replicaState: { replicaId: -1, replicaEpoch: -1 },
    maxWaitMs: 0, minBytes: 1, maxBytes: FETCH_MAX_BYTES, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
    topics: [{
      topic: TOPIC, topicId: ZERO_UUID,
      partitions: [{
        partition, currentLeaderEpoch: -1, fetchOffset, lastFetchedEpoch: -1, logStartOffset: -1,
        partitionMaxBytes: FETCH_MAX_BYTES, replicaDirectoryId: ZERO_UUID,
      }],
    }],
    forgottenTopicsData: [], rackId: '',
  };
}

/** Counts the whole batches in a fetched buffer (a trailing partial batch is the client's to drop). */
function countBatches(records: Buffer, totals: ReadTotals): number {
  let pos = 0;
  let nextOffset = -1;
  while (pos + RECORDS <= records.length) {
    const size = LOG_OVERHEAD + records.readInt32BE(pos + BATCH_LENGTH);
    if (pos + size > records.length) break;
    nextOffset = Number(records.readBigInt64BE(pos + BASE_OFFSET)) + records.readInt32BE(pos + LAST_OFFSET_DELTA) + 1;
    totals.bytes += size;
    totals.records += records.readInt32BE(pos + RECORD_COUNT);
    pos += size;
  }
  return nextOffset;
}

/** Reads every partition from offset 0, wrapping around, until each has been read once and time is up. */
async function readBack(bootstrap: string, partitions: number, durationMs: number): Promise<ReadTotals & { elapsedMs: number }> {
  const conn = await BenchConnection.connect(bootstrap);
  const totals: ReadTotals = { bytes: 0, records: 0, fetches: 0 };
  const started = performance.now();
  const deadline = started + durationMs;
  const cursors: Cursor[] = Array.from({ length: partitions }, (_, partition) => ({ partition, offset: 0, endOffset: Infinity, wrapped: false }));
  try {
    await new Promise<void>((resolve, reject) => {
      conn.onFailure(reject);
      const fetchNext = (cursor: Cursor): void => {
        if (cursor.wrapped && performance.now() >= deadline) {
          if (conn.inFlight === 0) resolve();
          return;
        }
        conn.send(prepareRequest(FetchApi, FETCH_VERSION, fetchRequest(cursor.partition, cursor.offset)), (frame) => {
          const data = readResponseFrame(FetchApi, FETCH_VERSION, frame).body.responses[0]?.partitions[0];
          totals.fetches++;
          const next = data && data.errorCode === 0 && data.records ? countBatches(data.records, totals) : -1;
          if (next < 0) {
            reject(new Error(`fetch of partition ${cursor.partition} at ${cursor.offset} returned no batch (error ${data?.errorCode})`));
            return;
          }
          cursor.endOffset = data!.highWatermark;
          cursor.offset = next >= cursor.endOffset ? 0 : next;
          cursor.wrapped ||= next >= cursor.endOffset;
          fetchNext(cursor);
        });
      };
      for (const cursor of cursors) fetchNext(cursor);
    });
  } finally {
    conn.close();
  }
  return { ...totals, elapsedMs: performance.now() - started };
}

/** A broker on a data directory of its own (the cold read drops the topic's files from the cache). */
async function withDurableBroker<T>(body: (broker: BrokerProcess, dataDir: string) => Promise<T>): Promise<T> {
  return inTempDir('kraftling-bench-consume-', async (dataDir) => {
    const broker = await spawnBroker(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn']);
    try {
      return await body(broker, dataDir);
    } finally {
      await broker.stop();
    }
  });
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  const shape = { ...PRODUCE_SHAPE, topic: TOPIC, acks: 1 };
  const perRound = produceRequests(shape);
  // Whole rounds, so every partition holds the same number of batches.
  const rounds = Math.ceil(settings.consumeFillBytes / (perRound.payloadBytesPerRequest * perRound.requests.length));
  return withDurableBroker(async (broker, dataDir) => {
    await createTopic(broker.bootstrap, TOPIC, shape.partitions);
    settings.log(`consume: filling ${TOPIC} with ${(settings.consumeFillBytes / 1e6).toFixed(0)} MB`);
    const fill = await produceFor(broker.bootstrap, shape, Infinity, rounds * perRound.requests.length);
    settings.log('consume: reading back');
    await readBack(broker.bootstrap, shape.partitions, settings.warmupMs);
    const { result: read, shares, ownShare } = await withCpuShares([broker.pid], () => readBack(broker.bootstrap, shape.partitions, settings.runMs));
    const cpu = { broker: shares[0]!, generator: ownShare };
    const passes = read.bytes / fill.payloadBytes;
    const generator = `raw client: 1 conn, Fetch v${FETCH_VERSION}, one in flight per partition (${shape.partitions} pipelined), `
      + `max_bytes ${FETCH_MAX_BYTES / 2 ** 20} MiB, produced by the produce generator`;
    const figures: Figure[] = [{
      group: 'consume',
      name: 'consume (Fetch, data in page cache)',
      value: `${mbPerSec(read.bytes, read.elapsedMs).toFixed(1)} MB/s, ${thousands(perSec(read.records, read.elapsedMs))} rec/s`,
      versus: `${thousands(perSec(read.fetches, read.elapsedMs))} fetches/s; `
        + `${passes.toFixed(1)} passes over ${(fill.payloadBytes / 1e6).toFixed(0)} MB; ${cpuNote(cpu)}, `
        + `${cpuSecondsPerGb(cpu.broker, mbPerSec(read.bytes, read.elapsedMs)).toFixed(2)} CPU-s/GB; target: at least the produce acks=1 figure`,
      generator: `${generator}; ${generatorCpuNote(cpu)}`,
    }];
    settings.log(`consume: reading from the disk, ${COLD_PASSES} passes`);
    const coldPasses: { mbPerSec: number; run: ReadTotals & { elapsedMs: number }; cpu: RunCpu }[] = [];
    for (let pass = 0; pass < COLD_PASSES; pass++) {
      if (!dropFromPageCache(dataDir)) {
        return [...figures, { group: 'consume', name: 'consume from the disk (page cache dropped)', value: 'skipped', versus: 'needs python3 (posix_fadvise)', generator }];
      }
      // A run of no length: one pass over every partition, then stop.
      const { result: cold, shares: coldShares, ownShare: coldOwn } = await withCpuShares([broker.pid], () => readBack(broker.bootstrap, shape.partitions, 0));
      coldPasses.push({ mbPerSec: mbPerSec(cold.bytes, cold.elapsedMs), run: cold, cpu: { broker: coldShares[0]!, generator: coldOwn } });
    }
    // The first pass is the figure: later ones read what the VM's host still caches (see COLD_PASSES).
    const [first, ...later] = coldPasses;
    settings.log('consume: the topic\'s own files read by the bench, for comparison');
    dropFromPageCache(dataDir);
    const own = await readAtOnce(filesUnder(dataDir).filter((f) => path.basename(path.dirname(f)).startsWith(`${TOPIC}-`) && f.endsWith('.log')));
    settings.log('consume: the disk\'s own read rate, for comparison');
    const disk = await diskReadBaseline(first!.run.bytes, PRODUCE_SHAPE.partitions);
    const ceiling = disk === null ? '' : `; ${(100 * first!.mbPerSec / disk.mbPerSec).toFixed(0)}% of the disk read baseline below`;
    const baseline: Figure[] = disk === null ? [] : [{
      group: 'consume', name: 'disk read baseline (page cache dropped)', value: `${disk.mbPerSec.toFixed(1)} MB/s`,
      versus: 'the machine\'s ceiling for the figure above: the same bytes, freshly written, synced, dropped and read once; '
        + `CPU ${(disk.cpu * 100).toFixed(0)}%, ${cpuSecondsPerGb(disk.cpu, disk.mbPerSec).toFixed(2)} CPU-s/GB`,
      generator: `this process: ${PRODUCE_SHAPE.partitions} files (the topic's partitions), each read from start to end in 1 MiB reads, all at once on the thread pool, after fsync + POSIX_FADV_DONTNEED`,
    }];
    const ownFiles: Figure = {
      group: 'consume', name: 'the topic\'s own files read by the bench (page cache dropped)', value: `${own.mbPerSec.toFixed(1)} MB/s`,
      versus: `the same bytes in the same files, in the state of the broker's later passes (${later.map((p) => p.mbPerSec.toFixed(0)).join(', ')} MB/s): `
        + `a pass after them; CPU ${(own.cpu * 100).toFixed(0)}%, ${cpuSecondsPerGb(own.cpu, own.mbPerSec).toFixed(2)} CPU-s/GB`,
      generator: `this process: the topic's ${PRODUCE_SHAPE.partitions} segment files, each read from start to end in 1 MiB reads, all at once on the thread pool, after fsync + POSIX_FADV_DONTNEED`,
    };
    return [...figures, {
      group: 'consume',
      name: 'consume from the disk (page cache dropped)',
      value: `${first!.mbPerSec.toFixed(1)} MB/s, ${thousands(perSec(first!.run.records, first!.run.elapsedMs))} rec/s`,
      versus: `first pass over ${(first!.run.bytes / 1e6).toFixed(0)} MB after fsync + POSIX_FADV_DONTNEED of the topic's files; `
        + `${cpuNote(first!.cpu)}, ${cpuSecondsPerGb(first!.cpu.broker, first!.mbPerSec).toFixed(2)} CPU-s/GB; the same again: ${later.map((p) => p.mbPerSec.toFixed(0)).join(', ')} MB/s; target: at least the produce acks=1 figure${ceiling}`,
      generator: `${generator}; ${generatorCpuNote(first!.cpu)}`,
    }, ownFiles, ...baseline];
  });
}

export const consumeGroup: FigureGroup = {
  name: 'consume',
  description: 'fill a topic, read it back with pipelined raw Fetch requests from the page cache, then once from the disk',
  usesBroker: true,
  run,
};
