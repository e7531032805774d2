// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/09-remove-topic-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID } from '../../primitives/codec-helpers.js';

export interface RemoveTopicRecord {
  /** The topic to remove. All associated partitions will be removed as well. */
  topicId: string;
}

export function defaultRemoveTopicRecord(): RemoveTopicRecord {
  return {
    topicId: ZERO_UUID,
  };
}

export function readRemoveTopicRecord(r: Reader, version: number): RemoveTopicRecord {
  const o: RemoveTopicRecord = {
    topicId: r.uuid(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeRemoveTopicRecord(w: Writer, v: RemoveTopicRecord, version: number): void {
  w.uuid(v.topicId);
  w.uvarint(0);
}

export const RemoveTopicRecordDefinition: MessageDefinition<RemoveTopicRecord> = {
  name: 'RemoveTopicRecord',
  type: 9,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readRemoveTopicRecord,
  write: writeRemoveTopicRecord,
  default: defaultRemoveTopicRecord,
};
