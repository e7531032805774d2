// __cluster_metadata records as typed values, and their encoding inside a record's value: Kafka's
// ApiMessageAndVersion framing (uvarint frame version 1, uvarint record type, uvarint version,
// then the record), with a null key.
import { metadataRecordDefinitions } from '../../protocol/generated/index.js';
import type { MessageDefinition } from '../../protocol/definition.js';
import { DecodeError, Reader } from '../../protocol/primitives/reader.js';
import { Writer } from '../../protocol/primitives/writer.js';
import type { BrokerRegistrationChangeRecord } from '../../protocol/generated/metadata/17-broker-registration-change-record.js';
import type { ConfigRecord } from '../../protocol/generated/metadata/04-config-record.js';
import type { FeatureLevelRecord } from '../../protocol/generated/metadata/12-feature-level-record.js';
import type { FenceBrokerRecord } from '../../protocol/generated/metadata/07-fence-broker-record.js';
import type { PartitionChangeRecord } from '../../protocol/generated/metadata/05-partition-change-record.js';
import type { PartitionRecord } from '../../protocol/generated/metadata/03-partition-record.js';
import type { ProducerIdsRecord } from '../../protocol/generated/metadata/15-producer-ids-record.js';
import type { ClientQuotaRecord } from '../../protocol/generated/metadata/14-client-quota-record.js';
import type { RegisterBrokerRecord } from '../../protocol/generated/metadata/00-register-broker-record.js';
import type { RemoveTopicRecord } from '../../protocol/generated/metadata/09-remove-topic-record.js';
import type { TopicRecord } from '../../protocol/generated/metadata/02-topic-record.js';
import type { UnfenceBrokerRecord } from '../../protocol/generated/metadata/08-unfence-broker-record.js';
import type { AccessControlEntryRecord } from '../../protocol/generated/metadata/18-access-control-entry-record.js';
import type { RemoveAccessControlEntryRecord } from '../../protocol/generated/metadata/19-remove-access-control-entry-record.js';
import type { DelegationTokenRecord } from '../../protocol/generated/metadata/10-delegation-token-record.js';
import type { RemoveDelegationTokenRecord } from '../../protocol/generated/metadata/26-remove-delegation-token-record.js';
import type { UserScramCredentialRecord } from '../../protocol/generated/metadata/11-user-scram-credential-record.js';
import type { RemoveUserScramCredentialRecord } from '../../protocol/generated/metadata/22-remove-user-scram-credential-record.js';
import type { UnregisterBrokerRecord } from '../../protocol/generated/metadata/01-unregister-broker-record.js';

export const enum MetadataRecordType {
  REGISTER_BROKER = 0,
  UNREGISTER_BROKER = 1,
  TOPIC = 2,
  PARTITION = 3,
  CONFIG = 4,
  PARTITION_CHANGE = 5,
  FENCE_BROKER = 7,
  UNFENCE_BROKER = 8,
  REMOVE_TOPIC = 9,
  FEATURE_LEVEL = 12,
  CLIENT_QUOTA = 14,
  PRODUCER_IDS = 15,
  BROKER_REGISTRATION_CHANGE = 17,
  USER_SCRAM_CREDENTIAL = 11,
  REMOVE_USER_SCRAM_CREDENTIAL = 22,
  NO_OP = 20,
  DELEGATION_TOKEN = 10,
  ACCESS_CONTROL_ENTRY = 18,
  REMOVE_ACCESS_CONTROL_ENTRY = 19,
  REMOVE_DELEGATION_TOKEN = 26,
}

export type PartitionRecordData = PartitionRecord;
export type PartitionChangeRecordData = PartitionChangeRecord;

export type MetadataRecord =
  | { type: MetadataRecordType.REGISTER_BROKER; version: number; data: RegisterBrokerRecord }
  | { type: MetadataRecordType.UNREGISTER_BROKER; version: number; data: UnregisterBrokerRecord }
  | { type: MetadataRecordType.TOPIC; version: number; data: TopicRecord }
  | { type: MetadataRecordType.PARTITION; version: number; data: PartitionRecord }
  | { type: MetadataRecordType.CONFIG; version: number; data: ConfigRecord }
  | { type: MetadataRecordType.PARTITION_CHANGE; version: number; data: PartitionChangeRecord }
  | { type: MetadataRecordType.FENCE_BROKER; version: number; data: FenceBrokerRecord }
  | { type: MetadataRecordType.UNFENCE_BROKER; version: number; data: UnfenceBrokerRecord }
  | { type: MetadataRecordType.REMOVE_TOPIC; version: number; data: RemoveTopicRecord }
  | { type: MetadataRecordType.FEATURE_LEVEL; version: number; data: FeatureLevelRecord }
  | { type: MetadataRecordType.CLIENT_QUOTA; version: number; data: ClientQuotaRecord }
  | { type: MetadataRecordType.PRODUCER_IDS; version: number; data: ProducerIdsRecord }
  | { type: MetadataRecordType.BROKER_REGISTRATION_CHANGE; version: number; data: BrokerRegistrationChangeRecord }
  | { type: MetadataRecordType.DELEGATION_TOKEN; version: number; data: DelegationTokenRecord }
  | { type: MetadataRecordType.ACCESS_CONTROL_ENTRY; version: number; data: AccessControlEntryRecord }
  | { type: MetadataRecordType.REMOVE_ACCESS_CONTROL_ENTRY; version: number; data: RemoveAccessControlEntryRecord }
  | { type: MetadataRecordType.REMOVE_DELEGATION_TOKEN; version: number; data: RemoveDelegationTokenRecord }
  | { type: MetadataRecordType.USER_SCRAM_CREDENTIAL; version: number; data: UserScramCredentialRecord }
  | { type: MetadataRecordType.REMOVE_USER_SCRAM_CREDENTIAL; version: number; data: RemoveUserScramCredentialRecord };

/** Any record of the log, including kinds the image does not use (ACLs, quotas, ...). */
export type AnyMetadataRecord = MetadataRecord | { type: number; version: number; data: unknown };

const FRAME_VERSION = 1;

const byType: (MessageDefinition | undefined)[] = [];
for (const def of metadataRecordDefinitions) byType[def.type] = def;

export function encodeMetadataRecord(record: AnyMetadataRecord): Buffer {
  const def = byType[record.type];
  if (!def) throw new TypeError(`unknown metadata record type ${record.type}`);
  const w = new Writer(64);
  w.uvarint(FRAME_VERSION);
  w.uvarint(record.type);
  w.uvarint(record.version);
  def.write(w, record.data, record.version);
  return w.toBuffer();
}

export function decodeMetadataRecord(value: Buffer, start = 0, end = value.length): AnyMetadataRecord {
  const r = new Reader(value, start, end);
  const type = readMetadataRecordType(r);
  const version = r.uvarint();
  return { type, version, data: readMetadataRecordData(r, type, version) };
}

/** The frame version (checked) and the record type at the start of a record's value; the record's
 * version follows. For a reader that takes some types its own way and the rest as decodeMetadataRecord. */
export function readMetadataRecordType(r: Reader): number {
  const frameVersion = r.uvarint();
  if (frameVersion !== FRAME_VERSION) throw new DecodeError(`metadata record frame version ${frameVersion}`);
  return r.uvarint();
}

/** The record itself, after its frame header: a known type at a version its definition reads. */
export function readMetadataRecordData(r: Reader, type: number, version: number): unknown {
  const def = byType[type];
  if (!def) throw new DecodeError(`unknown metadata record type ${type}`);
  if (version < def.minVersion || version > def.maxVersion) {
    throw new DecodeError(`metadata record type ${type} version ${version} is not supported`);
  }
  return def.read(r, version);
}

/** Highest version of a record type, which is what this controller writes. */
export function latestVersion(type: MetadataRecordType): number {
  return byType[type]!.maxVersion;
}

/** A record at its latest version. */
export function record<T extends MetadataRecord['type']>(type: T, data: Extract<MetadataRecord, { type: T }>['data']): MetadataRecord {
  return { type, version: latestVersion(type), data } as MetadataRecord;
}
