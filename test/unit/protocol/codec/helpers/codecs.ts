// Every generated codec next to the spec section it came from: requests and responses of each
// API, metadata records, headers and data messages.
import { loadSpecs, structsOf } from '../../../../../protocol/codegen/generate.js';
import type { SectionSpec } from '../../../../../protocol/codegen/spec.js';
import type { ApiDefinition, Read, Write } from '../../../../../protocol/definition.js';
import {
  apiDefinitions, dataDefinitions, headerDefinitions, metadataRecordDefinitions,
} from '../../../../../protocol/generated/index.js';
import { protocolDir } from './kafka-reference.js';
import type { StructTable } from './spec-values.js';

export interface Codec {
  /** FetchRequest, PartitionRecord, RequestHeader, ... */
  name: string;
  /** The spec file, e.g. api/01-fetch. */
  id: string;
  section: SectionSpec;
  structs: StructTable;
  minVersion: number;
  maxVersion: number;
  read: Read<Record<string, unknown>>;
  write: Write<Record<string, unknown>>;
  default: () => Record<string, unknown>;
}

export interface ApiCodecs {
  def: ApiDefinition;
  request: Codec;
  response: Codec;
}

const specs = loadSpecs(protocolDir);

interface Functions {
  read: Read<any>;
  write: Write<any>;
  default: () => any;
}

function codec(id: string, section: SectionSpec, min: number, max: number, fns: Functions): Codec {
  return { name: section.name, id, section, structs: structsOf(section), minVersion: min, maxVersion: max, ...fns };
}

export function apiCodecs(): ApiCodecs[] {
  return specs.filter((f) => f.spec.kind === 'api').map((f) => {
    const def = apiDefinitions.find((d) => d.key === f.spec.key);
    if (!def) throw new Error(`no generated definition for ${f.id}`);
    const [req, res] = f.spec.sections as [SectionSpec, SectionSpec];
    return {
      def,
      request: codec(f.id, req, def.minVersion, def.maxVersion,
        { read: def.readRequest, write: def.writeRequest, default: def.defaultRequest }),
      response: codec(f.id, res, def.minVersion, def.maxVersion,
        { read: def.readResponse, write: def.writeResponse, default: def.defaultResponse }),
    };
  });
}

/** Metadata records, headers and data messages. */
export function messageCodecs(): Codec[] {
  const defs = [...metadataRecordDefinitions, ...headerDefinitions, ...dataDefinitions];
  return specs.filter((s) => s.spec.kind !== 'api').map((f) => {
    const def = defs.find((d) => d.name === f.spec.name);
    if (!def) throw new Error(`no generated definition for ${f.id}`);
    return codec(f.id, f.spec.sections[0]!, def.minVersion, def.maxVersion, def);
  });
}

export function versionsOf(c: { minVersion: number; maxVersion: number }): number[] {
  const out: number[] = [];
  for (let v = c.minVersion; v <= c.maxVersion; v++) out.push(v);
  return out;
}
