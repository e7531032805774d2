// Loads Apache Kafka's message definitions (JSON with // comments) from ../shared/kafka-protocol,
// next to the repository. They are reference data for tests only; nothing here copies them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const protocolDir = path.join(repoRoot, 'protocol');
export const referenceDir = path.resolve(repoRoot, '../shared/kafka-protocol');

const REFERENCE_SUBDIRS = ['message', 'metadata', 'group-coordinator', 'transaction-coordinator', 'raft'];

export interface RefField {
  name: string;
  type: string;
  versions?: string;
  nullableVersions?: string;
  flexibleVersions?: string;
  taggedVersions?: string;
  tag?: number | string;
  default?: string | number | boolean | null;
  fields?: RefField[];
}

export interface RefStruct {
  name: string;
  versions: string;
  fields: RefField[];
}

export interface RefMessage {
  /** Path relative to the reference folder, for messages. */
  file: string;
  apiKey?: number;
  type: string;
  name: string;
  validVersions: string;
  flexibleVersions: string;
  listeners?: string[];
  latestVersionUnstable?: boolean;
  deprecatedVersions?: string;
  fields: RefField[];
  commonStructs?: RefStruct[];
}

/** Removes // comments outside string literals (an `about` text may hold "http://"). */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

export function referenceAvailable(): boolean {
  return fs.existsSync(path.join(referenceDir, 'message', 'RequestHeader.json'));
}

/** Every reference message by its name (FetchRequest, PartitionRecord, ...). */
export function loadReference(): Map<string, RefMessage> {
  if (!referenceAvailable()) {
    throw new Error(`Kafka's message definitions are missing: expected them in ${referenceDir} ` +
      '(../shared/kafka-protocol next to the repository)');
  }
  const out = new Map<string, RefMessage>();
  for (const sub of REFERENCE_SUBDIRS) {
    const dir = path.join(referenceDir, sub);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const rel = `${sub}/${file}`;
      const message = JSON.parse(stripJsonComments(fs.readFileSync(path.join(dir, file), 'utf8'))) as RefMessage;
      message.file = rel;
      if (out.has(message.name)) throw new Error(`two reference messages named ${message.name}`);
      out.set(message.name, message);
    }
  }
  return out;
}
