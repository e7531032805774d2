// The generator on a synthetic spec holding the edge cases Kafka's generator handles and the real
// specs barely exercise: struct arrays, uint16, float64, records, a field added and one removed
// across versions, a struct nullable only in later versions (int8 marker), a field that is never
// compact (flexible none), a tagged field inside a nested struct, and tagged nullable structs,
// whose marker Kafka writes as an unsigned varint (0 = null). Bytes are checked by hand.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generateModule } from '../../../../protocol/codegen/generate.js';
import { parseSpec } from '../../../../protocol/codegen/spec.js';
import * as helpers from '../../../../protocol/primitives/codec-helpers.js';
import { Reader } from '../../../../protocol/primitives/reader.js';
import { Writer } from '../../../../protocol/primitives/writer.js';
import type { MessageDefinition } from '../../../../protocol/definition.js';

const SPEC = `data EdgeCases versions 0-3 flexible 2+
  Items []Item 0+
    Id int32 0+
    Weight uint16 1+ default 7
    Ratio float64 0+
  Batch records 0+ nullable 0+
  Maybe Inner 1+ nullable 2+
    A int8 1+
  Legacy string 0+ flexible none
  Nested Holder 0+
    Deep int32 2+ tag 0 default -1
    Name string 0+
  TaggedInner Inner2 2+ nullable 2+ tag 1
    B int16 2+
  TaggedNull Inner3 3+ nullable 3+ tag 2 default null
    C bool 3+
  Gone int32 0 default 5
`;

/** Generates the module for SPEC and evaluates it, resolving its one runtime import to codec-helpers. */
function load(): MessageDefinition {
  const code = generateModule({ id: 'data/edge-cases', spec: parseSpec(SPEC) });
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const mod = { exports: {} as Record<string, unknown> };
  const require = (p: string): unknown => {
    if (p.endsWith('/codec-helpers.js')) return helpers;
    throw new Error(`unexpected runtime import ${p}`);
  };
  new Function('require', 'module', 'exports', js)(require, mod, mod.exports);
  return mod.exports.EdgeCasesDefinition as MessageDefinition;
}

const def = load();

const FULL = {
  items: [{ id: 1, weight: 65534, ratio: 1.5 }],
  batch: Buffer.from([0xab]),
  maybe: { a: -2 },
  legacy: 'x',
  nested: { deep: 9, name: 'n' },
  taggedInner: { b: 3 },
  taggedNull: { c: true },
  gone: 6,
};

const EMPTY = {
  items: [],
  batch: null,
  maybe: null,
  legacy: '',
  nested: { deep: -1, name: 'n' },
  taggedInner: null,
  taggedNull: null,
  gone: 6,
};

const item = '00000001' + 'fffe' + '3ff8000000000000';
const CASES: [string, typeof FULL | typeof EMPTY, number, string][] = [
  // v0: Weight not yet there, Gone still there; nothing compact, no tagged fields.
  ['full', FULL, 0, '00000001' + '00000001' + '3ff8000000000000' + '00000001ab' + '000178' + '00016e' + '00000006'],
  // v1: Weight added, Gone removed (its value is not written), Maybe present without a null marker.
  ['full', FULL, 1, '00000001' + item + '00000001ab' + 'fe' + '000178' + '00016e'],
  // v2: flexible. Maybe gets an int8 marker; Legacy stays non-compact; Nested carries tag 0;
  // TaggedInner (tag 1) is a nullable struct: uvarint marker 1, then the struct.
  ['full', FULL, 2, '02' + item + '00' + '02ab' + '01fe00' + '000178' + '026e' + '01' + '000400000009' + '01' + '01040100' + '0300'],
  // v3: TaggedNull (tag 2, default null) is set, so it is written too.
  ['full', FULL, 3, '02' + item + '00' + '02ab' + '01fe00' + '000178' + '026e01000400000009' + '02' + '010401000300' + '0203010100'],
  // v3, nulls: Maybe's marker is -1; TaggedInner's default is a struct, so null is written (size 1,
  // marker 0); TaggedNull's default is null, so it is left out; Nested's Deep is at its default.
  ['empty', EMPTY, 3, '01' + '00' + 'ff' + '0000' + '026e00' + '01' + '010100'],
];

/** What a decoder returns: fields absent in the version at their defaults. */
function expected(value: Record<string, unknown>, version: number): Record<string, unknown> {
  const out = { ...value, nested: { ...(value.nested as object) } } as Record<string, any>;
  if (version === 0) out.items = out.items.map((i: object) => ({ ...i, weight: 7 }));
  if (version >= 1) out.gone = 5;
  if (version === 0) out.maybe = { a: 0 };
  if (version < 2) {
    out.nested.deep = -1;
    out.taggedInner = { b: 0 };
  }
  if (version < 3) out.taggedNull = null;
  return out;
}

describe('generated code for edge cases', () => {
  it.each(CASES)('%s value at v%i', (_name, value, version, hex) => {
    const w = new Writer(8);
    def.write(w, value, version);
    expect(w.toBuffer().toString('hex')).toBe(hex);
    const r = new Reader(Buffer.from(hex, 'hex'));
    expect(def.read(r, version)).toEqual(expected(value, version));
    expect(r.remaining).toBe(0);
  });

  it('reads a null tagged struct written with Kafka\'s varint marker, and skips unknown tags', () => {
    // v3: TaggedInner null (01 01 00), then an unknown tag 9 with 2 bytes, which is skipped.
    const hex = '01' + '00' + 'ff' + '0000' + '026e00' + '02' + '010100' + '09020000';
    const r = new Reader(Buffer.from(hex, 'hex'));
    expect(def.read(r, 3)).toMatchObject({ taggedInner: null, taggedNull: null });
    expect(r.remaining).toBe(0);
  });
});
