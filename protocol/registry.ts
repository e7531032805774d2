// Maps (apiKey, version) to codecs and header versions, and frames whole requests and responses.
// The broker's ApiVersions answer is derived from the handlers it registers, not from this table.
import type { ApiDefinition } from './definition.js';
import { apiDefinitions } from './generated/index.js';
import { type RequestHeader, readRequestHeader, writeRequestHeader } from './generated/header/request-header.js';
import { readResponseHeader, writeResponseHeader } from './generated/header/response-header.js';
import { DecodeError, Reader } from './primitives/reader.js';
import { Writer } from './primitives/writer.js';

const byKey: (ApiDefinition | undefined)[] = [];
for (const def of apiDefinitions) byKey[def.key] = def;

export const API_VERSIONS_KEY = 18;
const CONTROLLED_SHUTDOWN_KEY = 7;

export function apiDefinition(key: number): ApiDefinition | undefined {
  return byKey[key];
}

export function isFlexible(def: ApiDefinition, version: number): boolean {
  return def.flexibleVersion >= 0 && version >= def.flexibleVersion;
}

export function requestHeaderVersion(def: ApiDefinition, version: number): number {
  if (def.key === CONTROLLED_SHUTDOWN_KEY && version === 0) return 0;
  return isFlexible(def, version) ? 2 : 1;
}

/** ApiVersions answers with header v0 at every version, so old clients can always read it. */
export function responseHeaderVersion(def: ApiDefinition, version: number): number {
  if (def.key === API_VERSIONS_KEY) return 0;
  return isFlexible(def, version) ? 1 : 0;
}

export interface RequestFrame {
  header: RequestHeader;
  /** Reader positioned at the request body. */
  body: Reader;
  def: ApiDefinition | undefined;
}

/**
 * Reads the header of one request frame (without its size prefix). An unknown key or version is
 * not an error here: the caller answers it; `def` is undefined for an unknown key.
 */
export function readRequestFrame(frame: Buffer): RequestFrame {
  const r = new Reader(frame);
  if (frame.length < 8) throw new DecodeError(`request frame of ${frame.length} bytes is too short`);
  const key = frame.readInt16BE(0);
  const version = frame.readInt16BE(2);
  const def = apiDefinition(key);
  // Versions above the known range are flexible, as Kafka assumes, so a newer client's
  // ApiVersions request can still be read and answered.
  const headerVersion = def ? requestHeaderVersion(def, version) : 1;
  return { header: readRequestHeader(r, headerVersion), body: r, def };
}

/** Size prefix, request header and body, ready for a socket. */
export function writeRequestFrame<T>(def: ApiDefinition<T>, version: number, correlationId: number,
  clientId: string | null, body: T): Buffer[] {
  const w = new Writer(256);
  w.int32(0);
  const header = { requestApiKey: def.key, requestApiVersion: version, correlationId, clientId };
  writeRequestHeader(w, header, requestHeaderVersion(def, version));
  def.writeRequest(w, body, version);
  w.patchInt32AtStart(w.length - 4);
  return w.toBuffers();
}

/** Size prefix, response header and body, ready for a socket. */
export function writeResponseFrame<T>(def: ApiDefinition<any, T>, version: number, correlationId: number,
  body: T): Buffer[] {
  const w = new Writer(256);
  w.int32(0);
  writeResponseHeader(w, { correlationId }, responseHeaderVersion(def, version));
  def.writeResponse(w, body, version);
  w.patchInt32AtStart(w.length - 4);
  return w.toBuffers();
}

/** A response body encoded once (`encodeResponseBody`), framed with this request's header. */
export function writeEncodedResponseFrame(def: ApiDefinition, version: number, correlationId: number, body: Buffer): Buffer[] {
  const w = new Writer(16);
  w.int32(0);
  writeResponseHeader(w, { correlationId }, responseHeaderVersion(def, version));
  w.patchInt32AtStart(w.length - 4 + body.length);
  return [...w.toBuffers(), body];
}

/** A response body alone, in one buffer, for answers sent many times over (writeEncodedResponseFrame). */
export function encodeResponseBody<T>(def: ApiDefinition<any, T>, version: number, body: T): Buffer {
  const w = new Writer(256);
  def.writeResponse(w, body, version);
  return Buffer.concat(w.toBuffers());
}

/** Decodes a response frame (without its size prefix) for a request we sent. */
export function readResponseFrame<T>(def: ApiDefinition<any, T>, version: number, frame: Buffer):
  { correlationId: number; body: T } {
  const r = new Reader(frame);
  const { correlationId } = readResponseHeader(r, responseHeaderVersion(def, version));
  return { correlationId, body: def.readResponse(r, version) };
}
