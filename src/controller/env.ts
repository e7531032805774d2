// What controller operations are given: configuration and a source of randomness (seeded in the
// simulator), and what they return: the records to commit and the response to send once they are.
import type { ServerConfig } from '../config/server-config.js';
import type { MetadataImage } from '../metadata/image.js';
import type { MetadataRecord } from '../metadata/records.js';

export interface ControllerEnv {
  config: ServerConfig;
  /** Uniform in [0, 1). */
  random: () => number;
}

export interface ControllerResult<R> {
  /** Appended as one batch, atomically; empty for a read-only or failed request. */
  records: MetadataRecord[];
  response: R;
}

/** Reserved by Kafka: the zero id and the id of __cluster_metadata. */
const RESERVED_IDS = new Set(['AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAQ']);

/** A random topic id, never reserved, never starting with '-' (as Kafka's Uuid.randomUuid). */
export function newTopicId(random: () => number, image: MetadataImage): string {
  for (;;) {
    const bytes = Buffer.alloc(16);
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
    const id = bytes.toString('base64url');
    if (!id.startsWith('-') && !RESERVED_IDS.has(id) && !image.topicsById.has(id)) return id;
  }
}
