// A node says once when its applied metadata falls behind the leader's high watermark, and once
// when it is back: a log line on change, not one per commit.
import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../../src/logger.js';
import { MetadataLag } from '../../../src/kraft/quorum-addresses.js';

function capture(): { lines: { level: number; msg: string }[]; logger: Logger } {
  const lines: { level: number; msg: string }[] = [];
  const logger = createLogger({ level: 'info', pretty: false, destination: { write: (s: string) => { lines.push(JSON.parse(s)); } } });
  return { lines, logger };
}

describe('metadata lag log line', () => {
  it('logs once when lagging and once when caught up', () => {
    const { lines, logger } = capture();
    const lag = new MetadataLag(logger);
    lag.note(99, 150);
    lag.note(99, 5000);
    lag.note(2000, 5000);
    lag.note(4950, 5000);
    lag.note(4999, 5000);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, 'the applied metadata lags the leader'],
      [30, 'the applied metadata caught up with the leader'],
    ]);
  });
});
