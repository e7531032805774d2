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
  const flex = true;
  const o: DefaultPrincipalData = {
    type: (r.string(flex) ?? ''),
    name: (r.string(flex) ?? ''),
    tokenAuthenticated: r.bool(),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeDefaultPrincipalData(w: Writer, v: DefaultPrincipalData, version: number): void {
  const flex = true;
  w.string(v.type, flex);
  w.string(v.name, flex);
  w.bool(v.tokenAuthenticated);
  if (flex) w.uvarint(0);
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
