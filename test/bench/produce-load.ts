// The produce load generator shared by the produce, consume and baseline figures: RecordBatches of
// 1 KiB records encoded once, wrapped in Produce requests encoded once, then sent over several
// connections with a window of requests in flight on each (Kafka answers in order per connection).
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { readResponseFrame } from '../../protocol/registry.js';
import { BATCH_HEADER_BYTES } from '../../protocol/records/batch-header.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { BenchConnection, prepareRequest, type PreparedRequest } from './raw-client.js';

export const PRODUCE_VERSION = 9;
export const RECORD_BYTES = 1024;
/** Bytes a record of RECORD_BYTES with a null key adds to a batch beyond its value. */
const RECORD_OVERHEAD_BYTES = 9;

export interface ProduceShape {
  topic: string;
  partitions: number;
  /** Partitions in each request (each gets one batch); divides `partitions`. */
  partitionsPerRequest: number;
  batchBytes: number;
  acks: number;
  connections: number;
  /** Requests in flight per connection. */
  window: number;
  /** Value bytes of each record (default RECORD_BYTES). */
  recordBytes?: number;
}

export interface ProduceRequests {
  requests: PreparedRequest[];
  recordsPerRequest: number;
  /** RecordBatch bytes in each request: what MB/s counts. */
  payloadBytesPerRequest: number;
  batchBytes: number;
}

/** The requests of one round over all partitions, each carrying `partitionsPerRequest` batches. */
export function produceRequests(shape: ProduceShape): ProduceRequests {
  const recordBytes = shape.recordBytes ?? RECORD_BYTES;
  const value = Buffer.alloc(recordBytes, 0x6b);
  // A record's varint length fields take a byte less below 64 value bytes; the estimate only sizes the batch.
  const count = Math.max(1, Math.floor((shape.batchBytes - BATCH_HEADER_BYTES) / (recordBytes + RECORD_OVERHEAD_BYTES)));
  const timestamp = Date.now();
  const records = Array.from({ length: count }, () => ({ key: null, value, timestamp }));
  const batch = encodeRecordBatch({ records });
  const requests: PreparedRequest[] = [];
  for (let first = 0; first < shape.partitions; first += shape.partitionsPerRequest) {
    const partitionData = Array.from({ length: shape.partitionsPerRequest }, (_, i) => ({ index: first + i, records: batch }));
    requests.push(prepareRequest(ProduceApi, PRODUCE_VERSION, {
      transactionalId: null, acks: shape.acks, timeoutMs: 30_000, topicData: [{ name: shape.topic, partitionData }],
    }));
  }
  return {
    requests,
    recordsPerRequest: count * shape.partitionsPerRequest,
    payloadBytesPerRequest: batch.length * shape.partitionsPerRequest,
    batchBytes: batch.length,
  };
}

/** Counts partitions answered with an error code in one Produce response. */
export function produceErrors(frame: Buffer): number {
  const { body } = readResponseFrame(ProduceApi, PRODUCE_VERSION, frame);
  let errors = 0;
  for (const topic of body.responses) for (const p of topic.partitionResponses) if (p.errorCode !== 0) errors++;
  return errors;
}

interface PipelineResult {
  requests: number;
  errors: number;
  elapsedMs: number;
}

/**
 * Keeps `window` requests in flight on each connection while `next` hands out requests, then waits
 * for the last answers. `check` returns the error count of one response.
 */
async function runPipelines(
  conns: BenchConnection[], window: number, next: () => PreparedRequest | null, check: (frame: Buffer) => number,
): Promise<PipelineResult> {
  const started = performance.now();
  let requests = 0;
  let errors = 0;
  const one = (conn: BenchConnection): Promise<void> => new Promise((resolve, reject) => {
    conn.onFailure(reject);
    let exhausted = false;
    const onResponse = (frame: Buffer): void => {
      requests++;
      errors += check(frame);
      if (!exhausted) refill();
      if (conn.inFlight === 0) resolve();
    };
    const refill = (): void => {
      while (conn.inFlight < window) {
        const request = next();
        if (request === null) {
          exhausted = true;
          return;
        }
        conn.send(request, onResponse);
      }
    };
    refill();
    if (conn.inFlight === 0) resolve();
  });
  await Promise.all(conns.map(one));
  return { requests, errors, elapsedMs: performance.now() - started };
}

/** Hands out the round's requests in turn until `stop()` says so. */
function cycle(requests: PreparedRequest[], stop: (handedOut: number) => boolean): () => PreparedRequest | null {
  let handedOut = 0;
  return () => (stop(handedOut) ? null : requests[handedOut++ % requests.length]!);
}

export interface ProduceRun {
  requests: number;
  errors: number;
  elapsedMs: number;
  records: number;
  payloadBytes: number;
}

/** Produces for `durationMs` (or until `maxRequests`), over fresh connections. */
export async function produceFor(bootstrap: string, shape: ProduceShape, durationMs: number, maxRequests = Infinity): Promise<ProduceRun> {
  const load = produceRequests(shape);
  const conns = await Promise.all(Array.from({ length: shape.connections }, () => BenchConnection.connect(bootstrap)));
  try {
    const deadline = performance.now() + durationMs;
    const next = cycle(load.requests, (n) => n >= maxRequests || performance.now() >= deadline);
    const run = await runPipelines(conns, shape.window, next, produceErrors);
    return { ...run, records: run.requests * load.recordsPerRequest, payloadBytes: run.requests * load.payloadBytesPerRequest };
  } finally {
    for (const c of conns) c.close();
  }
}
