// `bootstrap.checkpoint` in the metadata log directory, as `kafka-storage format` writes it: records
// the first active controller of an empty metadata log commits with the metadata.version (today,
// the SCRAM users of `kraftling format --add-scram`). Snapshot format (KIP-630), like Kafka's.
import { randomBytes } from 'node:crypto';
import { saltedPassword, scramCredential, scramMechanism, SCRAM_MAX_ITERATIONS, SCRAM_MIN_ITERATIONS } from '../broker/sasl/scram.js';
import { decodeSnapshot, encodeSnapshot } from '../metadata/snapshot-format.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';
import { joinPath, type FileSystem } from '../../storage/file-system.js';


export const BOOTSTRAP_FILE = 'bootstrap.checkpoint';

/** The records of a data directory's bootstrap file, or none when it has no such file. */
export function readBootstrapRecords(fs: FileSystem, metadataLogDir: string): MetadataRecord[] {
  const file = joinPath(metadataLogDir, BOOTSTRAP_FILE);
  if (!fs.stat(file)) return [];
  // The kinds kafka-storage format writes there: SCRAM users, and feature levels (a
  // metadata.version there replaces the running version's own level).
  return decodeSnapshot(fs.readFile(file)).filter((r): r is MetadataRecord =>
    r.type === MetadataRecordType.USER_SCRAM_CREDENTIAL || r.type === MetadataRecordType.FEATURE_LEVEL);
}

export async function writeBootstrapRecords(fs: FileSystem, metadataLogDir: string, records: MetadataRecord[], nowMs: number): Promise<void> {
  await fs.writeFileAtomic(joinPath(metadataLogDir, BOOTSTRAP_FILE), encodeSnapshot(records, 0, nowMs, nowMs));
}

/**
 * One --add-scram value, as kafka-storage takes it: `SCRAM-SHA-256=[name=alice,password=secret]`,
 * with optional iterations=N (default 4096).
 */
export function scramRecordFromArgument(arg: string): MetadataRecord {
  const m = /^(SCRAM-SHA-256|SCRAM-SHA-512)=\[(.*)\]$/.exec(arg.trim());
  if (!m) throw new Error(`--add-scram "${arg}" is not MECHANISM=[name=...,password=...] (MECHANISM: SCRAM-SHA-256 or SCRAM-SHA-512)`);
  const fields = new Map<string, string>();
  for (const kv of m[2]!.split(',')) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new Error(`--add-scram "${arg}": "${kv}" is not key=value`);
    fields.set(kv.slice(0, eq).trim(), kv.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  const name = fields.get('name');
  const password = fields.get('password');
  if (!name || password === undefined) throw new Error(`--add-scram "${arg}" needs name= and password=`);
  const iterations = Number(fields.get('iterations') ?? SCRAM_MIN_ITERATIONS);
  if (!Number.isInteger(iterations) || iterations < SCRAM_MIN_ITERATIONS || iterations > SCRAM_MAX_ITERATIONS) {
    throw new Error(`--add-scram "${arg}": iterations must be ${SCRAM_MIN_ITERATIONS} to ${SCRAM_MAX_ITERATIONS}`);
  }
  const mechanism = scramMechanism(m[1]!)!;
  const salt = randomBytes(16);
  const credential = scramCredential(mechanism.hash, saltedPassword(mechanism.hash, password, salt, iterations), salt, iterations);
  return record(MetadataRecordType.USER_SCRAM_CREDENTIAL, { name, mechanism: mechanism.type, ...credential });
}
