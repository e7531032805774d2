// `kraftling format`: writes meta.properties, as `kafka-storage format` does.
import fs from 'node:fs';
import { parseProperties } from '../src/config/properties.js';
import { ServerConfig } from '../src/config/server-config.js';
import { clusterIdProblem, ensureFormatted } from '../src/node/meta-properties.js';
import { UsageError } from './usage.js';
import { NodeFileSystem } from '../storage/node-file-system.js';

export async function runFormat(values: Record<string, unknown>): Promise<number> {
  const problem = values['cluster-id'] !== undefined ? clusterIdProblem(values['cluster-id'] as string) : undefined;
  if (problem) throw new UsageError(`--cluster-id: ${problem}`);
  const file = values.config ? parseProperties(fs.readFileSync(values.config as string, 'utf8')) : undefined;
  const overrides = new Map<string, string>();
  if (values['node-id'] !== undefined) overrides.set('node.id', String(values['node-id']));
  const config = ServerConfig.resolve({ file, overrides });
  const dirs = values['data-dir'] !== undefined
    ? [values['data-dir'] as string]
    : file !== undefined ? [...new Set([config.logDir, config.metadataLogDir])] : [`.kraftling/node-${config.nodeId}`];
  const clusterId = await ensureFormatted(new NodeFileSystem(), dirs, config.nodeId,
    { clusterId: values['cluster-id'] as string | undefined, autoFormat: true });
  process.stdout.write(`Formatted ${dirs.join(', ')} for node ${config.nodeId} of cluster ${clusterId}\n`);
  return 0;
}
