// The ceiling for produce throughput on this machine: a bare Node net.Server in its own process
// that only counts the bytes it reads, fed the same pre-encoded Produce frames over the same number
// of connections. The broker's produce rate is reported as a fraction of this rate.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { withCpuShares } from './broker-process.js';
import { hostPort, type PreparedRequest } from './raw-client.js';

// On end of input the sink answers with the byte count, so the client's clock stops once the
// server has read everything (what the broker's last Produce response also proves). Given a
// directory, it also appends what it reads to a file per connection with writeSync, as the
// broker's log does: the ceiling for a broker that writes its log on the event loop. The file is
// deleted at the end, so its dirty pages do not slow down the runs after it.
const SINK_SCRIPT = `
const fs = require('node:fs');
const net = require('node:net');
const dir = process.argv[1];
let files = 0;
const server = net.createServer((socket) => {
  let bytes = 0;
  const file = dir ? dir + '/' + files++ + '.log' : '';
  const fd = dir ? fs.openSync(file, 'w') : -1;
  socket.on('data', (chunk) => {
    if (fd >= 0) fs.writeSync(fd, chunk, 0, chunk.length, bytes);
    bytes += chunk.length;
  });
  socket.on('end', () => {
    if (fd >= 0) {
      fs.closeSync(fd);
      fs.unlinkSync(file);
    }
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(bytes));
    socket.end(b);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('sink ' + server.address().port + '\\n'));
`;

export interface SinkRun {
  frames: number;
  elapsedMs: number;
  /** CPU shares (1 = one core) of the sink process and of the feeding one (this process). */
  sinkCpu: number;
  feederCpu: number;
}

function startSink(fileDir: string | undefined): Promise<{ bootstrap: string; pid: number; stop: () => void }> {
  const args = ['-e', SINK_SCRIPT, ...(fileDir === undefined ? [] : [fileDir])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`tcp sink exited (${code})`)));
    child.stdout.once('data', (d: Buffer) => {
      const port = /sink (\d+)/.exec(d.toString())?.[1];
      if (port === undefined) reject(new Error(`tcp sink said "${d.toString()}"`));
      else resolve({ bootstrap: `127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill('SIGTERM') });
    });
  });
}

/**
 * Writes frames until the deadline or `maxBytes`, keeping up to `windowBytes` queued; resolves with
 * the frame count once the sink has read them all.
 */
function feed(bootstrap: string, frames: PreparedRequest[], windowBytes: number, deadline: number, maxBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let sentBytes = 0;
    let ended = false;
    const socket = net.connect(hostPort(bootstrap));
    const done = (): boolean => sentBytes >= maxBytes || performance.now() >= deadline;
    const pump = (): void => {
      if (ended) return;
      socket.cork();
      while (socket.writableLength < windowBytes && !done()) {
        const frame = frames[sent++ % frames.length]!;
        socket.write(frame.head);
        socket.write(frame.tail);
        sentBytes += frame.bytes;
      }
      socket.uncork();
      if (done()) {
        ended = true;
        socket.end();
      }
    };
    socket.on('connect', pump);
    socket.on('drain', pump);
    socket.on('error', reject);
    socket.once('data', (count: Buffer) => {
      const bytes = Number(count.readBigInt64BE(0));
      if (bytes !== sentBytes) reject(new Error(`sink read ${bytes} bytes of ${sentBytes}`));
      else resolve(sent);
    });
  });
}

export interface SinkOptions {
  connections: number;
  /** Bytes the client keeps queued per connection. */
  windowBytes: number;
  durationMs: number;
  /** Stop after about this many bytes even if time is left. */
  maxBytes: number;
  /** Append what is read to files in this directory. */
  fileDir?: string;
}

/** The sink's read rate over `connections` connections, in a fresh sink process. */
export async function runTcpBaseline(frames: PreparedRequest[], options: SinkOptions): Promise<SinkRun> {
  const sink = await startSink(options.fileDir);
  try {
    const started = performance.now();
    const deadline = started + options.durationMs;
    const perConnectionBytes = options.maxBytes / options.connections;
    const { result: runs, shares, ownShare } = await withCpuShares([sink.pid], () => Promise.all(Array.from({ length: options.connections },
      () => feed(sink.bootstrap, frames, options.windowBytes, deadline, perConnectionBytes))));
    return { frames: runs.reduce((n, frames) => n + frames, 0), elapsedMs: performance.now() - started, sinkCpu: shares[0]!, feederCpu: ownShare };
  } finally {
    sink.stop();
  }
}
