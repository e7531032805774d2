// A rolling restart under load: three processes, each in turn SIGTERMed (controlled shutdown),
// restarted and waited for until back in every ISR, while an idempotent kafkajs producer sends
// one record at a time with acks=all. The figure is the longest gap between two acknowledgements
// during the roll: what an application sees of an upgrade.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rollingRestart } from '../helpers/rolling-restart.js';
import type { BenchSettings, Figure, FigureGroup } from './report.js';

async function run(settings: BenchSettings): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-bench-roll-'));
  try {
    settings.log('rolling-restart: three processes, SIGTERM and restart each in turn');
    const r = await rollingRestart(dir, 'bench-roll', 6);
    const lost = r.acknowledged.filter((v) => !r.consumed.has(v)).length;
    return [{
      group: 'rolling-restart',
      name: 'longest produce stall during a rolling restart',
      value: `${r.maxStallMs} ms`,
      versus: `${r.acknowledged.length} records acknowledged, ${lost} lost, ${r.sendErrors.length} errors surfaced; leaders back on preferred replicas: ${r.leadersBalanced ? 'yes' : 'no'}`,
      generator: 'kafkajs idempotent producer, acks=-1, one record per send every 5 ms, 6 partitions RF 3, min.insync.replicas=2; '
        + 'three processes (kraftling start --config through tsx), each SIGTERMed, restarted and back in every ISR before the next',
    }];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const rollingRestartGroup: FigureGroup = {
  name: 'rolling-restart',
  description: 'three processes restarted one by one under acks=all produce: the longest produce stall',
  usesBroker: false,
  run,
};
