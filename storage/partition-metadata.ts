// Kafka's `partition.metadata` file: the topic id a partition directory belongs to. Directory names
// carry only the topic's name, so without it a topic deleted and re-created under the same name
// while a broker was down would have its old log taken for the new one's.
import { joinPath, type FileSystem } from './file-system.js';

export const PARTITION_METADATA_FILE = 'partition.metadata';

/**
 * Written without an fsync of its own (its name is made durable with the directory's): a power cut
 * that loses its contents leaves a file that reads as "no topic id", and the name alone decides,
 * as it did before the file existed.
 */
export function writePartitionMetadata(fs: FileSystem, dir: string, topicId: string): void {
  const file = fs.open(joinPath(dir, PARTITION_METADATA_FILE), { create: true });
  try {
    file.write(Buffer.from(`version: 0\ntopic_id: ${topicId}\n`), 0);
  } finally {
    file.close();
  }
}

/** The topic id the directory was created for, or undefined (no file, or not readable as one). */
export function readPartitionMetadata(fs: FileSystem, dir: string): string | undefined {
  const path = joinPath(dir, PARTITION_METADATA_FILE);
  if (fs.stat(path) === undefined) return undefined;
  const text = fs.readFile(path).toString('utf8');
  const version = /^version: (\d+)$/m.exec(text)?.[1];
  const topicId = /^topic_id: ([A-Za-z0-9_-]{22})$/m.exec(text)?.[1];
  return version === '0' ? topicId : undefined;
}
