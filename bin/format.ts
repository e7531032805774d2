// `kraftling format`: writes meta.properties, as `kafka-storage format` does.
import fs from 'node:fs';
import { parseProperties } from '../src/config/properties.js';
import { ServerConfig } from '../src/config/server-config.js';
import { clusterIdProblem, ensureFormatted } from '../src/node/meta-properties.js';
import { scramRecordFromArgument, writeBootstrapRecords } from '../src/node/bootstrap-records.js';
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
  const scram = ((values['add-scram'] as string[] | undefined) ?? []).map((arg) => {
    try {
      return scramRecordFromArgument(arg);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  });
  const files = new NodeFileSystem();
  const clusterId = await ensureFormatted(files, dirs, config.nodeId,
    { clusterId: values['cluster-id'] as string | undefined, autoFormat: true });
  // As kafka-storage: SCRAM users go into bootstrap.checkpoint, committed by the first controller.
  if (scram.length > 0) await writeBootstrapRecords(files, dirs[dirs.length - 1]!, scram, Date.now());
  process.stdout.write(`Formatted ${dirs.join(', ')} for node ${config.nodeId} of cluster ${clusterId}\n`);
  return 0;
}
