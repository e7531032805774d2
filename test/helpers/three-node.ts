// examples/three-node's server.properties with free ports and a temporary data directory, for tests
// that run the three nodes as three processes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/cluster/free-port.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/three-node');

/** Writes server-<i>.properties into `dir` (data in dir/node-<i>), with `extra` lines appended. */
export async function threeNodeConfigs(dir: string, extra: string[] = []): Promise<{ files: string[]; bootstrap: string }> {
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort('127.0.0.1')));
  const mapping = new Map([['9092', ports[0]], ['9093', ports[1]], ['9094', ports[2]], ['9192', ports[3]], ['9193', ports[4]], ['9194', ports[5]]]);
  const files = [1, 2, 3].map((i) => {
    const text = fs.readFileSync(path.join(EXAMPLES, `server-${i}.properties`), 'utf8')
      .replace(/:(9092|9093|9094|9192|9193|9194)\b/g, (_, p: string) => `:${mapping.get(p)}`)
      .replace(/^log\.dirs=.*$/m, `log.dirs=${path.join(dir, `node-${i}`)}`);
    const file = path.join(dir, `server-${i}.properties`);
    fs.writeFileSync(file, `${text}\n${extra.join('\n')}\n`);
    return file;
  });
  return { files, bootstrap: ports.slice(0, 3).map((p) => `127.0.0.1:${p}`).join(',') };
}
