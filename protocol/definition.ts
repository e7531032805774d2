// Shapes of what `npm run gen` emits for each message, so the rest of the code can hold codecs
// without knowing which message they belong to.
import type { Reader } from './primitives/reader.js';
import type { Writer } from './primitives/writer.js';

export type Read<T> = (r: Reader, version: number) => T;
export type Write<T> = (w: Writer, v: T, version: number) => void;

/** A request/response pair of the Kafka protocol. */
export interface ApiDefinition<Req = any, Res = any> {
  key: number;
  name: string;
  minVersion: number;
  /** Highest version defined, including an unstable latest version. */
  maxVersion: number;
  /** Highest version a broker advertises (the latest is left out while Kafka marks it unstable). */
  maxStableVersion: number;
  /** First flexible version (compact encodings, tagged fields), or -1. */
  flexibleVersion: number;
  listeners: readonly string[];
  readRequest: Read<Req>;
  writeRequest: Write<Req>;
  defaultRequest: () => Req;
  readResponse: Read<Res>;
  writeResponse: Write<Res>;
  defaultResponse: () => Res;
}

/** A versioned message that is not a request or response: metadata records, headers, state. */
export interface MessageDefinition<T = any> {
  name: string;
  /** The metadata record type (apiKey in Kafka's JSON), or -1. */
  type: number;
  minVersion: number;
  maxVersion: number;
  flexibleVersion: number;
  read: Read<T>;
  write: Write<T>;
  default: () => T;
}
