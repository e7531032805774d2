// ssl.principal.mapping.rules (KIP-371): how an SSL listener turns a client certificate's
// distinguished name into the principal's name, as Kafka's SslPrincipalMapper does. The rules are
// tried in order; the first that applies gives the name:
//   DEFAULT                            the distinguished name itself ("CN=alice,O=example");
//   RULE:pattern/replacement/[L|U]     when the pattern matches the whole name, the name with every
//                                      match replaced ($1 is a group, \x a literal x), lower- or
//                                      upper-cased with L or U.
// Rules are separated by commas or new lines; a pattern may hold commas of its own, and \/ for a
// slash. A name no rule applies to fails the connection, as in Kafka. Patterns are JavaScript
// regular expressions, where Kafka's are Java's: the common syntax is the same.

/** Maps a distinguished name to a principal name; undefined when no rule applies. */
export type PrincipalNameMapper = (distinguishedName: string) => string | undefined;

type Part = string | { group: number } | { name: string };

interface Rule {
  /** Absent for DEFAULT. */
  whole?: RegExp;
  every?: RegExp;
  replacement: Part[];
  caseChange: '' | 'L' | 'U';
}

/** One rule from where `lastIndex` points: DEFAULT, or RULE: with its pattern, replacement and case. */
const RULE = /(DEFAULT)|RULE:((?:\\.|[^\\/])*)\/((?:\\.|[^\\/])*)\/([LU]?)/y;
const SEPARATOR = /\s*(?:[,\n]\s*|$)/y;
const SPACE = /\s*/y;

/** Parses the rules; throws an Error naming the first one that is not valid. */
export function parsePrincipalRules(text: string): PrincipalNameMapper {
  const rules: Rule[] = [];
  let at = 0;
  while (true) {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
    if (at >= text.length) break;
    RULE.lastIndex = at;
    const m = RULE.exec(text);
    if (m === null) throw new Error(`invalid rule at "${text.slice(at)}": expected DEFAULT or RULE:pattern/replacement/[L|U]`);
    SEPARATOR.lastIndex = RULE.lastIndex;
    if (SEPARATOR.exec(text) === null) throw new Error(`invalid rule "${text.slice(at, RULE.lastIndex)}": unmatched "${text.slice(RULE.lastIndex)}"`);
    rules.push(m[1] !== undefined ? { replacement: [], caseChange: '' } : rule(m[2]!, m[3]!, m[4] as '' | 'L' | 'U'));
    at = SEPARATOR.lastIndex;
  }
  return (dn) => {
    for (const r of rules) {
      if (r.whole === undefined) return dn;
      if (!r.whole.test(dn)) continue;
      const name = dn.replace(r.every!, (...args: unknown[]) => expand(r.replacement, args));
      return r.caseChange === 'L' ? name.toLowerCase() : r.caseChange === 'U' ? name.toUpperCase() : name;
    }
    return undefined;
  };
}

function rule(pattern: string, replacement: string, caseChange: '' | 'L' | 'U'): Rule {
  let every: RegExp;
  let whole: RegExp;
  try {
    every = new RegExp(pattern, 'g');
    whole = new RegExp(`^(?:${pattern})$`);
  } catch (err) {
    throw new Error(`invalid pattern "${pattern}": ${(err as Error).message}`);
  }
  // Groups the pattern has: a match of the empty alternative reports them all.
  const groups = new RegExp(`${pattern}|`).exec('')!.length - 1;
  return { whole, every, replacement: replacementParts(replacement, groups), caseChange };
}

/**
 * Java's replacement syntax: \x is a literal x, $n a group (a digit more while the number is still
 * a group), ${name} a named group. Kafka makes a $n past the pattern's groups literal.
 */
function replacementParts(text: string, groups: number): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      literal += text[++i];
    } else if (c === '$' && /\d/.test(text[i + 1] ?? '')) {
      let n = Number(text[i + 1]);
      let end = i + 2;
      while (end < text.length && /\d/.test(text[end]!) && n * 10 + Number(text[end]) <= groups) n = n * 10 + Number(text[end++]);
      if (n > groups) {
        literal += text.slice(i, end);
      } else {
        if (literal !== '') parts.push(literal);
        literal = '';
        parts.push({ group: n });
      }
      i = end - 1;
    } else if (c === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i);
      if (close < 0) throw new Error(`invalid replacement "${text}": unclosed \${`);
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push({ name: text.slice(i + 2, close) });
      i = close;
    } else if (c === '$') {
      throw new Error(`invalid replacement "${text}": $ must be followed by a group number or {name} (\\$ for a dollar sign)`);
    } else {
      literal += c;
    }
  }
  if (literal !== '') parts.push(literal);
  return parts;
}

/** The replacement for one match: replace()'s callback arguments are the match, its groups, the
 * offset, the string, and the named groups when the pattern has any. */
function expand(parts: Part[], args: unknown[]): string {
  const last = args[args.length - 1];
  const named = typeof last === 'object' && last !== null ? last as Record<string, string | undefined> : undefined;
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else if ('group' in p) out += (args[p.group] as string | undefined) ?? '';
    else out += named?.[p.name] ?? '';
  }
  return out;
}
