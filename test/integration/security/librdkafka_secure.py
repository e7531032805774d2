# librdkafka (python3 confluent-kafka) against a secured listener: produces COUNT records to TOPIC
# and reads them back, with the client settings given as JSON. Prints "ok <n>" or the error.
import json
import sys
import time

from confluent_kafka import Consumer, Producer

bootstrap, topic, count, settings = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
base = dict(settings, **{'bootstrap.servers': bootstrap})
errors = []
producer = Producer(dict(base, **{'acks': 'all', 'error_cb': lambda e: errors.append(str(e))}))
delivered = []
for i in range(count):
    producer.produce(topic, value=f'{topic}-{i}'.encode(), on_delivery=lambda err, msg: delivered.append(err))
left = producer.flush(120)
if left or any(delivered) or len(delivered) != count:
    print('produce failed', left, [str(e) for e in delivered if e], errors)
    sys.exit(1)
consumer = Consumer(dict(base, **{'group.id': f'{topic}-g', 'auto.offset.reset': 'earliest'}))
consumer.subscribe([topic])
seen = []
deadline = time.time() + 120
while len(seen) < count and time.time() < deadline:
    msg = consumer.poll(1.0)
    if msg is None:
        continue
    if msg.error():
        print('consume error', msg.error())
        sys.exit(1)
    seen.append(msg.value().decode())
consumer.close()
if seen != [f'{topic}-{i}' for i in range(count)]:
    print('consumed', seen)
    sys.exit(1)
print('ok', len(seen))
