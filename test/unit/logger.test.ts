// The logger writes pino's line shape (tools that read pino's JSON read kraftling's), drops what is
// below its level, and never throws from a log call, whatever the fields hold.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../src/logger.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function capture(level: string, pretty = false): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger({ level, pretty, destination: { write: (l) => { lines.push(l); } } }), lines };
}

describe('logger', () => {
  it('writes level, time, bindings, fields and msg, in that order, one line each', () => {
    const { log, lines } = capture('info');
    const before = Date.now();
    log.child({ node: 1 }).child({ listener: 'PLAINTEXT' }).warn({ port: 9092 }, 'listening');
    log.info('plain message');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l.endsWith('\n') && !l.slice(0, -1).includes('\n')).toBe(true);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['level', 'time', 'node', 'listener', 'port', 'msg']);
    expect(first).toMatchObject({ level: 40, node: 1, listener: 'PLAINTEXT', port: 9092, msg: 'listening' });
    expect(first.time as number).toBeGreaterThanOrEqual(before);
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 30, msg: 'plain message' });
  });

  it('drops entries below its level, and silent drops all', () => {
    const info = capture('info');
    info.log.debug('no');
    info.log.trace({ a: 1 }, 'no');
    info.log.error('yes');
    expect(info.lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['yes']);
    const silent = capture('silent');
    silent.log.fatal('no');
    silent.log.child({ a: 1 }).error('no');
    expect(silent.lines).toEqual([]);
  });

  it('serializes errors as pino does: type, message, stack and their own fields', () => {
    const { log, lines } = capture('info');
    const err = Object.assign(new RangeError('out of range', { cause: new Error('inner') }), { code: 'E_RANGE' });
    log.error({ err }, 'failed');
    const entry = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(entry.err).toMatchObject({ type: 'RangeError', message: 'out of range', code: 'E_RANGE', cause: { type: 'Error', message: 'inner' } });
    expect(entry.err.stack).toContain('out of range');
    // An error passed first is logged under err, as pino does.
    log.warn(new TypeError('bad input'), 'rejected');
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 40, err: { type: 'TypeError', message: 'bad input' }, msg: 'rejected' });
  });

  it('never throws on cycles or bigints', () => {
    const { log, lines } = capture('info');
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    expect(() => log.info({ cyclic, big: 10n }, 'odd fields')).not.toThrow();
    expect(JSON.parse(lines[0]!)).toMatchObject({ cyclic: { name: 'a', self: '[Circular]' }, big: '10', msg: 'odd fields' });
  });

  it('writes a readable line for a terminal', () => {
    const { log, lines } = capture('debug', true);
    log.child({ node: 2 }).debug({ offsets: [1, 2] }, 'fetched');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} DEBUG fetched node=2 offsets=\[1,2\]\n$/);
  });

  it('rejects an unknown level', () => {
    expect(() => createLogger({ level: 'verbose' })).toThrow(/unknown log level "verbose"/);
  });

  it('loses no line when stderr is a pipe its reader leaves full for a while', async () => {
    // 2,000 lines of 1 KiB into a pipe (64 KiB) nobody reads for 100 ms (well inside the 1 s a line may wait). A socket opened over fd 2
    // made the pipe non-blocking (as a parent sharing it may have), so the logger's writes get
    // EAGAIN, and wait it out.
    const script = `
      const net = await import('node:net');
      new net.Socket({ fd: 2, readable: false });
      const { createLogger } = await import(${JSON.stringify(path.join(ROOT, 'src/logger.ts'))});
      const log = createLogger({ level: 'info', pretty: false });
      for (let i = 0; i < 2000; i++) log.info({ i, pad: 'x'.repeat(1000) }, 'line');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    let err = '';
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    expect(await closed).toBe(0);
    const seen = err.trim().split('\n').map((l) => (JSON.parse(l) as { i: number }).i);
    expect(seen).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });

  it('changes level at run time: children share their parent\'s level unless made with their own', () => {
    const { log, lines } = capture('info');
    const node = log.child({ node: 1 }, { level: 'info' });
    const listener = node.child({ listener: 'PLAINTEXT' });
    const other = log.child({ node: 2 }, { level: 'info' });
    listener.debug('hidden');
    node.level = 'debug';
    expect([log.level, node.level, listener.level, other.level]).toEqual(['info', 'debug', 'debug', 'info']);
    listener.debug('shown');
    other.debug('hidden too');
    log.debug('and this');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['shown']);
    expect(() => { node.level = 'loud'; }).toThrow(/unknown log level "loud"/);
  });
});
