# librdkafka (confluent-kafka) cooperative-sticky consumers and a deleted topic: two members of one
# group subscribe to KEEP and GONE; once both read what is there, GONE is deleted and more is
# written to KEEP. Prints, as JSON: what the group read of KEEP after the deletion, the members'
# final assignments, and the errors they reported. Exits without closing the consumers: librdkafka
# 2.0 postpones its rejoin for as long as a subscribed topic is missing (librdkafka issue #2981),
# so a member's close waits behind the rebalance until the broker's rebalance timeout ends it.
import json
import os
import sys
import time
from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient

bootstrap, keep, gone, group, before, after = sys.argv[1:7]
before, after = int(before), int(after)

def consumer(name):
    return Consumer({"bootstrap.servers": bootstrap, "group.id": group, "client.id": name,
                     "partition.assignment.strategy": "cooperative-sticky", "auto.offset.reset": "earliest",
                     "session.timeout.ms": 6000, "heartbeat.interval.ms": 300, "topic.metadata.refresh.interval.ms": 500,
                     "enable.auto.commit": True, "auto.commit.interval.ms": 200})

members = [consumer("rdk-a"), consumer("rdk-b")]
errors = []
for m in members:
    m.subscribe([keep, gone])
seen = {0: [], 1: []}

def poll_until(done, timeout_s):
    deadline = time.time() + timeout_s
    while time.time() < deadline and not done():
        for i, m in enumerate(members):
            msg = m.poll(0.1)
            if msg is None:
                continue
            if msg.error():
                errors.append(str(msg.error().code()))
                continue
            seen[i].append((msg.topic(), msg.value().decode()))

both_assigned = lambda: all(len(m.assignment()) > 0 for m in members)
poll_until(lambda: len(seen[0]) + len(seen[1]) >= before and both_assigned(), 60)
admin = AdminClient({"bootstrap.servers": bootstrap})
admin.delete_topics([gone])[gone].result(30)
producer = Producer({"bootstrap.servers": bootstrap})
for i in range(after):
    producer.produce(keep, value="after-%d" % i, partition=i % 2)
producer.flush(30)
kept = lambda: [v for i in (0, 1) for (t, v) in seen[i] if t == keep and v.startswith("after-")]
poll_until(lambda: len(kept()) >= after, 45)
print(json.dumps({
    "after": sorted(kept()),
    "assignments": [sorted("%s-%d" % (tp.topic, tp.partition) for tp in m.assignment()) for m in members],
    "errors": sorted(set(errors)),
}))
sys.stdout.flush()
os._exit(0)
