// `kraftling storage info`: what meta.properties says in each data directory (kafka-storage info).
import fs from 'node:fs';
import path from 'node:path';
import { parseProperties } from '../../src/config/properties.js';
import { ServerConfig } from '../../src/config/server-config.js';
import { UsageError } from '../usage.js';

export async function runStorageInfo(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  if (positionals[0] !== 'info') throw new UsageError('the only action is `info`');
  let dirs = (values['data-dir'] as string[] | undefined) ?? [];
  if (values.config !== undefined) {
    const config = ServerConfig.resolve({ file: parseProperties(fs.readFileSync(values.config as string, 'utf8')) });
    dirs = [...new Set([...dirs, config.logDir, config.metadataLogDir])];
  }
  if (dirs.length === 0) throw new UsageError('give -c FILE or -d DIR');
  let problems = 0;
  for (const dir of dirs) {
    const file = path.join(dir, 'meta.properties');
    if (!fs.existsSync(file)) {
      process.stdout.write(`${dir}: not formatted (no meta.properties)\n`);
      problems++;
      continue;
    }
    const props = parseProperties(fs.readFileSync(file, 'utf8'));
    process.stdout.write(`${dir}: ${[...props].map(([k, v]) => `${k}=${v}`).join(', ')}\n`);
  }
  const ids = new Set(dirs.flatMap((d) => {
    const f = path.join(d, 'meta.properties');
    return fs.existsSync(f) ? [parseProperties(fs.readFileSync(f, 'utf8')).get('cluster.id')] : [];
  }));
  if (ids.size > 1) {
    process.stdout.write(`Found problem: the directories belong to different clusters (${[...ids].join(', ')})\n`);
    problems++;
  }
  return problems > 0 ? 1 : 0;
}
