# librdkafka (confluent-kafka): a group consumer reads TOPIC partition 0 and after each message
# commits asynchronously, then at once asks committed() with a one-second timeout (OffsetFetch
# with require_stable, librdkafka's default read_committed). Prints, as JSON, how many rounds
# saw their own commit, how many timed out, and any older offset returned.
import json
import sys
import time
from confluent_kafka import Consumer, KafkaException, TopicPartition

bootstrap, topic, group, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
c = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": False})
c.subscribe([topic])
seen, ok, timeouts, stale = 0, 0, 0, []
deadline = time.time() + 90
while seen < rounds and time.time() < deadline:
    msg = c.poll(1.0)
    if msg is None or msg.error():
        continue
    seen += 1
    c.commit(message=msg, asynchronous=True)
    try:
        got = c.committed([TopicPartition(topic, 0)], timeout=1.0)[0].offset
    except KafkaException:
        timeouts += 1
        continue
    if got == msg.offset() + 1:
        ok += 1
    else:
        stale.append([msg.offset() + 1, got])
print(json.dumps({"rounds": seen, "ok": ok, "timeouts": timeouts, "stale": stale}))
c.close()
