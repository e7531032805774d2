// kafkajs 2.2.4 as an independent codec: its per-version request encoders and response decoders
// (node_modules/kafkajs/src/protocol/requests/<api>/v<N>/), plus a comparison of its decoded
// objects with ours by the sequence of leaf values in wire order, since kafkajs names fields its
// own way but reads them in order.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inVersions, type FieldSpec } from '../../../../../protocol/codegen/spec.js';
import { camel } from '../../../../../protocol/codegen/emit-struct.js';
import type { StructTable } from './spec-values.js';

const require = createRequire(import.meta.url);
const REQUESTS_DIR = path.dirname(require.resolve('kafkajs/src/protocol/requests/index.js'));

export interface KafkajsRequest {
  apiKey: number;
  apiVersion: number;
  encode: () => Promise<{ buffer: Buffer }>;
}
export type KafkajsRequestFactory = (args: any) => KafkajsRequest;
export interface KafkajsResponse {
  decode: (body: Buffer) => Promise<Record<string, unknown>>;
}

/** Versions kafkajs implements for an API folder (fetch, metadata, ...). */
export function kafkajsVersions(dir: string): number[] {
  return fs.readdirSync(path.join(REQUESTS_DIR, dir))
    .filter((d) => /^v\d+$/.test(d)).map((d) => Number(d.slice(1))).sort((a, b) => a - b);
}

export function kafkajsRequest(dir: string, version: number): KafkajsRequestFactory {
  return require(path.join(REQUESTS_DIR, dir, `v${version}`, 'request.js')) as KafkajsRequestFactory;
}

export function kafkajsResponse(dir: string, version: number): KafkajsResponse {
  const mod = require(path.join(REQUESTS_DIR, dir, `v${version}`, 'response.js')) as KafkajsResponse | ((a: unknown) => KafkajsResponse);
  // DeleteRecords exports a factory taking the request's topics (for its error parser).
  return typeof mod === 'function' ? mod({ topics: [] }) : mod;
}

/** kafkajs's framing: size, header v1 (key, version, correlation id, client id), body. */
export const kafkajsFrame = require('kafkajs/src/protocol/request.js') as (a: {
  correlationId: number; clientId: string; request: KafkajsRequest;
}) => Promise<{ buffer: Buffer }>;

export const KafkajsEncoder = require('kafkajs/src/protocol/encoder.js') as new () => {
  writeBytes(b: Buffer): unknown; buffer: Buffer;
};
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (b: Buffer) => unknown;
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as {
  RecordBatch: (a: object) => Promise<{ buffer: Buffer }>;
};
const RecordBatchDecoder = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (d: unknown) => Promise<{ records: Message[] }>;
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (a: object) => unknown;
const MessageSet = require('kafkajs/src/protocol/messageSet/index.js') as (a: object) => { buffer: Buffer };
const MessageSetDecoder = require('kafkajs/src/protocol/messageSet/decoder.js') as (d: unknown, size: number) => Promise<Message[]>;

export interface Message {
  key: Buffer | string | null;
  value: Buffer | string | null;
}

/** Messages as one string, the form both sides of a records comparison are reduced to. */
export function summarise(messages: readonly Message[]): string {
  return `messages:${messages.map((m) => `${String(m.key)}=${String(m.value)}`).join(';')}`;
}

/** Record bytes built by kafkajs: a RecordBatch (magic 2), or a legacy MessageSet before magic 2. */
export async function kafkajsRecords(messages: Message[], recordBatch: boolean): Promise<Buffer> {
  if (!recordBatch) return Buffer.from(MessageSet({ messageVersion: 1, entries: messages }).buffer);
  const records = messages.map((m, i) => Record({ ...m, offsetDelta: i }));
  const batch = await RecordBatch({ records, lastOffsetDelta: messages.length - 1, firstTimestamp: 0, maxTimestamp: 0 });
  return Buffer.from(batch.buffer);
}

/** Decodes record bytes with kafkajs's own decoders. */
export async function decodeRecords(bytes: Buffer): Promise<string> {
  if (bytes.length > 16 && bytes.readInt8(16) === 2) {
    return summarise((await RecordBatchDecoder(new Decoder(bytes))).records);
  }
  return summarise(await MessageSetDecoder(new Decoder(bytes), bytes.length));
}

export interface Leaf {
  path: string;
  value: unknown;
}

/** Our value's leaves in wire order for a non-flexible version; skipped names are left out. */
export function ourLeaves(fields: FieldSpec[], value: Record<string, unknown>, version: number,
  structs: StructTable, skip: readonly string[], at = ''): Leaf[] {
  const out: Leaf[] = [];
  for (const f of fields) {
    const key = camel(f.name);
    if (!inVersions(version, f.versions) || skip.includes(key) || (f.tag !== null && inVersions(version, f.tagged))) continue;
    const v = value[key];
    const inner = structs.get(f.type.replace(/^\[\]/, ''));
    const p = `${at}.${key}`;
    if (Array.isArray(v)) {
      v.forEach((e, i) => {
        if (inner) out.push(...ourLeaves(inner, e as Record<string, unknown>, version, structs, skip, `${p}[${i}]`));
        else out.push({ path: `${p}[${i}]`, value: e });
      });
    } else if (inner && v !== null) {
      out.push(...ourLeaves(inner, v as Record<string, unknown>, version, structs, skip, p));
    } else if (v !== null || !f.type.startsWith('[]')) {
      out.push({ path: p, value: v });
    }
  }
  return out;
}

/** kafkajs's decoded object's leaves in key order (kafkajs builds objects in read order). */
export function theirLeaves(v: unknown, drop: readonly string[], at = ''): Leaf[] {
  if (Array.isArray(v)) return v.flatMap((e, i) => theirLeaves(e, drop, `${at}[${i}]`));
  if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return [{ path: at, value: v }];
  return Object.entries(v).filter(([k]) => !drop.includes(k)).flatMap(([k, x]) => theirLeaves(x, drop, `${at}.${k}`));
}

function sameLeaf(ours: unknown, theirs: unknown): boolean {
  if (Buffer.isBuffer(ours) || Buffer.isBuffer(theirs)) {
    return Buffer.isBuffer(ours) && Buffer.isBuffer(theirs) && ours.equals(theirs);
  }
  // kafkajs reads int64 as a bigint, and most decoders turn it into a string.
  if (typeof ours === 'number' && (typeof theirs === 'bigint' || typeof theirs === 'string')) return String(ours) === String(theirs);
  return Object.is(ours, theirs);
}

/** The first difference between the two leaf sequences, described, or undefined. */
export function firstDifference(ours: Leaf[], theirs: Leaf[]): string | undefined {
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    const a = ours[i];
    const b = theirs[i];
    if (!a || !b || !sameLeaf(a.value, b.value)) {
      const show = (l: Leaf | undefined): string => (l ? `${l.path} = ${String(l.value)}` : '(nothing)');
      return `leaf #${i}: ours ${show(a)}, kafkajs ${show(b)}`;
    }
  }
  return undefined;
}
