# A librdkafka (confluent-kafka) consumer in a group: reads COUNT messages, commits them
# synchronously and prints each value on its own line.
import sys
from confluent_kafka import Consumer

bootstrap, group, topic, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
consumer = Consumer({
    "bootstrap.servers": bootstrap,
    "group.id": group,
    "auto.offset.reset": "earliest",
    "enable.auto.commit": False,
    "session.timeout.ms": 6000,
})
consumer.subscribe([topic])
seen = 0
idle = 0
while seen < count and idle < 300:
    msg = consumer.poll(0.1)
    if msg is None:
        idle += 1
        continue
    if msg.error():
        print("error", msg.error(), file=sys.stderr)
        continue
    idle = 0
    seen += 1
    print(msg.value().decode())
    consumer.commit(message=msg, asynchronous=False)
consumer.close()
sys.exit(0 if seen == count else 1)
