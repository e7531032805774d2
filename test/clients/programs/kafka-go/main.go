// The client matrix's second Go client: segmentio/kafka-go as Debian packages it (0.2.1, built
// offline in GOPATH mode). It speaks the protocol of Kafka 0.10-0.11: Produce v2 with magic 1
// message sets, Fetch v2 (down-converted batches), CreateTopics v0, and its own consumer group
// client (JoinGroup v1, SyncGroup v0, OffsetCommit v2).
// Usage: main BOOTSTRAP TOPIC GROUP CODEC create | produce FROM COUNT | consume COUNT | acked FROM COUNT
// consume prints "partition offset key value" per record, as every program of the matrix does;
// acked sends one record per request and prints "acked I" for each the broker acknowledged.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	kafka "github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/gzip"
	"github.com/segmentio/kafka-go/lz4"
	"github.com/segmentio/kafka-go/snappy"
)

var codecs = map[string]func() kafka.CompressionCodec{
	"none":   func() kafka.CompressionCodec { return nil },
	"gzip":   func() kafka.CompressionCodec { return gzip.NewCompressionCodec() },
	"snappy": func() kafka.CompressionCodec { return snappy.NewCompressionCodec() },
	"lz4":    func() kafka.CompressionCodec { return lz4.NewCompressionCodec() },
}

func main() {
	brokers, topic, group, codec, mode := strings.Split(os.Args[1], ","), os.Args[2], os.Args[3], os.Args[4], os.Args[5]
	var err error
	switch mode {
	case "create":
		err = create(brokers, topic)
	case "produce":
		err = produce(brokers, topic, codecs[codec](), atoi(os.Args[6]), atoi(os.Args[7]))
	case "consume":
		err = consume(brokers, topic, group, atoi(os.Args[6]))
	case "acked":
		err = acked(brokers, topic, codecs[codec](), atoi(os.Args[6]), atoi(os.Args[7]))
	default:
		err = fmt.Errorf("unknown mode %s", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}

// create sends CreateTopics v0 to the first broker, which forwards it to the active controller.
func create(brokers []string, topic string) error {
	conn, err := kafka.Dial("tcp", brokers[0])
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.CreateTopics(kafka.TopicConfig{Topic: topic, NumPartitions: 3, ReplicationFactor: 3})
}

func produce(brokers []string, topic string, codec kafka.CompressionCodec, from, count int) error {
	w := kafka.NewWriter(kafka.WriterConfig{
		Brokers: brokers, Topic: topic, Balancer: &kafka.Hash{}, RequiredAcks: -1,
		CompressionCodec: codec, BatchTimeout: 10 * time.Millisecond,
	})
	messages := make([]kafka.Message, 0, count)
	for i := from; i < from+count; i++ {
		messages = append(messages, kafka.Message{Key: []byte(fmt.Sprintf("key-%d", i%10)), Value: []byte(strconv.Itoa(i))})
	}
	if err := w.WriteMessages(context.Background(), messages...); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// consume reads count records in the group, committing each before the next is fetched. kafka-go
// 0.2.1's Close sends no LeaveGroup, so the next consumer of the group waits for this member's
// session to expire: the shortest Kafka allows by default (group.min.session.timeout.ms).
func consume(brokers []string, topic, group string, count int) error {
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers: brokers, GroupID: group, Topic: topic, MaxWait: 100 * time.Millisecond,
		SessionTimeout: 6 * time.Second, HeartbeatInterval: time.Second,
	})
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	for i := 0; i < count; i++ {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			r.Close()
			return err
		}
		fmt.Printf("%d %d %s %s\n", m.Partition, m.Offset, m.Key, m.Value)
		if err := r.CommitMessages(ctx, m); err != nil {
			r.Close()
			return err
		}
	}
	return r.Close()
}

// acked writes one record at a time with acks=all, retrying as the writer does (10 attempts, with
// a new metadata lookup after a failure), and says which the cluster acknowledged; one that fails
// every attempt is reported and skipped.
func acked(brokers []string, topic string, codec kafka.CompressionCodec, from, count int) error {
	w := kafka.NewWriter(kafka.WriterConfig{
		Brokers: brokers, Topic: topic, RequiredAcks: -1, CompressionCodec: codec, BatchSize: 1,
		BatchTimeout: time.Millisecond, ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second,
	})
	for i := from; i < from+count; i++ {
		err := w.WriteMessages(context.Background(), kafka.Message{Key: []byte(fmt.Sprintf("key-%d", i)), Value: []byte(strconv.Itoa(i))})
		if err != nil {
			fmt.Fprintf(os.Stderr, "record %d: %v\n", i, err)
			continue
		}
		fmt.Printf("acked %d\n", i)
	}
	return w.Close()
}
