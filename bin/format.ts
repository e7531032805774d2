// `kraftling format`: writes meta.properties, as `kafka-storage format` does.
import fs from 'node:fs';
import { parseProperties } from '../src/config/properties.js';
import { ServerConfig } from '../src/config/server-config.js';
import { clusterIdProblem, ensureFormatted, randomUuid, readMetaProperties } from '../src/node/meta-properties.js';
import { parseInitialControllers, standaloneVoter, writeBootstrapVoters } from '../src/node/bootstrap-voters.js';
import type { Voter } from '../src/raft/index.js';
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
  const metadataDir = dirs[dirs.length - 1]!;
  const voters = initialVoters(values, config, metadataDir);
  const directoryId = voters?.find((v) => v.id === config.nodeId)?.directoryId;
  const fresh = readMetaProperties(files, metadataDir) === undefined;
  const clusterId = await ensureFormatted(files, dirs, config.nodeId, {
    clusterId: values['cluster-id'] as string | undefined, autoFormat: true,
    directoryIds: directoryId !== undefined ? new Map([[metadataDir, directoryId]]) : undefined,
  });
  // KIP-853: the initial voters and kraft.version 1 go into the bootstrap snapshot, once.
  if (voters !== undefined && fresh) await writeBootstrapVoters(files, metadataDir, voters, Date.now());
  // As kafka-storage: SCRAM users go into bootstrap.checkpoint, committed by the first controller.
  if (scram.length > 0) await writeBootstrapRecords(files, dirs[dirs.length - 1]!, scram, Date.now());
  process.stdout.write(`Formatted ${dirs.join(', ')} for node ${config.nodeId} of cluster ${clusterId}\n`);
  return 0;
}

/** --standalone or --initial-controllers (kafka-storage format's flags), or undefined for neither. */
function initialVoters(values: Record<string, unknown>, config: ServerConfig, metadataDir: string): Voter[] | undefined {
  const standalone = values.standalone === true;
  const initial = values['initial-controllers'] as string | undefined;
  if (!standalone && initial === undefined) return undefined;
  if (standalone && initial !== undefined) throw new UsageError('--standalone and --initial-controllers exclude each other');
  if (config.voters.length > 0) {
    throw new UsageError('--standalone and --initial-controllers format a dynamic quorum: remove controller.quorum.voters (use controller.quorum.bootstrap.servers)');
  }
  try {
    if (standalone) return [standaloneVoter(config, readExistingDirectoryId(metadataDir) ?? randomUuid())];
    return parseInitialControllers(initial!, config.controllerListenerNames[0] ?? 'CONTROLLER');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function readExistingDirectoryId(dir: string): string | undefined {
  return readMetaProperties(new NodeFileSystem(), dir)?.directoryId;
}
