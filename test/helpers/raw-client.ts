// A minimal Kafka client over real TCP using the project's own codecs: for tests that need exact
// control of requests (versions, raw record bytes, malformed frames).
import net from 'node:net';
import type { ApiDefinition } from '../../protocol/definition.js';
import { readResponseFrame, writeRequestFrame } from '../../protocol/registry.js';

export class RawClient {
  private buffered = Buffer.alloc(0);
  private readonly waiting: { resolve: (frame: Buffer) => void; reject: (err: Error) => void }[] = [];
  private correlationId = 1;
  private closedWith: Error | undefined;
  /** The client id requests carry (quotas are per client id). */
  clientId = 'raw-client';

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (err: Error): void => {
      this.closedWith = err;
      for (const w of this.waiting.splice(0)) w.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  static connect(address: string): Promise<RawClient> {
    const [host, port] = address.split(',')[0]!.split(':') as [string, string];
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port: Number(port) }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends a request and resolves with its decoded response body. */
  async request<Req, Res>(api: ApiDefinition<Req, Res>, version: number, body: Req): Promise<Res> {
    const cid = this.correlationId++;
    const frame = this.send(writeRequestFrame(api, version, cid, this.clientId, body));
    const { correlationId, body: res } = readResponseFrame(api, version, await frame);
    if (correlationId !== cid) throw new Error(`correlation id ${correlationId}, expected ${cid}`);
    return res;
  }

  /** Sends raw bytes; resolves with the next response frame (without its size prefix). */
  send(bytes: Buffer | Buffer[]): Promise<Buffer> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const p = new Promise<Buffer>((resolve, reject) => this.waiting.push({ resolve, reject }));
    for (const b of Array.isArray(bytes) ? bytes : [bytes]) this.socket.write(b);
    return p;
  }

  /** Resolves when the server closes the connection. */
  closed(): Promise<void> {
    if (this.socket.destroyed || this.closedWith) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (this.buffered.length < 4 + size) return;
      const frame = this.buffered.subarray(4, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      this.waiting.shift()?.resolve(frame);
    }
  }
}
