// The bench's Kafka client: one TCP connection, requests pre-encoded once with our codecs and sent
// many times (only the correlation id changes), many in flight, responses matched in order. It does
// as little per request as a client can, so the figures measure the broker, not the client.
import net from 'node:net';
import type { ApiDefinition } from '../../protocol/definition.js';
import { readResponseFrame, writeRequestFrame } from '../../protocol/registry.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { DeleteTopicsApi } from '../../protocol/generated/api/20-delete-topics.js';
import { ListOffsetsApi } from '../../protocol/generated/api/02-list-offsets.js';
import { FrameAssembler } from './frame-assembler.js';

const CLIENT_ID = 'kraftling-bench';
/** Size prefix, api key, api version and correlation id: the bytes before the client id. */
const HEAD_BYTES = 12;
const LATEST_TIMESTAMP = -1;
/** Bytes one socket read may fill: large, so a big fetch answer takes few reads. */
const READ_BUFFER_BYTES = 1 << 20;

/** A request frame encoded once; `head` carries a placeholder correlation id. */
export interface PreparedRequest {
  head: Buffer;
  tail: Buffer;
  /** Whole frame, size prefix included. */
  bytes: number;
}

/** Receives a response frame (no size prefix), which is valid only until the callback returns. */
export type ResponseCallback = (frame: Buffer) => void;

interface Waiter {
  correlationId: number;
  onResponse: ResponseCallback;
}

export function prepareRequest<Req>(api: ApiDefinition<Req>, version: number, body: Req): PreparedRequest {
  const frame = Buffer.concat(writeRequestFrame(api, version, 0, CLIENT_ID, body));
  return { head: frame.subarray(0, HEAD_BYTES), tail: frame.subarray(HEAD_BYTES), bytes: frame.length };
}

export function hostPort(bootstrap: string): { host: string; port: number } {
  const [host, port] = bootstrap.split(',')[0]!.split(':') as [string, string];
  return { host, port: Number(port) };
}

export class BenchConnection {
  /** Requests sent and not yet answered, oldest first from `answered` on: an index instead of
   * shift(), which copies the array and made the client, not the broker, fall behind at 150,000
   * requests/s in flight by the hundred thousand. */
  private waiting: Waiter[] = [];
  private answered = 0;
  private readonly failureListeners: ((err: Error) => void)[] = [];
  private readonly frames = new FrameAssembler((frame) => this.onFrame(frame));
  private nextCorrelationId = 1;
  private corked = false;
  private failure: Error | undefined;
  private readonly socket: net.Socket;

  private constructor(bootstrap: string) {
    const readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    const onread = { buffer: readBuffer, callback: (n: number): boolean => (this.frames.push(readBuffer, n), true) };
    this.socket = net.connect({ ...hostPort(bootstrap), onread });
    this.socket.setNoDelay(true);
    this.socket.on('error', (err) => this.fail(err));
    this.socket.on('close', () => this.fail(new Error('connection closed by the broker')));
  }

  static connect(bootstrap: string): Promise<BenchConnection> {
    const conn = new BenchConnection(bootstrap);
    return new Promise((resolve, reject) => {
      conn.onFailure(reject);
      conn.socket.once('connect', () => {
        // From here on, failures go to the requests and pipelines using the connection.
        conn.failureListeners.splice(0);
        resolve(conn);
      });
    });
  }

  get inFlight(): number {
    return this.waiting.length - this.answered;
  }

  /** Calls `onFailure` once if the connection dies before the bench closes it. */
  onFailure(onFailure: (err: Error) => void): void {
    this.failureListeners.push(onFailure);
  }

  /**
   * Queues one request. Writes made in the same tick leave in one writev: the socket is corked
   * until the next tick, as a client refilling its window after a burst of responses would do.
   */
  send(request: PreparedRequest, onResponse: ResponseCallback): void {
    if (this.failure) throw this.failure;
    const correlationId = this.nextCorrelationId++ | 0;
    const head = Buffer.allocUnsafe(HEAD_BYTES);
    request.head.copy(head);
    head.writeInt32BE(correlationId, 8);
    this.waiting.push({ correlationId, onResponse });
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(head);
    this.socket.write(request.tail);
  }

  /** One request, encoded now, answered with its decoded body. */
  request<Req, Res>(api: ApiDefinition<Req, Res>, version: number, body: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      this.onFailure(reject);
      try {
        // A copy: the decoded body may hold views of the frame, which the connection reuses.
        this.send(prepareRequest(api, version, body), (frame) => resolve(readResponseFrame(api, version, Buffer.from(frame)).body));
      } catch (err) {
        reject(err as Error);
      }
    });
  }

  close(): void {
    this.failure ??= new Error('connection closed by the bench');
    this.socket.destroy();
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const listener of this.failureListeners.splice(0)) listener(err);
  }

  private onFrame(frame: Buffer): boolean {
    const waiter = this.waiting[this.answered] as Waiter | undefined;
    if (waiter !== undefined) this.answered++;
    if (this.answered > 1024 && this.answered * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.answered);
      this.answered = 0;
    }
    const correlationId = frame.readInt32BE(0);
    if (waiter?.correlationId !== correlationId) {
      this.fail(new Error(`response with correlation id ${correlationId}, expected ${waiter?.correlationId}`));
      this.socket.destroy();
      return false;
    }
    waiter.onResponse(frame);
    return true;
  }
}

/** Creates a topic (one replica) and fails loudly when the broker refuses. */
/** `replicas`: the brokers of every partition, the first its preferred leader (default: RF 1, placed
 * by the controller). */
export async function createTopic(bootstrap: string, name: string, numPartitions: number, replicas?: number[]): Promise<void> {
  const conn = await BenchConnection.connect(bootstrap);
  try {
    const assignments = replicas === undefined ? [] : Array.from({ length: numPartitions }, (_, partitionIndex) => ({ partitionIndex, brokerIds: replicas }));
    const res = await conn.request(CreateTopicsApi, 7, {
      topics: [{
        name, numPartitions: replicas === undefined ? numPartitions : -1, replicationFactor: replicas === undefined ? 1 : -1, assignments, configs: [],
      }],
      timeoutMs: 30_000,
      validateOnly: false,
    });
    const result = res.topics[0];
    if (!result || result.errorCode !== 0) {
      throw new Error(`CreateTopics ${name}: error ${result?.errorCode} ${result?.errorMessage ?? ''}`);
    }
  } finally {
    conn.close();
  }
}

/** Deletes a topic and fails loudly when the broker refuses. */
export async function deleteTopic(bootstrap: string, name: string): Promise<void> {
  const conn = await BenchConnection.connect(bootstrap);
  try {
    const res = await conn.request(DeleteTopicsApi, 4, { topics: [], topicNames: [name], timeoutMs: 30_000 });
    const result = res.responses[0];
    if (!result || result.errorCode !== 0) throw new Error(`DeleteTopics ${name}: error ${result?.errorCode}`);
  } finally {
    conn.close();
  }
}

/** Sum of the partitions' log end offsets: how many records a topic holds after a fresh start. */
export async function recordsInTopic(bootstrap: string, topic: string, numPartitions: number): Promise<number> {
  const conn = await BenchConnection.connect(bootstrap);
  try {
    const partitions = Array.from({ length: numPartitions }, (_, partitionIndex) => ({
      partitionIndex, currentLeaderEpoch: -1, timestamp: LATEST_TIMESTAMP, maxNumOffsets: 1,
    }));
    const res = await conn.request(ListOffsetsApi, 7, { replicaId: -1, isolationLevel: 0, topics: [{ name: topic, partitions }], timeoutMs: 0 });
    return res.topics.flatMap((t) => t.partitions).reduce((sum, p) => sum + Math.max(0, p.offset), 0);
  } finally {
    conn.close();
  }
}
