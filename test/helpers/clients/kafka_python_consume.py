# A kafka-python consumer in a group: reads COUNT messages and prints each value on its own line.
import sys
from kafka import KafkaConsumer

bootstrap, group, topic, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
consumer = KafkaConsumer(
    topic,
    bootstrap_servers=bootstrap,
    group_id=group,
    auto_offset_reset="earliest",
    enable_auto_commit=False,
    consumer_timeout_ms=30000,
)
seen = 0
for msg in consumer:
    print(msg.value.decode())
    seen += 1
    if seen == count:
        break
consumer.commit()
consumer.close()
sys.exit(0 if seen == count else 1)
