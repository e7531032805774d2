// Which topics a publisher must look at again for a new image: what Kafka's TopicsDelta gives its
// publishers. With the image's own changes (the delta that built it) this costs what changed, not
// the size of the cluster, so a config change on one topic does not revisit 100,000 partitions.
import { changesSince, configKey, ConfigResourceType, type MetadataImage, type TopicState } from './image.js';

export interface TopicChanges {
  /** Topics of `previous` that `image` no longer has. */
  removed: TopicState[];
  /** Topics created or changed, or whose topic configs changed (every topic when a broker config did). */
  changed: TopicState[];
}

const TOPIC_CONFIG_PREFIX = configKey(ConfigResourceType.TOPIC, '');

export function topicChanges(image: MetadataImage, previous: MetadataImage): TopicChanges {
  const changes = changesSince(image, previous);
  // Topic settings fall back to broker configs: a change there concerns every topic.
  const brokerConfigChanged = changes !== undefined && [...changes.configKeys].some((k) => !k.startsWith(TOPIC_CONFIG_PREFIX));
  if (changes === undefined || brokerConfigChanged) return compareWhole(image, previous);
  const removed: TopicState[] = [];
  const changed = new Set<TopicState>();
  for (const id of changes.topicIds) {
    const now = image.topicsById.get(id);
    const before = previous.topicsById.get(id);
    if (now === undefined && before !== undefined) removed.push(before);
    if (now !== undefined && now !== before) changed.add(now);
  }
  for (const key of changes.configKeys) {
    const topic = image.topicsByName.get(key.slice(TOPIC_CONFIG_PREFIX.length));
    if (topic !== undefined) changed.add(topic);
  }
  return { removed, changed: [...changed] };
}

function compareWhole(image: MetadataImage, previous: MetadataImage): TopicChanges {
  const configsChanged = image.configs !== previous.configs;
  if (image.topicsById === previous.topicsById && !configsChanged) return { removed: [], changed: [] };
  const removed = [...previous.topicsById.values()].filter((t) => !image.topicsById.has(t.topicId));
  const changed = [...image.topicsById.values()].filter((t) => configsChanged || previous.topicsById.get(t.topicId) !== t);
  return { removed, changed };
}
