// An image as the records that rebuild it, for metadata snapshots (KIP-630): replaying these into
// an empty image gives the same image back. Order matters: features first, then brokers, topics
// with their partitions, configs, client quotas, and the producer-id watermark.
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import type { MetadataImage } from './image.js';
import { clientQuotaRecords } from './client-quotas.js';
import { MetadataRecordType, record, type MetadataRecord } from './records.js';

export function imageRecords(image: MetadataImage): MetadataRecord[] {
  const out: MetadataRecord[] = [];
  for (const [name, featureLevel] of image.features) out.push(record(MetadataRecordType.FEATURE_LEVEL, { name, featureLevel }));
  for (const b of image.brokers.values()) {
    out.push(record(MetadataRecordType.REGISTER_BROKER, {
      brokerId: b.id, isMigratingZkBroker: false, incarnationId: b.incarnationId, brokerEpoch: b.epoch,
      endPoints: [...b.endpoints], features: b.features.map((f) => ({ ...f })), rack: b.rack, fenced: b.fenced,
      inControlledShutdown: b.inControlledShutdown, logDirs: [],
    }));
  }
  for (const t of image.topicsById.values()) {
    out.push(record(MetadataRecordType.TOPIC, { name: t.name, topicId: t.topicId }));
    for (const p of t.partitions) {
      if (!p) continue;
      out.push(record(MetadataRecordType.PARTITION, {
        partitionId: p.partitionId, topicId: p.topicId, replicas: [...p.replicas], isr: [...p.isr],
        removingReplicas: [...(p.removingReplicas ?? [])], addingReplicas: [...(p.addingReplicas ?? [])], leader: p.leader, leaderRecoveryState: p.leaderRecoveryState,
        leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, directories: p.replicas.map(() => ZERO_UUID),
        eligibleLeaderReplicas: null, lastKnownElr: null,
      }));
    }
  }
  for (const [key, entries] of image.configs) {
    const sep = key.indexOf(':');
    const resourceType = Number(key.slice(0, sep));
    const resourceName = key.slice(sep + 1);
    for (const [name, value] of entries) out.push(record(MetadataRecordType.CONFIG, { resourceType, resourceName, name, value }));
  }
  for (const [name, byMechanism] of image.scramCredentials) {
    for (const [mechanism, c] of byMechanism) {
      out.push(record(MetadataRecordType.USER_SCRAM_CREDENTIAL, { name, mechanism, salt: c.salt, storedKey: c.storedKey, serverKey: c.serverKey, iterations: c.iterations }));
    }
  }
  for (const q of clientQuotaRecords(image.clientQuotas)) out.push(record(MetadataRecordType.CLIENT_QUOTA, q));
  if (image.nextProducerId > 0) {
    out.push(record(MetadataRecordType.PRODUCER_IDS, { brokerId: -1, brokerEpoch: -1, nextProducerId: image.nextProducerId }));
  }
  for (const acl of image.acls.values()) out.push(record(MetadataRecordType.ACCESS_CONTROL_ENTRY, { ...acl }));
  for (const t of image.delegationTokens.values()) out.push(record(MetadataRecordType.DELEGATION_TOKEN, { ...t, renewers: [...t.renewers] }));
  return out;
}
