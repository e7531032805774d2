// How `kraftling dump-log` prints one record: the key and payload as text, or decoded by the
// format of the log it came from, as kafka-dump-log's --cluster-metadata-decoder, --offsets-decoder
// and --transaction-log-decoder do. A record that does not decode is printed raw with the reason,
// never dropped: a tool for looking at damaged logs must show the damage.
import { Reader } from '../protocol/primitives/reader.js';
import type { MessageDefinition } from '../protocol/definition.js';
import { ControlRecordType, readControlRecordType, readEndTxnMarker } from '../protocol/records/control-record.js';
import type { DecodedRecord } from '../protocol/records/record.js';
import { KRaftVersionRecordDefinition } from '../protocol/generated/data/kraft-version-record.js';
import { LeaderChangeMessageDefinition } from '../protocol/generated/data/leader-change-message.js';
import { SnapshotFooterRecordDefinition } from '../protocol/generated/data/snapshot-footer-record.js';
import { SnapshotHeaderRecordDefinition } from '../protocol/generated/data/snapshot-header-record.js';
import { readTransactionLogKey } from '../protocol/generated/data/transaction-log-key.js';
import { readTransactionLogValue } from '../protocol/generated/data/transaction-log-value.js';
import { VotersRecordDefinition } from '../protocol/generated/data/voters-record.js';
import { metadataRecordDefinitions } from '../protocol/generated/index.js';
import { decodeMetadataRecord } from '../src/metadata/records.js';
import { decodeRecord } from '../src/coordinator/records.js';

export type Decoder = 'cluster-metadata' | 'offsets' | 'transaction-log';

/** Buffers as base64 (Kafka's JSON converters do the same for bytes fields). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
      return Buffer.from((v as { data: number[] }).data).toString('base64');
    }
    return typeof v === 'bigint' ? v.toString() : v;
  });
}

/** TopicRecord -> TOPIC_RECORD, the names of Kafka's MetadataRecordType. */
function upperSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

const metadataNames = new Map(metadataRecordDefinitions.map((d) => [d.type, upperSnake(d.name)]));

const KRAFT_CONTROL: Record<number, [string, MessageDefinition]> = {
  [ControlRecordType.LEADER_CHANGE]: ['LeaderChange', LeaderChangeMessageDefinition],
  [ControlRecordType.SNAPSHOT_HEADER]: ['SnapshotHeader', SnapshotHeaderRecordDefinition],
  [ControlRecordType.SNAPSHOT_FOOTER]: ['SnapshotFooter', SnapshotFooterRecordDefinition],
  [ControlRecordType.KRAFT_VERSION]: ['KRaftVersion', KRaftVersionRecordDefinition],
  [ControlRecordType.KRAFT_VOTERS]: ['KRaftVoters', VotersRecordDefinition],
};

function text(b: Buffer | null): string {
  return b === null ? 'null' : b.toString('utf8');
}

function control(r: DecodedRecord): string {
  const type = readControlRecordType(r.key);
  if (type === ControlRecordType.ABORT || type === ControlRecordType.COMMIT) {
    const marker = readEndTxnMarker(r);
    return `endTxnMarker: ${type === ControlRecordType.COMMIT ? 'COMMIT' : 'ABORT'} coordinatorEpoch: ${marker.coordinatorEpoch}`;
  }
  const known = KRAFT_CONTROL[type];
  if (known === undefined || r.value === null) return `controlType: ${type}`;
  // These structs open with their own int16 Version field: peek it, then read the struct at it.
  const version = Math.min(r.value.readInt16BE(0), known[1].maxVersion);
  return `${known[0]}: ${toJson(known[1].read(new Reader(r.value), version))}`;
}

function metadata(r: DecodedRecord): string {
  const m = decodeMetadataRecord(r.value ?? Buffer.alloc(0));
  return `payload: ${toJson({ type: metadataNames.get(m.type) ?? String(m.type), version: m.version, data: m.data })}`;
}

function offsets(r: DecodedRecord): string {
  const d = decodeRecord({ key: r.key ?? Buffer.alloc(0), value: r.value });
  if (d.type === 'offset') return `key: ${toJson({ type: 'offset_commit', group: d.groupId, topic: d.topic, partition: d.partition })} payload: ${toJson(d.value)}`;
  if (d.type === 'group') return `key: ${toJson({ type: 'group_metadata', group: d.groupId })} payload: ${toJson(d.value)}`;
  return `key: ${r.key?.toString('hex') ?? 'null'} payload: (a record type this tool does not decode)`;
}

function transactionLog(r: DecodedRecord): string {
  const kr = new Reader(r.key ?? Buffer.alloc(0));
  const key = readTransactionLogKey(kr, kr.int16());
  if (r.value === null) return `key: ${toJson(key)} payload: null`;
  const vr = new Reader(r.value);
  return `key: ${toJson(key)} payload: ${toJson(readTransactionLogValue(vr, vr.int16()))}`;
}

/** The rest of a record's dump line after its header fields. */
export function decodeRecordValue(r: DecodedRecord, isControl: boolean, decoder: Decoder | undefined): string {
  try {
    if (isControl) return control(r);
    if (decoder === 'cluster-metadata') return metadata(r);
    if (decoder === 'offsets') return offsets(r);
    if (decoder === 'transaction-log') return transactionLog(r);
  } catch (err) {
    return `key: ${r.key?.toString('hex') ?? 'null'} payload: ${r.value?.toString('hex') ?? 'null'} (undecodable: ${(err as Error).message})`;
  }
  return `key: ${text(r.key)} payload: ${text(r.value)}`;
}
