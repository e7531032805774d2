// ACLs at a broker's start. The metadata log a restarted node replays may lack the ACLs created
// while it was down, so a request that ACLs decide waits until the node has caught up with the
// quorum, as Kafka opens its client listeners only once its authorizer has loaded. Three nodes,
// SASL PLAIN user eve, allow.everyone.if.no.acl.found=true; a DENY for eve is created while node 3
// is down, and node 3 restarts cut off from the others.
import { AclOperationTypes as Op, AclPermissionTypes as Perm, AclResourceTypes as Rt, ResourcePatternTypes as Pt } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { MetadataApi, type MetadataResponse } from '../../../protocol/generated/api/03-metadata.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { THREE_NODE_OVERRIDES, kafkaClient, startCluster } from '../../helpers/cluster.js';
import { RawClient } from '../../helpers/raw-client.js';
import { eventually } from '../../helpers/retry.js';
import { plainClient } from '../../helpers/sasl-client.js';
import { ACLS_ANONYMOUS_SUPER_USER, listenerAddress } from '../../helpers/security.js';

const JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required user_eve="eve-secret";';
const ZERO = 'AAAAAAAAAAAAAAAAAAAAAA';
let cluster: Cluster;
const clients: RawClient[] = [];

beforeAll(async () => {
  cluster = await startCluster({
    nodes: 3,
    extraListeners: ['SASL_PLAINTEXT'],
    overrides: {
      ...THREE_NODE_OVERRIDES, ...ACLS_ANONYMOUS_SUPER_USER, 'allow.everyone.if.no.acl.found': 'true',
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
      'sasl.enabled.mechanisms': 'PLAIN',
      'listener.name.sasl_plaintext.plain.sasl.jaas.config': JAAS,
    },
  });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cluster?.stop();
});

/** Metadata v12 of one topic; its error code. */
function topicError(client: RawClient, topic: string): Promise<number> {
  return client.request(MetadataApi, 12, { ...MetadataApi.defaultRequest(), topics: [{ topicId: ZERO, name: topic }], allowAutoTopicCreation: false })
    .then((res: MetadataResponse) => res.topics[0]!.errorCode);
}

describe('ACLs at start-up', () => {
  it('a restarted node holds the requests of non-super users until it has the ACLs created while it was down', async () => {
    const admin = kafkaClient(listenerAddress(cluster, 'PLAINTEXT')).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'secret', numPartitions: 1, replicationFactor: 3 }] });
    const third = cluster.nodes[2]!.nodeId;
    const eveAt = listenerAddress(cluster, 'SASL_PLAINTEXT', 2);
    const superAt = listenerAddress(cluster, 'PLAINTEXT', 2);
    const before = await plainClient(eveAt, 'eve', 'eve-secret');
    clients.push(before);
    expect(await topicError(before, 'secret')).toBe(ErrorCode.NONE);

    cluster.kill(third);
    await admin.createAcls({ acl: [{
      resourceType: Rt.TOPIC, resourceName: 'secret', resourcePatternType: Pt.LITERAL, principal: 'User:eve', host: '*',
      operation: Op.ALL, permissionType: Perm.DENY,
    }] });
    await admin.disconnect();
    cluster.faults.isolate(third);
    const restarting = cluster.restart(third);
    const eve = await eventually(() => plainClient(eveAt, 'eve', 'eve-secret').catch(() => undefined), 30_000, 50);
    clients.push(eve);
    let answered = false;
    const eveSees = topicError(eve, 'secret').then((code) => {
      answered = true;
      return code;
    });
    // A super user is answered meanwhile (from the image the node has so far: nothing committed
    // yet, cut off as it is), and so would eve be without the wait.
    const superUser = await RawClient.connect(superAt);
    clients.push(superUser);
    expect(await topicError(superUser, 'secret')).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answered).toBe(false);

    cluster.faults.heal(third);
    await restarting;
    expect(await eveSees).toBe(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
  });
});
