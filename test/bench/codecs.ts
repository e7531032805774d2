// The codec micro-benchmarks of protocol.ts (CRC-32C, produce-path validation, full decode), in the
// bench's table: the per-byte costs behind the produce and consume figures.
import { runProtocolBench } from './protocol.js';
import type { BenchSettings, Figure, FigureGroup } from './report.js';

function size(bytes: number): string {
  return bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  settings.log('protocol: codec micro-benchmarks');
  const figures = await runProtocolBench(() => {});
  return figures.map((f) => ({
    group: 'protocol',
    name: `${f.name} of a ${size(f.batchBytes)} batch`,
    value: `${f.mbPerSec.toFixed(0)} MB/s`,
    versus: 'for reference',
    generator: 'in the bench process, no I/O (test/bench/protocol.ts)',
  }));
}

export const protocolGroup: FigureGroup = {
  name: 'protocol',
  description: 'codec micro-benchmarks (test/bench/protocol.ts)',
  usesBroker: false,
  run,
};
