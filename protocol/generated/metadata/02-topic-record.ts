// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/02-topic-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID } from '../../primitives/codec-helpers.js';

export interface TopicRecord {
  /** The topic name. */
  name: string;
  /** The unique ID of this topic. */
  topicId: string;
}

export function defaultTopicRecord(): TopicRecord {
  return {
    name: '',
    topicId: ZERO_UUID,
  };
}

export function readTopicRecord(r: Reader, version: number): TopicRecord {
  const o: TopicRecord = {
    name: (r.string(true) ?? ''),
    topicId: r.uuid(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicRecord(w: Writer, v: TopicRecord, version: number): void {
  w.string(v.name, true);
  w.uuid(v.topicId);
  w.uvarint(0);
}

export const TopicRecordDefinition: MessageDefinition<TopicRecord> = {
  name: 'TopicRecord',
  type: 2,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readTopicRecord,
  write: writeTopicRecord,
  default: defaultTopicRecord,
};
