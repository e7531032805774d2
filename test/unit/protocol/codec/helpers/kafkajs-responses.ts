// What each API's response needs before kafkajs's decoder can read it, and how kafkajs's decoded
// object differs from the wire (derived or skipped fields). Notes on kafkajs's quirks sit with the
// API they concern; the general ones are applied to every API.
import { kafkajsRecords, summarise, type Message } from './kafkajs.js';

type Obj = Record<string, any>;

export interface ResponseQuirks {
  /** Makes our value decodable by kafkajs (it is then what we encode). */
  prepare?: (v: Obj, version: number) => Promise<void> | void;
  /** Normalises kafkajs's decoded object before its leaves are taken. */
  theirs?: (d: Obj, version: number) => void;
  /** kafkajs keys that are derived, not read from the wire. */
  dropTheirs?: (version: number) => string[];
  /** Our fields kafkajs reads but does not return. */
  skipOurs?: string[];
}

/** Decoders that sort by topic name (localeCompare): we send the list already in that order. */
const sortedBy = (list: string) => (v: Obj): void => {
  v[list].sort((a: Obj, b: Obj) => a.name.localeCompare(b.name));
};

async function fetchRecords(v: Obj, version: number): Promise<void> {
  for (const t of v.responses) {
    for (const p of t.partitions) {
      // kafkajs's v0-v3 message-set decoder cannot read a null record set (size -1).
      if (p.records === null && version >= 4) continue;
      const messages: Message[] = [{ key: `k${p.partitionIndex}`, value: 'vé' }, { key: null, value: `${p.highWatermark}` }];
      // Before v4 kafkajs reads a legacy message set; from v4 it looks at the magic byte.
      p.records = await kafkajsRecords(messages, version >= 4);
    }
  }
}

export const RESPONSE_QUIRKS: Record<string, ResponseQuirks> = {
  // kafkajs decodes the records into messages; ours are kafkajs-built batches compared as messages.
  // A null record set comes back as no messages.
  fetch: {
    prepare: fetchRecords,
    theirs: (d) => {
      for (const t of d.responses) {
        for (const p of t.partitions) p.messages = p.messages.length === 0 ? null : summarise(p.messages);
      }
    },
  },
  createTopics: { prepare: sortedBy('topics') },
  deleteTopics: { prepare: sortedBy('responses') },
  deleteRecords: { prepare: sortedBy('topics') },
  createPartitions: { prepare: sortedBy('results') },
  // v0 derives configSource from isDefault and the resource type; v1+ derives isDefault from configSource.
  describeConfigs: { dropTheirs: (n) => (n === 0 ? ['configSource'] : ['isDefault']) },
  // Adds an `error` object per failed group. v1 copies `decoded.throttleTime`, which v0 names
  // throttleTimeMs, so its throttleTime/clientSideThrottleTime are 0/undefined (a kafkajs bug).
  deleteGroups: { dropTheirs: (n) => (n === 0 ? ['error'] : ['error', 'throttleTime', 'clientSideThrottleTime']) },
  // kafkajs re-wraps authBytes with an int32 length prefix for its SASL mechanisms.
  saslAuthenticate: { theirs: (d) => { d.authBytes = d.authBytes.subarray(4); } },
  // The error messages are read and thrown away.
  alterPartitionReassignments: { skipOurs: ['errorMessage'] },
  listPartitionReassignments: { skipOurs: ['errorMessage'] },
};

/** Error code 35 (UNSUPPORTED_VERSION) makes several kafkajs decoders throw on purpose. */
export function avoidUnsupportedVersion(v: unknown): void {
  if (Array.isArray(v)) v.forEach(avoidUnsupportedVersion);
  else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
    const o = v as Obj;
    for (const k of Object.keys(o)) {
      if (k.endsWith('rrorCode') && o[k] === 35) o[k] = 0;
      else avoidUnsupportedVersion(o[k]);
    }
  }
}

/**
 * From some version on, kafkajs reports the broker's throttle time as clientSideThrottleTime and
 * sets throttleTime to 0; the wire value is clientSideThrottleTime.
 */
export function wireThrottleTime(d: Obj): void {
  if ('clientSideThrottleTime' in d) {
    d.throttleTime = d.clientSideThrottleTime;
    delete d.clientSideThrottleTime;
  }
}
