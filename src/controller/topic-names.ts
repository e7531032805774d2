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

/** Index of existing topics by unified name, built once per request. */
export function collisionIndex(names: Iterable<string>): Map<string, string> {
  const index = new Map<string, string>();
  for (const n of names) if (/[._]/.test(n)) index.set(unifiedName(n), n);
  return index;
}

export function collidingTopic(name: string, index: ReadonlyMap<string, string>): string | null {
  if (!/[._]/.test(name)) return null;
  const other = index.get(unifiedName(name));
  return other !== undefined && other !== name ? other : null;
}
