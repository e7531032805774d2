// The client matrix's Go client: Sarama as Debian packages it (built offline in GOPATH mode).
// Usage: main BOOTSTRAP TOPIC GROUP CODEC create | produce FROM COUNT | consume COUNT
// consume prints "partition offset key value" per record, as every program of the matrix does.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/Shopify/sarama"
)

var codecs = map[string]sarama.CompressionCodec{
	"none": sarama.CompressionNone, "gzip": sarama.CompressionGZIP, "snappy": sarama.CompressionSnappy,
	"lz4": sarama.CompressionLZ4, "zstd": sarama.CompressionZSTD,
}

func main() {
	brokers, topic, group, codec, mode := strings.Split(os.Args[1], ","), os.Args[2], os.Args[3], os.Args[4], os.Args[5]
	config := sarama.NewConfig()
	config.ClientID = "matrix-sarama"
	// zstd needs 2.1 (Produce v7); consumer groups need 0.10.2 at least.
	config.Version = sarama.V2_1_0_0
	config.Producer.Compression = codecs[codec]
	config.Producer.RequiredAcks = sarama.WaitForAll
	config.Producer.Return.Successes = true
	config.Consumer.Offsets.Initial = sarama.OffsetOldest
	var err error
	switch mode {
	case "create":
		err = create(brokers, topic, config)
	case "produce":
		err = produce(brokers, topic, config, atoi(os.Args[6]), atoi(os.Args[7]))
	case "consume":
		err = consume(brokers, topic, group, config, atoi(os.Args[6]))
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

func create(brokers []string, topic string, config *sarama.Config) error {
	admin, err := sarama.NewClusterAdmin(brokers, config)
	if err != nil {
		return err
	}
	defer admin.Close()
	return admin.CreateTopic(topic, &sarama.TopicDetail{NumPartitions: 3, ReplicationFactor: 3}, false)
}

func produce(brokers []string, topic string, config *sarama.Config, from, count int) error {
	producer, err := sarama.NewSyncProducer(brokers, config)
	if err != nil {
		return err
	}
	defer producer.Close()
	messages := make([]*sarama.ProducerMessage, 0, count)
	for i := from; i < from+count; i++ {
		messages = append(messages, &sarama.ProducerMessage{Topic: topic,
			Key: sarama.StringEncoder(fmt.Sprintf("key-%d", i%10)), Value: sarama.StringEncoder(strconv.Itoa(i))})
	}
	return producer.SendMessages(messages)
}

// handler prints and marks each record until count are seen, then cancels the session; marked
// offsets are committed when the group closes.
type handler struct {
	mu     sync.Mutex // claims run in one goroutine per partition
	left   int
	cancel context.CancelFunc
}

func (h *handler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *handler) Cleanup(sarama.ConsumerGroupSession) error { return nil }
func (h *handler) ConsumeClaim(session sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for m := range claim.Messages() {
		if !h.take(session, m) {
			return nil
		}
	}
	return nil
}

func (h *handler) take(session sarama.ConsumerGroupSession, m *sarama.ConsumerMessage) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.left == 0 {
		return false
	}
	fmt.Printf("%d %d %s %s\n", m.Partition, m.Offset, m.Key, m.Value)
	session.MarkMessage(m, "")
	h.left--
	if h.left == 0 {
		h.cancel()
	}
	return true
}

func consume(brokers []string, topic, group string, config *sarama.Config, count int) error {
	consumers, err := sarama.NewConsumerGroup(brokers, group, config)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &handler{left: count, cancel: cancel}
	for ctx.Err() == nil {
		if err := consumers.Consume(ctx, []string{topic}, h); err != nil {
			return err
		}
	}
	return consumers.Close()
}
