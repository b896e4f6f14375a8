package budget

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultPrefix starts every key a Redis counter writes unless told
// otherwise.
const DefaultPrefix = "ward:budget:"

// RedisOptions tune a Redis counter.
type RedisOptions struct {
	// Prefix starts every key the counter writes (DefaultPrefix if
	// empty).
	Prefix string
	// Seed gives the spend a key's counter starts from when Redis has
	// none for the period, for instance LedgerSeed(store); nil starts
	// from zero.
	Seed SeedFunc
}

// Redis is a Counter shared by every replica that uses the same Redis and
// prefix. A key's spend in a period is one integer of nano-USD under
// prefix+period+":"+periodID+":"+key (periodID 20250331 for a day,
// 202503 for a month, 0 for total), expiring a day after the period
// ends (never for total). Reserve, Settle and Spent are atomic Lua
// scripts run with EVALSHA: one round trip each, two more (a ledger
// query and a rerun) when the period's counter is absent and Seed is set.
// Every script touches one key, so a Redis Cluster works too. Errors
// (Redis unreachable) are returned: the caller chooses to fail open or
// closed.
type Redis struct {
	c                     redis.Scripter
	o                     RedisOptions
	reserve, settle, read *redis.Script
}

// NewRedis returns a counter on c (a *redis.Client, *redis.ClusterClient
// or *redis.Ring).
func NewRedis(c redis.Scripter, o RedisOptions) *Redis {
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	return &Redis{
		c: c, o: o,
		reserve: redis.NewScript(prelude + reserveScript),
		settle:  redis.NewScript(prelude + settleScript),
		read:    redis.NewScript(prelude + "return {1, spent}"),
	}
}

// prelude loads the spend of KEYS[1] into spent. When the key is absent
// it starts from ARGV[1], or, if that is "", returns {-1, 0} so that the
// caller asks the ledger and runs the script again. set stores a spend
// with a TTL of ARGV[2] ms (none if 0).
const prelude = `
local function set(v)
  local ttl = tonumber(ARGV[2])
  if ttl > 0 then
    redis.call('SET', KEYS[1], string.format('%.0f', v), 'PX', ttl)
  else
    redis.call('SET', KEYS[1], string.format('%.0f', v))
  end
end
local spent = tonumber(redis.call('GET', KEYS[1]))
if not spent then
  if ARGV[1] == '' then
    return {-1, 0}
  end
  spent = tonumber(ARGV[1])
  set(spent)
end
`

// reserveScript adds ARGV[3] if the spend stays within ARGV[4] (no limit
// if ""), and returns {1 if added else 0, spend}.
const reserveScript = `
local nxt = spent + tonumber(ARGV[3])
if ARGV[4] ~= '' and nxt > tonumber(ARGV[4]) then
  return {0, spent}
end
set(nxt)
return {1, nxt}
`

// settleScript adds ARGV[3] (negative to give back), never going below 0.
const settleScript = `
local nxt = spent + tonumber(ARGV[3])
if nxt < 0 then nxt = 0 end
set(nxt)
return {1, nxt}
`

// run runs script on key's counter for the period containing now, seeding
// the counter when Redis has none. It returns the script's status and
// the spend in nano-USD. Its errors name op.
func (r *Redis) run(ctx context.Context, op string, script *redis.Script, key, period string, now time.Time, args ...any) (int64, int64, error) {
	s, err := periodSpan(period, now)
	if err != nil {
		return 0, 0, err
	}
	status, spent, err := r.runIn(ctx, script, key, period, s, now, args)
	if err != nil {
		return 0, 0, fmt.Errorf("budget: redis %s: %w", op, err)
	}
	return status, spent, nil
}

func (r *Redis) runIn(ctx context.Context, script *redis.Script, key, period string, s span, now time.Time, args []any) (int64, int64, error) {
	rkey, ttl := []string{r.o.Prefix + period + ":" + strconv.FormatInt(s.id, 10) + ":" + key}, s.ttl(now).Milliseconds()
	init := "0"
	if r.o.Seed != nil {
		init = ""
	}
	for {
		res, err := script.Run(ctx, r.c, rkey, append([]any{init, ttl}, args...)...).Int64Slice()
		if err == nil && len(res) != 2 {
			err = errors.New("unexpected script reply")
		}
		if err != nil {
			return 0, 0, err
		}
		if res[0] != -1 || init != "" {
			return res[0], res[1], nil
		}
		spent, err := r.o.Seed(ctx, key, s.start)
		if err == nil {
			err = checkAmounts("seed", spent)
		}
		if err != nil {
			return 0, 0, fmt.Errorf("seeding from the ledger: %w", err)
		}
		init = strconv.FormatInt(toNanos(spent), 10)
	}
}

// Reserve implements Counter. A limit of zero or less means no limit:
// the amount is always recorded and remaining is +Inf.
func (r *Redis) Reserve(ctx context.Context, key string, amount, limit float64, period string, now time.Time) (bool, float64, error) {
	if err := checkAmounts("reserve", amount, max(limit, 0)); err != nil {
		return false, 0, err
	}
	lim := ""
	if limit > 0 {
		lim = strconv.FormatInt(toNanos(limit), 10)
	}
	ok, spent, err := r.run(ctx, "reserve", r.reserve, key, period, now, toNanos(amount), lim)
	if err != nil {
		return false, 0, err
	}
	return ok == 1, remaining(limit, spent), nil
}

// Settle implements Counter: spend moves by actual-reserved and never
// goes below zero. Pass the now given to Reserve, so that a request that
// straddles midnight settles in the period it reserved in.
func (r *Redis) Settle(ctx context.Context, key string, reserved, actual float64, period string, now time.Time) error {
	if err := checkAmounts("settle", reserved, actual); err != nil {
		return err
	}
	delta := toNanos(actual) - toNanos(reserved)
	if delta == 0 {
		_, err := periodSpan(period, now)
		return err
	}
	_, _, err := r.run(ctx, "settle", r.settle, key, period, now, delta)
	return err
}

// Spent implements Counter.
func (r *Redis) Spent(ctx context.Context, key string, period string, now time.Time) (float64, error) {
	_, spent, err := r.run(ctx, "spent", r.read, key, period, now)
	return toUSD(spent), err
}

var _ Counter = (*Redis)(nil)
