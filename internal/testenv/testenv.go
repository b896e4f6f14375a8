// Package testenv hands tests the services .ci/run starts. A test that
// needs one is skipped when its variable is unset, so that go test ./...
// still passes on a laptop without them.
package testenv

import (
	"context"
	"crypto/rand"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"
)

// RedisVar names the Redis URL tests read.
const RedisVar = "WARD_TEST_REDIS_URL"

// Redis connects to the test Redis and returns the client and a key
// prefix of the test's own, whose keys are deleted when the test ends.
func Redis(tb testing.TB) (*redis.Client, string) {
	tb.Helper()
	c := RedisClient(tb)
	prefix := "ward-test:" + rand.Text() + ":"
	tb.Cleanup(func() { deletePrefix(tb, c, prefix) }) // runs before the client closes
	return c, prefix
}

// RedisClient opens one more client to the test Redis (another replica),
// closed when the test ends.
func RedisClient(tb testing.TB) *redis.Client {
	tb.Helper()
	url := os.Getenv(RedisVar)
	if url == "" {
		tb.Skip(RedisVar + " not set")
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		tb.Fatalf("%s: %v", RedisVar, err)
	}
	c := redis.NewClient(opt)
	tb.Cleanup(func() { c.Close() })
	if err := c.Ping(context.Background()).Err(); err != nil {
		tb.Fatalf("redis ping: %v", err)
	}
	return c
}

func deletePrefix(tb testing.TB, c *redis.Client, prefix string) {
	ctx := context.Background()
	iter := c.Scan(ctx, 0, prefix+"*", 1000).Iterator()
	for iter.Next(ctx) {
		c.Del(ctx, iter.Val())
	}
	if err := iter.Err(); err != nil {
		tb.Errorf("cleaning %s*: %v", prefix, err)
	}
}
