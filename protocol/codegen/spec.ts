// Parser for the project's message definitions (protocol/spec/**/*.spec).
//
// A file opens with one header line, then indented field lines; `#` lines are the doc comment of
// the field below them. API files have a `request` and a `response` section; every section may end
// with `struct Name <versions>` blocks that fields reference by type.
//
//   api <key> <Name> versions <v> flexible <v> [listeners a,b] [deprecated <v>] [unstable] [extension <v>]
//   metadata <recordType> <Name> versions <v> flexible <v>
//   header <Name> versions <v> flexible <v>
//   data <Name> versions <v> flexible <v>
//
//   <Field> <type> <versions> [nullable <v>] [tag <n> [tagged <v>]] [flexible <v>] [default <literal>] [extension <v>]
//
// Versions read as Kafka writes them: `3`, `1-4`, `2+` or `none`. Types are Kafka's: bool, int8,
// int16, uint16, int32, int64, float64, uuid, string, bytes, records, []T, or a struct name (with
// the struct's fields indented below the field, or declared in a `struct` block).
//
// `extension <v>` declares versions that Apache Kafka has added after the reference definitions
// the project checks against (e.g. Vote v2 of Kafka 4.0): the spec check compares the versions
// below <v> and skips fields that begin inside it. Remove it once the reference has the versions.
// On a field, `extension <v>` declares a field of this project's own that Kafka does not have (a
// tagged field, so Kafka's decoders skip it): the spec check leaves it out.

export interface Versions {
  min: number;
  /** Infinity for an open range. */
  max: number;
}

export interface FieldSpec {
  name: string;
  type: string;
  versions: Versions;
  nullable: Versions | null;
  tag: number | null;
  tagged: Versions | null;
  flexible: Versions | null;
  /** The default literal as written: a number, true/false, null or a JSON string. */
  default: string | null;
  /** Versions in which the field is this project's own, unknown to Kafka (always tagged). */
  extension: Versions | null;
  about: string;
  fields: FieldSpec[] | null;
}

export interface StructSpec {
  name: string;
  versions: Versions;
  fields: FieldSpec[];
}

export interface SectionSpec {
  /** Name of the top-level struct: MetadataRequest, TopicRecord, ... */
  name: string;
  fields: FieldSpec[];
  structs: StructSpec[];
}

export type SpecKind = 'api' | 'metadata' | 'header' | 'data';

export interface MessageSpec {
  kind: SpecKind;
  key: number | null;
  name: string;
  versions: Versions;
  flexible: Versions;
  listeners: string[];
  deprecated: Versions | null;
  unstable: boolean;
  /** Versions newer than the reference definitions, declared on purpose; null when none. */
  extension: Versions | null;
  /** One section for metadata/header/data, two (request, response) for api. */
  sections: SectionSpec[];
}

export const NO_VERSIONS: Versions = { min: 0, max: -1 };

export function parseVersions(text: string): Versions {
  if (text === 'none') return NO_VERSIONS;
  let m = /^(\d+)\+$/.exec(text);
  if (m) return { min: Number(m[1]), max: Infinity };
  m = /^(\d+)-(\d+)$/.exec(text);
  if (m) return { min: Number(m[1]), max: Number(m[2]) };
  if (/^\d+$/.test(text)) return { min: Number(text), max: Number(text) };
  throw new Error(`bad versions "${text}"`);
}

export function inVersions(v: number, r: Versions | null): boolean {
  return r !== null && v >= r.min && v <= r.max;
}

interface Line {
  no: number;
  indent: number;
  text: string;
}

function lines(source: string): Line[] {
  return source.split('\n').flatMap((raw, i) => {
    const text = raw.trim();
    if (text === '') return [];
    return [{ no: i + 1, indent: raw.length - raw.trimStart().length, text }];
  });
}

function parseHeader(text: string): Omit<MessageSpec, 'sections'> {
  const words = text.split(/\s+/);
  const kind = words.shift() as SpecKind;
  if (!['api', 'metadata', 'header', 'data'].includes(kind)) throw new Error(`unknown kind ${kind}`);
  const key = kind === 'api' || kind === 'metadata' ? Number(words.shift()) : null;
  const name = words.shift()!;
  const spec: Omit<MessageSpec, 'sections'> = {
    kind, key, name, versions: NO_VERSIONS, flexible: NO_VERSIONS,
    listeners: [], deprecated: null, unstable: false, extension: null,
  };
  while (words.length > 0) {
    const word = words.shift()!;
    if (word === 'versions') spec.versions = parseVersions(words.shift()!);
    else if (word === 'flexible') spec.flexible = parseVersions(words.shift()!);
    else if (word === 'listeners') spec.listeners = words.shift()!.split(',');
    else if (word === 'deprecated') spec.deprecated = parseVersions(words.shift()!);
    else if (word === 'unstable') spec.unstable = true;
    else if (word === 'extension') spec.extension = parseVersions(words.shift()!);
    else throw new Error(`unknown header word ${word}`);
  }
  return spec;
}

function parseField(text: string, about: string): FieldSpec {
  const m = /^(\w+) (\S+) (\S+)(.*)$/.exec(text);
  if (!m) throw new Error(`bad field line "${text}"`);
  const field: FieldSpec = {
    name: m[1]!, type: m[2]!, versions: parseVersions(m[3]!), nullable: null,
    tag: null, tagged: null, flexible: null, default: null, extension: null, about, fields: null,
  };
  let rest = m[4]!.trim();
  while (rest !== '') {
    const w = /^(\w+) ("(?:[^"\\]|\\.)*"|\S+)\s*/.exec(rest);
    if (!w) throw new Error(`bad field attributes "${rest}"`);
    const [all, word, value] = w as unknown as [string, string, string];
    if (word === 'nullable') field.nullable = parseVersions(value);
    else if (word === 'tag') field.tag = Number(value);
    else if (word === 'tagged') field.tagged = parseVersions(value);
    else if (word === 'flexible') field.flexible = parseVersions(value);
    else if (word === 'default') field.default = value;
    else if (word === 'extension') field.extension = parseVersions(value);
    else throw new Error(`unknown field attribute ${word}`);
    rest = rest.slice(all.length);
  }
  if (field.tag !== null && field.tagged === null) field.tagged = field.versions;
  if (field.extension !== null && field.tag === null) throw new Error(`extension field ${field.name} must be tagged`);
  return field;
}

/** Parses field lines deeper than `indent`, starting at lines[i]; returns the fields and next index. */
function parseFields(ls: Line[], i: number, indent: number): [FieldSpec[], number] {
  const fields: FieldSpec[] = [];
  let about: string[] = [];
  while (i < ls.length && ls[i]!.indent > indent) {
    const line = ls[i]!;
    if (line.text.startsWith('#')) {
      about.push(line.text.replace(/^#\s?/, ''));
      i++;
      continue;
    }
    let field: FieldSpec;
    try {
      field = parseField(line.text, about.join(' '));
    } catch (e) {
      throw new Error(`line ${line.no}: ${(e as Error).message}`);
    }
    about = [];
    i++;
    if (i < ls.length && ls[i]!.indent > line.indent) {
      [field.fields, i] = parseFields(ls, i, line.indent);
    }
    fields.push(field);
  }
  return [fields, i];
}

export function parseSpec(source: string): MessageSpec {
  const ls = lines(source).filter((l) => !(l.indent === 0 && l.text.startsWith('#')));
  const head = parseHeader(ls[0]!.text);
  const sections: SectionSpec[] = [];
  let i = 1;
  if (head.kind !== 'api') {
    const [fields, next] = parseFields(ls, 1, 0);
    sections.push({ name: head.name, fields, structs: [] });
    i = next;
  }
  while (i < ls.length) {
    const line = ls[i]!;
    const words = line.text.split(/\s+/);
    let fields: FieldSpec[];
    if (head.kind === 'api' && line.indent === 0 && (line.text === 'request' || line.text === 'response')) {
      [fields, i] = parseFields(ls, i + 1, 0);
      sections.push({ name: head.name + (line.text === 'request' ? 'Request' : 'Response'), fields, structs: [] });
    } else if (line.indent === 0 && words[0] === 'struct' && words.length === 3 && sections.length > 0) {
      [fields, i] = parseFields(ls, i + 1, 0);
      sections.at(-1)!.structs.push({ name: words[1]!, versions: parseVersions(words[2]!), fields });
    } else {
      throw new Error(`line ${line.no}: unexpected "${line.text}"`);
    }
  }
  return { ...head, sections };
}
