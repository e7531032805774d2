// The publisher at a start: a snapshot's image waits for the log after it, so both become one
// image (one delta, whose topics the log's records then change in place), and a snapshot that
// fails to decode part way leaves the state it was to replace.
import { describe, expect, it } from 'vitest';
import { batchSize, isControlBatch } from '../../../protocol/records/batch-header.js';
import type { CommittedBatch } from '../../../src/kraft/metadata-quorum.js';
import { encodeMetadataRecord, type AnyMetadataRecord } from '../../../src/metadata/records.js';
import { MetadataPublisher } from '../../../src/node/metadata-publisher.js';
import { encodeSnapshot, snapshotBatches } from '../../../src/metadata/snapshot-format.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { applyRecords, leaderChange, topicRecords } from '../../helpers/metadata-images.js';

const SNAPSHOT = [...topicRecords('a', 2, () => [1]), ...topicRecords('b', 1, () => [1])];
const TAIL = [leaderChange('a', 1, 1), leaderChange('b', 0, 1)];

function publisherSeeing(): { publisher: MetadataPublisher; images: MetadataImage[] } {
  const publisher = new MetadataPublisher((err) => { throw err; });
  const images: MetadataImage[] = [];
  publisher.subscribe((image) => { images.push(image); });
  return { publisher, images };
}

/** A committed batch of these records from `baseOffset`, as the metadata log hands them over. */
function batchOf(baseOffset: number, epoch: number, records: readonly AnyMetadataRecord[]): CommittedBatch {
  return {
    baseOffset, lastOffset: baseOffset + records.length - 1, epoch, recordCount: records.length,
    forEachRecord: (visit) => records.forEach((r) => visit(r)),
    forEachValue: (visit) => records.forEach((r) => {
      const value = encodeMetadataRecord(r);
      visit(value, 0, value.length);
    }),
  };
}

describe('MetadataPublisher', () => {
  it('publishes a snapshot and the batches after it as one image, as the records would build it', async () => {
    const { publisher, images } = publisherSeeing();
    publisher.reset(snapshotBatches(encodeSnapshot(SNAPSHOT, 3, 0, 0)), SNAPSHOT.length - 1, 3);
    await publisher.settled();
    expect(images).toEqual([]);
    publisher.apply(batchOf(SNAPSHOT.length, 4, TAIL), true);
    publisher.flush();
    await publisher.settled();
    expect(images).toHaveLength(1);
    const expected = applyRecords(applyRecords(EMPTY_IMAGE, SNAPSHOT), TAIL);
    expect(images[0]!.offset).toBe(SNAPSHOT.length + 1);
    expect(images[0]!.epoch).toBe(4);
    expect(images[0]!.topicsByName).toEqual(expected.topicsByName);
    expect(images[0]!.topicsByName.get('a')!.partitions[1]!.leaderEpoch).toBe(1);
    expect(publisher.image).toBe(images[0]);
  });

  it('builds a pending snapshot when asked for the newest image, and publishes it at the next flush', async () => {
    const { publisher, images } = publisherSeeing();
    publisher.reset(snapshotBatches(encodeSnapshot(SNAPSHOT, 3, 0, 0)), SNAPSHOT.length - 1, 3);
    expect(publisher.built.topicsByName.size).toBe(2);
    expect(publisher.built.offset).toBe(SNAPSHOT.length - 1);
    publisher.flush();
    await publisher.settled();
    expect(images).toHaveLength(1);
    expect(images[0]!.topicsById.size).toBe(2);
  });

  it('keeps the state it had when a snapshot fails to decode part way', async () => {
    const { publisher, images } = publisherSeeing();
    publisher.apply(batchOf(0, 1, topicRecords('kept', 2, () => [1])));
    await publisher.settled();
    const bytes = encodeSnapshot([...SNAPSHOT, ...Array.from({ length: 5000 }, (_, i) => leaderChange('a', 0, i))], 3, 0, 0);
    // The second data batch's last byte (4,096 records a batch): the framing stays whole, the first
    // batch decodes and is applied, the second fails its CRC.
    const damaged = Buffer.from(bytes);
    let pos = 0;
    let dataBatches = 0;
    while (pos < damaged.length) {
      const size = batchSize(damaged, pos);
      if (!isControlBatch(damaged, pos) && ++dataBatches === 2) {
        damaged[pos + size - 1] ^= 0xff;
        break;
      }
      pos += size;
    }
    expect(dataBatches).toBe(2);
    expect(() => publisher.reset(snapshotBatches(damaged), 5010, 3)).toThrow();
    expect(publisher.built.topicsByName.has('kept')).toBe(true);
    expect(publisher.built.topicsByName.has('a')).toBe(false);
    publisher.flush();
    await publisher.settled();
    expect(images).toHaveLength(1);
  });

  it('applies a batch whole or not at all when one of its records fails to decode', async () => {
    const { publisher, images } = publisherSeeing();
    publisher.apply(batchOf(0, 1, topicRecords('kept', 1, () => [1])));
    await publisher.settled();
    const [topic, partition] = topicRecords('half', 1, () => [1]);
    const failing: CommittedBatch = {
      ...batchOf(2, 1, [topic!, partition!]),
      forEachValue: (visit) => {
        const value = encodeMetadataRecord(topic!);
        visit(value, 0, value.length);
        throw new Error('record 2 does not decode');
      },
    };
    expect(() => publisher.apply(failing, true)).toThrow('does not decode');
    // The batch after it (were there one) builds on the image before it, not on its first half.
    publisher.apply(batchOf(4, 1, topicRecords('next', 1, () => [1])));
    await publisher.settled();
    expect(images).toHaveLength(2);
    expect([...images[1]!.topicsByName.keys()].sort()).toEqual(['kept', 'next']);
  });
});
