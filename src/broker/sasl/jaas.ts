// The part of a JAAS entry Kafka's sasl.jaas.config holds: "<LoginModule class> required
// key="value" key2=value2;". kraftling reads the options (PlainLoginModule's user_<name> entries,
// OAuthBearer's unsecuredLoginStringClaim_sub ...); the module class and flag are checked loosely.

export interface JaasEntry {
  loginModule: string;
  options: Map<string, string>;
}

export function parseJaasConfig(text: string): JaasEntry {
  const m = /^\s*([\w.$]+)\s+(required|requisite|sufficient|optional)\b([\s\S]*?);?\s*$/.exec(text);
  if (!m) throw new Error('sasl.jaas.config is not "<LoginModule> required key=value ...;"');
  const options = new Map<string, string>();
  const pairs = /([\w.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+))/g;
  let rest = m[3]!.trim();
  for (const p of rest.matchAll(pairs)) {
    options.set(p[1]!, p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!);
  }
  rest = rest.replace(pairs, '').trim();
  if (rest !== '') throw new Error(`sasl.jaas.config has text that is not key=value: ${rest}`);
  return { loginModule: m[1]!, options };
}

/** PlainLoginModule's user table: user_<name>="<password>". */
export function plainUsers(entry: JaasEntry): Map<string, string> {
  const users = new Map<string, string>();
  for (const [k, v] of entry.options) if (k.startsWith('user_')) users.set(k.slice('user_'.length), v);
  return users;
}
