// A node killed with SIGKILL while much of a log was unflushed, then started again: the log is
// recovered (scanned batch by batch, CRC-checked, its indexes rebuilt) by the background opening,
// a slice at a time, while the node serves. The figures are how long that recovery took (the
// node's own log line) and how long one client's requests waited meanwhile: ApiVersions, one at a
// time on one connection, from the ready line until the recovery is done; and a produce to the log
// being recovered, which is refused as retriable until the log is ready, and sent again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode } from '../../protocol/errors.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { ApiVersionsApi } from '../../protocol/generated/api/18-api-versions.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { spawnBroker, type BrokerProcess } from './broker-process.js';
import { produceFor, produceRequests, type ProduceShape } from './produce-load.js';
import { BenchConnection, createTopic } from './raw-client.js';
import { percentile, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const TOPIC = 'bench-recovery';
const OPENED_LINE = 'opened the logs of the hosted partitions listed at the start';
const SHAPE: ProduceShape = { topic: TOPIC, partitions: 1, partitionsPerRequest: 1, batchBytes: 256 * 1024, acks: 1, connections: 1, window: 8 };

function start(dataDir: string): Promise<BrokerProcess> {
  return spawnBroker(['--data-dir', dataDir, '--port', '0', '--log-level', 'info'], undefined, 120_000);
}

/** Round trips of ApiVersions until the node logs that every listed log is open. */
async function probeUntilOpened(broker: BrokerProcess): Promise<number[]> {
  const conn = await BenchConnection.connect(broker.bootstrap);
  const rtts: number[] = [];
  try {
    const deadline = performance.now() + 120_000;
    while (!broker.stderr().includes(OPENED_LINE) && performance.now() < deadline) {
      const sent = performance.now();
      await conn.request(ApiVersionsApi, 0, { clientSoftwareName: '', clientSoftwareVersion: '' });
      rtts.push(performance.now() - sent);
    }
  } finally {
    conn.close();
  }
  return rtts;
}

/** A client's retry backoff between refusals of the produce to the log being recovered. */
const PRODUCE_RETRY_MS = 10;

/** One produce to the recovering partition, sent again after each retriable refusal until it is
 * acknowledged: how long that took from the ready line, and how many refusals came first. */
async function produceUntilAcknowledged(broker: BrokerProcess): Promise<{ ms: number; refusals: number }> {
  const conn = await BenchConnection.connect(broker.bootstrap);
  const started = performance.now();
  let refusals = 0;
  try {
    const records = encodeRecordBatch({ records: [{ key: null, value: Buffer.from('after the restart'), timestamp: Date.now() }] });
    for (;;) {
      const res = await conn.request(ProduceApi, 9, { transactionalId: null, acks: 1, timeoutMs: 30_000, topicData: [{ name: TOPIC, partitionData: [{ index: 0, records }] }] });
      const errorCode = res.responses[0]!.partitionResponses[0]!.errorCode;
      if (errorCode === ErrorCode.NONE) return { ms: performance.now() - started, refusals };
      if (errorCode !== ErrorCode.NOT_LEADER_OR_FOLLOWER || performance.now() - started > 120_000) throw new Error(`produce after the restart: error ${errorCode}`);
      refusals++;
      await new Promise((r) => setTimeout(r, PRODUCE_RETRY_MS));
    }
  } finally {
    conn.close();
  }
}

function openedMs(broker: BrokerProcess): number {
  const line = broker.stderr().split('\n').find((l) => l.includes(OPENED_LINE));
  if (line === undefined) throw new Error('the node did not log that its logs are open');
  return (JSON.parse(line) as { ms: number }).ms;
}

async function measure(settings: BenchSettings): Promise<Figure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-bench-recovery-'));
  try {
    const first = await start(dataDir);
    let bytes = 0;
    try {
      await createTopic(first.bootstrap, TOPIC, 1);
      const requests = Math.ceil(settings.recoveryFillBytes / produceRequests(SHAPE).payloadBytesPerRequest);
      settings.log(`recovery: writing ${(settings.recoveryFillBytes / 1e6).toFixed(0)} MB unflushed, then SIGKILL`);
      const run = await produceFor(first.bootstrap, SHAPE, 600_000, requests);
      if (run.errors > 0) throw new Error(`${run.errors} produce errors while filling`);
      bytes = run.payloadBytes;
    } finally {
      await first.kill();
    }
    const again = await start(dataDir);
    try {
      const [rtts, produced] = await Promise.all([probeUntilOpened(again), produceUntilAcknowledged(again)]);
      const ms = openedMs(again);
      // The first answer also waits for the start's own work (registration, the first images).
      const [firstRtt = NaN, ...rest] = rtts;
      return [
        {
          group: 'recovery', name: 'SIGKILL, restart: unflushed log recovered in the background',
          value: `${ms} ms`,
          versus: `${(bytes / 1e6).toFixed(0)} MB scanned at ${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s, a 4 MiB slice per turn of the event loop`,
          generator: 'raw client, pre-encoded 256 KiB batches, acks=1, to one partition; SIGKILL; the node\'s log line on opening the logs listed at the start',
        },
        {
          group: 'recovery', name: 'requests meanwhile, p50 / p99 / max (after the first)',
          value: `${percentile(rest, 50).toFixed(2)} / ${percentile(rest, 99).toFixed(2)} / ${Math.max(...rest).toFixed(1)} ms`,
          versus: `${rtts.length} ApiVersions round trips, the first ${firstRtt.toFixed(1)} ms; the whole scan at once would hold a request for about the recovery time`,
          generator: 'one connection, one request at a time, from the ready line until the log line',
        },
        {
          group: 'recovery', name: 'a produce to the log being recovered: acknowledged after',
          value: `${produced.ms.toFixed(0)} ms`,
          versus: `${produced.refusals} retriable refusals (NOT_LEADER_OR_FOLLOWER) before; the log's own recovery ${ms} ms`,
          generator: `another connection, from the ready line, sent again ${PRODUCE_RETRY_MS} ms after each refusal`,
        },
      ];
    } finally {
      await again.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export const recoveryGroup: FigureGroup = {
  name: 'recovery',
  description: 'SIGKILL with a large unflushed log, restart: background recovery time and request latency meanwhile',
  usesBroker: true,
  run: measure,
};
