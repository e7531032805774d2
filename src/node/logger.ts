// pino loggers: JSON lines when stdout is not a terminal (CI, log collectors), a compact readable
// line per entry when it is. The readable form is a tiny in-process stream rather than
// pino-pretty, which would cost more start-up time than the broker itself.
import pino, { type Logger } from 'pino';

export type { Logger };

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

function prettyStream(out: NodeJS.WriteStream): { write(line: string): void } {
  return {
    write(line: string) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      const time = new Date(entry.time as number).toISOString().slice(11, 23);
      const fields = Object.entries(entry)
        .filter(([k]) => !HIDDEN.has(k))
        .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
      out.write(`${time} ${(LEVELS[entry.level as number] ?? '?').padEnd(5)} ${entry.msg ?? ''}${fields.length ? ' ' + fields.join(' ') : ''}\n`);
    },
  };
}

export interface LoggerOptions {
  level: string;
  /** Readable lines instead of JSON; defaults to whether stderr is a terminal. */
  pretty?: boolean;
}

/** Logs go to stderr, so stdout carries only what scripts read (the ready line, command output). */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.pretty ?? process.stderr.isTTY === true;
  const dest = pretty ? prettyStream(process.stderr) : pino.destination({ fd: 2, sync: true });
  return pino({ level: options.level, base: undefined, serializers: { err: pino.stdSerializers.err } }, dest);
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
