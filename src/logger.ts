// Logs: JSON lines on stderr in pino's shape ({"level":30,"time":...,<bindings>,<fields>,"msg":...}),
// so tools that read pino's output read these; a compact readable line per entry on a terminal.
// Own code rather than pino: loading pino (and the worker_threads, assert and diagnostics_channel
// modules it pulls in) was about a tenth of the broker's own start-up. A pino logger still fits
// the Logger type, so a library user can pass one in.
import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';

export interface LogFn {
  (fields: object, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  /** Settable, as pino's: the change applies to this logger and to the children that share its
   * level (see child). */
  level: string;
  /** `options.level`: the child gets a level of its own, independent of this logger's (pino's
   * ChildLoggerOptions); without it, the child shares this logger's. */
  child(bindings: object, options?: { level?: string }): Logger;
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
}

/** Where formatted lines go (each ends with a newline). */
export interface LogDestination {
  write(line: string): void;
}

/** pino's level numbers; silent is above every level. */
const LEVEL_VALUES: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
export const LOG_LEVELS: readonly string[] = Object.keys(LEVEL_VALUES);
/** A level's name on a readable line, by its number. */
const LEVEL_LABELS = new Map(Object.entries(LEVEL_VALUES).map(([name, value]) => [value, name.toUpperCase()]));

export interface LoggerOptions {
  level: string;
  /** Readable lines instead of JSON; defaults to whether stderr is a terminal. */
  pretty?: boolean;
  /** Defaults to stderr, written synchronously so that nothing logged is lost at exit. */
  destination?: LogDestination;
}

/** Logs go to stderr, so stdout carries only what scripts read (the ready line, command output). */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.pretty ?? isatty(2);
  return new LineLogger(levelOf(options.level), options.destination ?? STDERR, pretty, {});
}

/** A level shared by a logger and the children made without one of their own. */
interface Level {
  name: string;
  threshold: number;
}

function levelOf(name: string): Level {
  const threshold = LEVEL_VALUES[name];
  if (threshold === undefined) throw new TypeError(`unknown log level ${JSON.stringify(name)}: one of ${LOG_LEVELS.join(', ')}`);
  return { name, threshold };
}

export function silentLogger(): Logger {
  return createLogger({ level: 'silent', pretty: false });
}

class LineLogger implements Logger {
  readonly fatal: LogFn;
  readonly error: LogFn;
  readonly warn: LogFn;
  readonly info: LogFn;
  readonly debug: LogFn;
  readonly trace: LogFn;

  constructor(
    private readonly shared: Level,
    private readonly out: LogDestination,
    private readonly pretty: boolean,
    private readonly bindings: Readonly<Record<string, unknown>>,
  ) {
    this.fatal = this.method(60);
    this.error = this.method(50);
    this.warn = this.method(40);
    this.info = this.method(30);
    this.debug = this.method(20);
    this.trace = this.method(10);
  }

  get level(): string {
    return this.shared.name;
  }

  set level(name: string) {
    const next = levelOf(name);
    this.shared.name = next.name;
    this.shared.threshold = next.threshold;
  }

  child(bindings: object, options?: { level?: string }): Logger {
    const level = options?.level !== undefined ? levelOf(options.level) : this.shared;
    return new LineLogger(level, this.out, this.pretty, { ...this.bindings, ...bindings });
  }

  private method(value: number): LogFn {
    const level = this.shared;
    return (fieldsOrMsg: object | string, msg?: string) => {
      if (value < level.threshold) return;
      // An error as the first argument is logged under `err`, as pino does.
      const fields = typeof fieldsOrMsg === 'string' ? undefined : fieldsOrMsg instanceof Error ? { err: fieldsOrMsg } : fieldsOrMsg;
      const text = typeof fieldsOrMsg === 'string' ? fieldsOrMsg : msg;
      this.out.write(this.pretty ? readableLine(value, this.bindings, fields, text) : jsonLine(value, this.bindings, fields, text));
    };
  }
}

function jsonLine(level: number, bindings: object, fields: object | undefined, msg: string | undefined): string {
  const entry: Record<string, unknown> = { level, time: Date.now(), ...bindings };
  if (fields !== undefined) for (const [k, v] of Object.entries(fields)) entry[k] = serialize(v);
  if (msg !== undefined) entry.msg = msg;
  return `${safeJson(entry)}\n`;
}

function readableLine(level: number, bindings: object, fields: object | undefined, msg: string | undefined): string {
  const time = new Date().toISOString().slice(11, 23);
  const parts = [`${time} ${(LEVEL_LABELS.get(level) ?? '?').padEnd(5)} ${msg ?? ''}`];
  for (const [k, v] of Object.entries({ ...bindings, ...fields })) {
    const value = serialize(v);
    parts.push(`${k}=${typeof value === 'object' && value !== null ? safeJson(value) : String(value)}`);
  }
  return `${parts.join(' ')}\n`;
}

/** Errors as pino's standard serializer writes them: their class, message, stack and own fields. */
function serialize(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const out: Record<string, unknown> = { type: value.constructor?.name ?? 'Error', message: value.message, stack: value.stack };
  for (const [k, v] of Object.entries(value)) if (!(k in out)) out[k] = v;
  if (value.cause !== undefined) out.cause = serialize(value.cause);
  return out;
}

/** JSON that a log call can never throw on: a cycle or a bigint is written as a string. */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    const seen = new WeakSet<object>();
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[Circular]';
        seen.add(v);
      }
      return v;
    });
  }
}

/** How long a full stderr pipe may hold up a log line before the line is dropped. */
const BUSY_WRITE_LIMIT_MS = 1_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** stderr by synchronous writes, as pino's sync destination: a pipe made non-blocking by a stream
 * elsewhere in the process answers EAGAIN when full, and the write waits for it a little. */
const STDERR: LogDestination = {
  write(line: string): void {
    let buf = Buffer.from(line);
    const started = Date.now();
    while (buf.length > 0) {
      try {
        buf = buf.subarray(writeSync(2, buf));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() - started > BUSY_WRITE_LIMIT_MS) return;
        Atomics.wait(sleeper, 0, 0, 1);
      }
    }
  },
};
