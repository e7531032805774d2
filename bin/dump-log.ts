// `kraftling dump-log --files F[,F...]`: prints what a log directory's files hold, batch by batch
// and record by record, in the layout of Kafka's kafka-dump-log (DumpLogSegments), so that its
// output reads the same for a kraftling data directory and a Kafka one. Offline: it reads files only.
//
//   .log         record batches; with --print-data-log (or a decoder) every record too
//   .checkpoint  a KRaft snapshot of __cluster_metadata (records decoded as metadata)
//   .index       offset -> position entries;  .timeindex  timestamp -> offset entries
//   .snapshot    producer state (idempotent and transactional producers)
import fs from 'node:fs';
import path from 'node:path';
import { BATCH_LENGTH, LOG_OVERHEAD, RECORDS, readBatchHeader, type BatchHeader } from '../protocol/records/batch-header.js';
import { compressionTypeName, type CompressionType } from '../protocol/compression/index.js';
import { decodeRecordBatch, type RecordBatch } from '../protocol/records/record-batch.js';
import { decodeProducerSnapshot } from '../storage/producer-snapshot.js';
import { decodeRecordValue, type Decoder } from './dump-log-decoders.js';

export interface DumpOptions {
  printData: boolean;
  decoder: Decoder | undefined;
  maxBytes: number;
}

const write = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function batchLine(b: BatchHeader, position: number, valid: boolean): string {
  const lastOffset = b.baseOffset + b.lastOffsetDelta;
  const lastSequence = b.baseSequence < 0 ? -1 : b.baseSequence + b.lastOffsetDelta;
  const attributes = b.attributes;
  const compression = compressionTypeName((attributes & 0x07) as CompressionType);
  const timeType = (attributes & 0x08) !== 0 ? 'LogAppendTime' : 'CreateTime';
  return `baseOffset: ${b.baseOffset} lastOffset: ${lastOffset} count: ${b.recordCount} baseSequence: ${b.baseSequence} ` +
    `lastSequence: ${lastSequence} producerId: ${b.producerId} producerEpoch: ${b.producerEpoch} ` +
    `partitionLeaderEpoch: ${b.partitionLeaderEpoch} isTransactional: ${(attributes & 0x10) !== 0} ` +
    `isControl: ${(attributes & 0x20) !== 0} position: ${position} ${timeType}: ${b.maxTimestamp} ` +
    `size: ${LOG_OVERHEAD + b.batchLength} magic: ${b.magic} compresscodec: ${compression} ` +
    `crc: ${b.crc >>> 0} isvalid: ${valid}`;
}

function recordLines(batch: RecordBatch, options: DumpOptions): void {
  const timeType = batch.timestampType === 1 ? 'LogAppendTime' : 'CreateTime';
  batch.records.forEach((r, i) => {
    const sequence = batch.baseSequence < 0 ? -1 : batch.baseSequence + i;
    let line = `| offset: ${r.offset} ${timeType}: ${r.timestamp} keySize: ${r.key?.length ?? -1} ` +
      `valueSize: ${r.value?.length ?? -1} sequence: ${sequence} headerKeys: [${r.headers.map((h) => h.key).join(',')}]`;
    line += ` ${decodeRecordValue(r, batch.isControl, options.decoder)}`;
    write(line);
  });
}

/** Batches of a .log segment or a .checkpoint snapshot, from `position` 0 on. */
export function dumpBatches(bytes: Buffer, options: DumpOptions): void {
  let position = 0;
  while (position + LOG_OVERHEAD <= bytes.length) {
    const length = bytes.readInt32BE(position + BATCH_LENGTH);
    // Preallocated or torn tail: zeros or a length that cannot be a batch end the valid data.
    if (length < RECORDS - LOG_OVERHEAD || position + LOG_OVERHEAD + length > bytes.length) break;
    const size = LOG_OVERHEAD + length;
    let batch: RecordBatch | undefined;
    let error: string | undefined;
    try {
      batch = decodeRecordBatch(bytes.subarray(position, position + size), 0, { maxUncompressedBytes: options.maxBytes });
    } catch (err) {
      error = (err as Error).message;
    }
    write(batchLine(batch ?? readBatchHeader(bytes, position), position, batch !== undefined));
    if (error !== undefined) write(`| invalid batch: ${error}`);
    else if (options.printData || options.decoder !== undefined) recordLines(batch!, options);
    position += size;
  }
  if (position < bytes.length && bytes.subarray(position).some((b) => b !== 0)) {
    write(`Found ${bytes.length - position} invalid bytes at the end of the file (position ${position})`);
  }
}

function dumpOffsetIndex(bytes: Buffer, baseOffset: number): void {
  for (let i = 0; i + 8 <= bytes.length; i += 8) {
    const relative = bytes.readInt32BE(i);
    const position = bytes.readInt32BE(i + 4);
    // Entries past the last one written are zeros (the file is preallocated while active).
    if (i > 0 && relative === 0 && position === 0) break;
    write(`offset: ${baseOffset + relative} position: ${position}`);
  }
}

function dumpTimeIndex(bytes: Buffer, baseOffset: number): void {
  for (let i = 0; i + 12 <= bytes.length; i += 12) {
    const timestamp = Number(bytes.readBigInt64BE(i));
    const relative = bytes.readInt32BE(i + 8);
    if (i > 0 && timestamp === 0 && relative === 0) break;
    write(`timestamp: ${timestamp} offset: ${baseOffset + relative}`);
  }
}

function dumpProducerSnapshot(bytes: Buffer): void {
  const entries = decodeProducerSnapshot(bytes);
  if ('corrupt' in entries) {
    write(`corrupt producer snapshot: ${entries.corrupt}`);
    return;
  }
  for (const e of entries) {
    write(Object.entries(e).map(([k, v]) => `${k}: ${v}`).join(' '));
  }
}

/** Dumps one file; returns false when its kind is not known. */
export function dumpFile(file: string, options: DumpOptions): boolean {
  const name = path.basename(file);
  const base = Number(/^(\d+)/.exec(name)?.[1] ?? 0);
  const ext = path.extname(name);
  if (!['.log', '.checkpoint', '.index', '.timeindex', '.snapshot'].includes(ext)) return false;
  const bytes = fs.readFileSync(file);
  write(`Dumping ${file}`);
  if (ext === '.log') {
    write(`Log starting offset: ${base}`);
    dumpBatches(bytes, options);
  } else if (ext === '.checkpoint') {
    dumpBatches(bytes, { ...options, decoder: options.decoder ?? 'cluster-metadata' });
  } else if (ext === '.index') {
    dumpOffsetIndex(bytes, base);
  } else if (ext === '.timeindex') {
    dumpTimeIndex(bytes, base);
  } else {
    dumpProducerSnapshot(bytes);
  }
  return true;
}

export async function runDumpLog(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const files = [...((values.files as string[] | undefined) ?? []).flatMap((f) => f.split(',')), ...positionals].filter((f) => f !== '');
  if (files.length === 0) {
    process.stderr.write('kraftling dump-log: --files FILE[,FILE...] is required\n');
    return 2;
  }
  const decoder: Decoder | undefined = values['cluster-metadata-decoder'] ? 'cluster-metadata'
    : values['offsets-decoder'] ? 'offsets' : values['transaction-log-decoder'] ? 'transaction-log' : undefined;
  const options: DumpOptions = { printData: values['print-data-log'] === true || values['deep-iteration'] === true, decoder, maxBytes: 256 * 1024 * 1024 };
  let code = 0;
  for (const file of files) {
    try {
      if (!dumpFile(file, options)) {
        process.stderr.write(`kraftling dump-log: ${file}: not a .log, .checkpoint, .index, .timeindex or .snapshot file\n`);
        code = 1;
      }
    } catch (err) {
      process.stderr.write(`kraftling dump-log: ${file}: ${(err as Error).message}\n`);
      code = 1;
    }
  }
  return code;
}
