// Kafka's topic name rules (org.apache.kafka.common.internals.Topic).

export const CLUSTER_METADATA_TOPIC = '__cluster_metadata';
const MAX_NAME_LENGTH = 249;

/** null when the name is legal, else the message of INVALID_TOPIC_EXCEPTION. */
export function checkTopicName(name: string): string | null {
  if (name === '') return 'Topic name is illegal, it can\'t be empty';
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
  if (name.length > MAX_NAME_LENGTH) {
    return `Topic name is illegal, it can't be longer than ${MAX_NAME_LENGTH} characters, topic name: ${name}`;
  }
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) {
    return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  }
  if (name === CLUSTER_METADATA_TOPIC) return `Topic name ${name} is reserved for the KRaft metadata log`;
  return null;
}

/** '.' and '_' collide in metric names, so Kafka refuses a topic that differs from another only there. */
export function unifiedName(name: string): string {
  return name.replace(/\./g, '_');
}

/** Most '.' and '_' in a name whose variants are looked up one by one (2^n lookups); a name with
 * more is compared with every topic name instead. */
const MAX_PROBED_CHARS = 10;
const DOT = 46;
const UNDERSCORE = 95;

/**
 * The topic `exists` knows whose name differs from `name` only in '.' against '_' (Kafka refuses
 * it: both become the same metric name), or null. Looks up the variants of `name` rather than
 * indexing every topic, which cost O(topics) per CreateTopics.
 */
export function collidingTopic(name: string, exists: (candidate: string) => boolean, allNames: () => Iterable<string>): string | null {
  const at: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === DOT || c === UNDERSCORE) at.push(i);
  }
  if (at.length === 0) return null;
  if (at.length > MAX_PROBED_CHARS) {
    const unified = unifiedName(name);
    for (const other of allNames()) if (other !== name && unifiedName(other) === unified) return other;
    return null;
  }
  const chars = name.split('');
  for (let mask = 0; mask < 1 << at.length; mask++) {
    at.forEach((position, bit) => { chars[position] = (mask >> bit) & 1 ? '_' : '.'; });
    const candidate = chars.join('');
    if (candidate !== name && exists(candidate)) return candidate;
  }
  return null;
}
