// A real headless Chromium (Debian's `chromium` package) driven over the Chrome DevTools Protocol.
// The protocol runs over --remote-debugging-pipe (JSON messages separated by NUL bytes on file
// descriptors 3 and 4), so no WebSocket client and no browser-automation package is needed.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { which } from './system.js';

export const CHROMIUM = ['chromium', 'chromium-browser'].find(which);

interface Pending {
  resolve: (result: Record<string, unknown>) => void;
  reject: (err: Error) => void;
}

export class HeadlessChromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffered = '';

  private constructor(private readonly child: ChildProcess, private readonly profileDir: string) {
    const input = child.stdio[4] as Readable;
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => this.receive(chunk));
    child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  static launch(): HeadlessChromium {
    if (!CHROMIUM) throw new Error('chromium is not installed');
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-chromium-'));
    // Chromium puts its singleton socket in a directory of its own under TMPDIR and removes it only
    // on a clean exit; pointing TMPDIR into the profile makes it go with the profile.
    const tmpDir = path.join(profileDir, 'tmp');
    fs.mkdirSync(tmpDir);
    // A process group of its own: close() ends its helper processes (renderer, zygote) with it.
    const child = spawn(CHROMIUM, [
      '--headless', '--remote-debugging-pipe', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--no-first-run', '--no-default-browser-check', '--disable-extensions', `--user-data-dir=${profileDir}`, 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, TMPDIR: tmpDir } });
    return new HeadlessChromium(child, profileDir);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.child.stdio[3] as Writable).write(`${message}\0`);
    });
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let end;
    while ((end = this.buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.buffered.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
      this.buffered = this.buffered.slice(end + 1);
      const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiter) continue;
      this.pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result ?? {});
    }
  }

  /** A new tab at `url`, sized width x height. */
  async open(url: string, width = 1280, height = 1000): Promise<Page> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' }) as { targetId: string };
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true }) as { sessionId: string };
    const page = new Page(this, sessionId);
    await page.call('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    await page.call('Page.navigate', { url });
    await page.waitFor('document.readyState === "complete"');
    return page;
  }

  async close(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await exited;
    }
    // Its helper processes outlive the browser and kept writing to the profile while it was
    // removed (ENOTEMPTY in two CI runs): the whole group goes first.
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
    try {
      fs.rmSync(this.profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (err) {
      // A temporary profile left behind is no failure of the test that used it.
      console.warn(`headless chromium: profile ${this.profileDir} not removed: ${(err as Error).message}`);
    }
  }
}

export class Page {
  constructor(private readonly browser: HeadlessChromium, private readonly sessionId: string) {}

  call(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.browser.send(method, params, this.sessionId);
  }

  /** Evaluates a JS expression in the page and returns its (JSON-able) value. */
  async evaluate<T>(expression: string): Promise<T> {
    const res = await this.call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }) as
      { result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (res.exceptionDetails) throw new Error(res.exceptionDetails.exception?.description ?? res.exceptionDetails.text);
    return res.result.value as T;
  }

  /** Polls `expression` until it is truthy (and returns it), or fails after timeoutMs with `what`. */
  async waitFor<T>(expression: string, timeoutMs = 30_000, what = expression): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate<T>(expression).catch(() => undefined);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async screenshot(): Promise<Buffer> {
    const { data } = await this.call('Page.captureScreenshot', { format: 'png' }) as { data: string };
    return Buffer.from(data, 'base64');
  }
}
