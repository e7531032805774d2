// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/default-principal-data.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface DefaultPrincipalData {
  /** The principal type */
  type: string;
  /** The principal name */
  name: string;
  /** Whether the principal was authenticated by a delegation token on the forwarding broker. */
  tokenAuthenticated: boolean;
}

export function defaultDefaultPrincipalData(): DefaultPrincipalData {
  return {
    type: '',
    name: '',
    tokenAuthenticated: false,
  };
}

export function readDefaultPrincipalData(r: Reader, version: number): DefaultPrincipalData {
  const o: DefaultPrincipalData = {
    type: (r.string(true) ?? ''),
    name: (r.string(true) ?? ''),
    tokenAuthenticated: r.bool(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDefaultPrincipalData(w: Writer, v: DefaultPrincipalData, version: number): void {
  w.string(v.type, true);
  w.string(v.name, true);
  w.bool(v.tokenAuthenticated);
  w.uvarint(0);
}

export const DefaultPrincipalDataDefinition: MessageDefinition<DefaultPrincipalData> = {
  name: 'DefaultPrincipalData',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readDefaultPrincipalData,
  write: writeDefaultPrincipalData,
  default: defaultDefaultPrincipalData,
};
