# A librdkafka (confluent-kafka) transactional producer: init_transactions, then transactions
# alternately committed and aborted across the topic's partitions; then consume-transform-produce:
# a group consumer reads IN_TOPIC, the producer writes OUT_TOPIC and sends the consumer's positions
# with send_offsets_to_transaction, and commits; then a read_committed consumer reads TOPIC.
# Prints the group's committed offset and what the reader saw, as JSON.
import json
import sys
from confluent_kafka import Consumer, Producer, TopicPartition

bootstrap, topic, partitions, in_topic, out_topic, group = sys.argv[1:7]
partitions = int(partitions)
producer = Producer({"bootstrap.servers": bootstrap, "transactional.id": "rdk-txn", "linger.ms": 5})
producer.init_transactions(30)
for t in range(4):
    producer.begin_transaction()
    for p in range(partitions):
        producer.produce(topic, value="rdk-t%d-p%d" % (t, p), partition=p)
    if t % 2 == 0:
        producer.commit_transaction(30)
    else:
        producer.flush(30)  # abort_transaction drops what is still queued; these are written first
        producer.abort_transaction(30)

consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                     "enable.auto.commit": False, "isolation.level": "read_committed"})
consumer.subscribe([in_topic])
seen = []
while len(seen) < 5:
    msg = consumer.poll(1.0)
    if msg is None or msg.error():
        continue
    seen.append(msg)
producer.begin_transaction()
for msg in seen:
    producer.produce(out_topic, value=b"out-" + msg.value(), partition=0)
positions = consumer.position(consumer.assignment())
producer.send_offsets_to_transaction(positions, consumer.consumer_group_metadata(), 30)
producer.commit_transaction(30)
committed = consumer.committed([TopicPartition(in_topic, 0)], 30)
consumer.close()

# A read_committed consumer of TOPIC: the committed transactions' records only.
reader = Consumer({"bootstrap.servers": bootstrap, "group.id": group + "-reader", "auto.offset.reset": "earliest",
                   "isolation.level": "read_committed"})
reader.subscribe([topic])
values = []
idle = 0
while idle < 3:
    msg = reader.poll(1.0)
    if msg is None:
        idle += 1 if values else 0
        continue
    if not msg.error():
        values.append(msg.value().decode())
reader.close()
print(json.dumps({"committed": committed[0].offset, "read_committed": sorted(values)}))
