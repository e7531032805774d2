// Checks every project .spec against Apache Kafka's JSON message definitions, field by field:
// names and order, types, versions, nullable/flexible/tagged versions, tags, defaults, struct
// layout (inline or common), and message-level valid/flexible versions, listeners and flags.
// Each failure names the first mismatch: spec file, struct path, field, attribute, both values.
import { describe, expect, it } from 'vitest';
import { loadSpecs, type SpecFile } from '../../../../protocol/codegen/generate.js';
import type { FieldSpec, StructSpec, Versions } from '../../../../protocol/codegen/spec.js';
import { loadReference, protocolDir, referenceAvailable, type RefField, type RefMessage, type RefStruct } from './helpers/kafka-reference.js';

/**
 * Reference APIs the project leaves out on purpose: the share-group APIs (KIP-932), which Kafka
 * marks latestVersionUnstable in this release. Every other request/response pair whose listeners
 * name broker or controller must have a spec.
 */
const EXCLUDED_APIS = [
  'ShareGroupHeartbeat', // 76
  'ShareGroupDescribe', // 77
  'ShareFetch', // 78
  'ShareAcknowledge', // 79
  'InitializeShareGroupState', // 83
  'ReadShareGroupState', // 84
  'WriteShareGroupState', // 85
  'DeleteShareGroupState', // 86
  'ReadShareGroupStateSummary', // 87
];

interface Mismatch {
  path: string;
  attribute: string;
  ours: unknown;
  kafka: unknown;
}

const NUMERIC = new Set(['int8', 'int16', 'uint16', 'int32', 'int64', 'float64']);

function fmtVersions(v: Versions | null): string {
  if (v === null) return '(absent)';
  if (v.min > v.max) return 'none';
  if (v.max === Infinity) return `${v.min}+`;
  return v.min === v.max ? `${v.min}` : `${v.min}-${v.max}`;
}

/** Kafka's version text in the same canonical form ("2-2" and "2" read alike). */
function fmtRefVersions(text: string | undefined): string {
  if (text === undefined) return '(absent)';
  const m = /^(\d+)(?:(\+)|-(\d+))?$/.exec(text.trim());
  if (text.trim() === 'none' || !m) return text.trim();
  if (m[2]) return `${m[1]}+`;
  if (m[3] === undefined || m[3] === m[1]) return m[1]!;
  return `${m[1]}-${m[3]}`;
}

/** For nullable and tagged versions an absent attribute means none. */
const absentIsNone = (s: string): string => (s === '(absent)' ? 'none' : s);

/** The value a default literal stands for, so "-1", -1 and absent-vs-"0" compare equal. */
function effectiveDefault(type: string, literal: string | null): string {
  if (literal === 'null') return 'null';
  if (type.startsWith('[]')) return literal === null ? '[]' : `invalid ${literal}`;
  if (type === 'string') return JSON.stringify(literal ?? '');
  if (type === 'bool') return literal ?? 'false';
  if (NUMERIC.has(type)) return String(Number(literal ?? 0));
  if (type === 'uuid') return literal ?? 'zero uuid';
  if (type === 'bytes') return literal ?? 'empty bytes';
  if (type === 'records') return literal ?? 'null';
  return literal ?? 'default struct';
}

function ourDefault(f: FieldSpec): string {
  const d = f.default;
  if (d === null || d === 'null') return effectiveDefault(f.type, d);
  return effectiveDefault(f.type, d.startsWith('"') ? (JSON.parse(d) as string) : d);
}

function kafkaDefault(f: RefField): string {
  const d = f.default;
  if (d === undefined) return effectiveDefault(f.type, null);
  return effectiveDefault(f.type, d === null ? 'null' : String(d));
}

function compareField(ours: FieldSpec, kafka: RefField, path: string): Mismatch | undefined {
  const at = `${path}.${kafka.name}`;
  const checks: [string, unknown, unknown][] = [
    ['type', ours.type, kafka.type],
    ['versions', fmtVersions(ours.versions), fmtRefVersions(kafka.versions ?? kafka.taggedVersions)],
    ['nullableVersions', absentIsNone(fmtVersions(ours.nullable)), absentIsNone(fmtRefVersions(kafka.nullableVersions))],
    ['flexibleVersions', fmtVersions(ours.flexible), fmtRefVersions(kafka.flexibleVersions)],
    ['taggedVersions', absentIsNone(fmtVersions(ours.tagged)), absentIsNone(fmtRefVersions(kafka.taggedVersions))],
    // Kafka writes some tags as strings ("tag": "0").
    ['tag', ours.tag, kafka.tag === undefined ? null : Number(kafka.tag)],
    ['default', ourDefault(ours), kafkaDefault(kafka)],
    ['inline struct', ours.fields !== null, kafka.fields !== undefined],
  ];
  for (const [attribute, a, b] of checks) {
    if (a !== b) return { path: at, attribute, ours: a, kafka: b };
  }
  if (ours.fields !== null && kafka.fields !== undefined) return compareFields(ours.fields, kafka.fields, at);
  return undefined;
}

function compareFields(ours: FieldSpec[], kafka: RefField[], path: string): Mismatch | undefined {
  for (let i = 0; i < Math.max(ours.length, kafka.length); i++) {
    const a = ours[i];
    const b = kafka[i];
    if (a?.name !== b?.name) return { path, attribute: `field #${i}`, ours: a?.name, kafka: b?.name };
    const m = compareField(a!, b!, path);
    if (m) return m;
  }
  return undefined;
}

function compareStructs(ours: StructSpec[], kafka: RefStruct[] | undefined, path: string): Mismatch | undefined {
  const refs = kafka ?? [];
  const names = [ours.map((s) => s.name).join(','), refs.map((s) => s.name).join(',')];
  if (names[0] !== names[1]) return { path, attribute: 'commonStructs', ours: names[0], kafka: names[1] };
  for (let i = 0; i < ours.length; i++) {
    const at = `${path}.${ours[i]!.name}`;
    const v = [fmtVersions(ours[i]!.versions), fmtRefVersions(refs[i]!.versions)];
    if (v[0] !== v[1]) return { path: at, attribute: 'versions', ours: v[0], kafka: v[1] };
    const m = compareFields(ours[i]!.fields, refs[i]!.fields, at);
    if (m) return m;
  }
  return undefined;
}

/** Message-level attributes of one reference message against the spec's header line. */
function compareHeader(file: SpecFile, ref: RefMessage): Mismatch | undefined {
  const s = file.spec;
  const kafkaKind = ref.type === 'request' || ref.type === 'response' ? 'api' : ref.type;
  const checks: [string, unknown, unknown][] = [
    ['type', s.kind, kafkaKind],
    ['apiKey', s.key, s.kind === 'data' || s.kind === 'header' ? null : ref.apiKey ?? null],
    ['validVersions', fmtVersions(s.versions), fmtRefVersions(ref.validVersions)],
    ['flexibleVersions', fmtVersions(s.flexible), fmtRefVersions(ref.flexibleVersions)],
  ];
  // A response repeats neither listeners nor deprecated versions; the request carries them.
  if (ref.type === 'request') {
    checks.push(['deprecatedVersions', absentIsNone(fmtVersions(s.deprecated)), absentIsNone(fmtRefVersions(ref.deprecatedVersions))]);
    checks.push(['listeners', s.listeners.join(','), (ref.listeners ?? []).join(',')]);
    checks.push(['latestVersionUnstable', s.unstable, ref.latestVersionUnstable === true]);
  }
  for (const [attribute, a, b] of checks) {
    if (a !== b) return { path: ref.name, attribute, ours: a, kafka: b };
  }
  return undefined;
}

/** Fields as the reference knows them: without those that begin in the declared extension. */
function withoutExtension(fields: FieldSpec[], from: number): FieldSpec[] {
  return fields.filter((f) => f.versions.min < from && f.extension === null)
    .map((f) => (f.fields === null ? f : { ...f, fields: withoutExtension(f.fields, from) }));
}

/**
 * The spec as the reference should see it: a declared extension (versions Kafka added after the
 * reference) is cut off, so every version below it is still checked field by field, and the cut
 * versions must follow the reference's last one exactly.
 */
function referenceView(file: SpecFile): SpecFile {
  const ext = file.spec.extension ?? { min: Infinity, max: Infinity };
  const sections = file.spec.sections.map((s) => ({
    ...s,
    fields: withoutExtension(s.fields, ext.min),
    structs: s.structs.map((st) => ({ ...st, fields: withoutExtension(st.fields, ext.min) })),
  }));
  const versions = file.spec.extension === null ? file.spec.versions : { min: file.spec.versions.min, max: ext.min - 1 };
  return { ...file, spec: { ...file.spec, versions, sections } };
}

function compareSpec(whole: SpecFile, reference: Map<string, RefMessage>): Mismatch | undefined {
  const file = referenceView(whole);
  for (const section of file.spec.sections) {
    const ref = reference.get(section.name);
    if (!ref) return { path: section.name, attribute: 'reference message', ours: section.name, kafka: undefined };
    const m = compareHeader(file, ref) ?? compareFields(section.fields, ref.fields, section.name) ??
      compareStructs(section.structs, ref.commonStructs, section.name);
    if (m) return { ...m, path: `${ref.file}: ${m.path}` };
  }
  return undefined;
}

const specs = loadSpecs(protocolDir);

describe.skipIf(!referenceAvailable())('project specs match Kafka message definitions', () => {
  const reference = referenceAvailable() ? loadReference() : new Map<string, RefMessage>();

  it.each(specs.map((f) => [f.id, f] as const))('spec/%s.spec', (id, file) => {
    // API and metadata record files are named by their key: api/03-metadata.spec holds key 3.
    const prefix = /^(?:api|metadata)\/(\d+)-/.exec(id);
    if (prefix) expect(file.spec.key, `spec/${id}.spec: key and file name`).toBe(Number(prefix[1]));
    const m = compareSpec(file, reference);
    if (m) {
      expect.fail(`spec/${id}.spec differs from ${m.path}: ${m.attribute} is ` +
        `${JSON.stringify(m.ours)} here, ${JSON.stringify(m.kafka)} in Kafka`);
    }
  });

  it('declares extensions only as the newest versions of a message', () => {
    for (const { id, spec } of specs.filter((f) => f.spec.extension !== null)) {
      expect(spec.extension!.max, `spec/${id}.spec: extension ends where the versions end`).toBe(spec.versions.max);
      expect(spec.extension!.min, `spec/${id}.spec: extension inside the versions`).toBeGreaterThan(spec.versions.min);
    }
  });

  it('has one API spec per broker/controller API, share-group APIs aside', () => {
    const expected = [...reference.values()]
      .filter((m) => m.type === 'request' && (m.listeners ?? []).some((l) => l === 'broker' || l === 'controller'))
      .map((m) => m.name.replace(/Request$/, ''))
      .filter((name) => !EXCLUDED_APIS.includes(name))
      .sort();
    const ours = specs.filter((f) => f.spec.kind === 'api').map((f) => f.spec.name).sort();
    expect({ missing: expected.filter((n) => !ours.includes(n)), extra: ours.filter((n) => !expected.includes(n)) })
      .toEqual({ missing: [], extra: [] });
  });

  it('leaves out only share-group APIs that Kafka marks unstable', () => {
    for (const name of EXCLUDED_APIS) {
      const ref = reference.get(`${name}Request`);
      expect(ref, `${name}Request`).toBeDefined();
      expect(ref!.latestVersionUnstable, `${name}Request latestVersionUnstable`).toBe(true);
      expect(name).toMatch(/Share/);
    }
  });

  it('has a spec for every metadata record, header and data message', () => {
    const ours = new Set(specs.filter((f) => f.spec.kind !== 'api').map((f) => f.spec.name));
    const missing = [...reference.values()]
      .filter((m) => !['request', 'response'].includes(m.type) && !ours.has(m.name))
      .map((m) => m.file);
    expect(missing).toEqual([]);
  });
});
