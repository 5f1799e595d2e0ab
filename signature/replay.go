package signature

import (
	"sync"
	"time"
)

// replayCache remembers (nonce, signature) pairs for a window. It is bounded: when full, the
// oldest pair is forgotten first, so memory stays fixed under any load. The clock is injected.
type replayCache struct {
	mu     sync.Mutex
	window time.Duration
	max    int
	seen   map[string]time.Time
	queue  []replayEntry // insertion order; queue[head:] are live
	head   int
}

type replayEntry struct {
	key string
	at  time.Time
}

func newReplayCache(window time.Duration, max int) *replayCache {
	return &replayCache{window: window, max: max, seen: make(map[string]time.Time)}
}

// checkAndAdd reports whether any key was seen within the window before now. If none was, it
// records all keys at now. Both happen under one lock, so two copies of a request racing each
// other cannot both pass.
func (c *replayCache) checkAndAdd(keys []string, now time.Time) (replayed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expire(now)
	for _, k := range keys {
		if at, ok := c.seen[k]; ok && now.Sub(at) < c.window {
			return true
		}
	}
	for _, k := range keys {
		if at, ok := c.seen[k]; ok && at.Equal(now) {
			continue // the same pair twice in one request (V2 and MA-V2 of a main account)
		}
		for len(c.seen) >= c.max {
			c.dropOldest()
		}
		c.seen[k] = now
		c.queue = append(c.queue, replayEntry{key: k, at: now})
	}
	return false
}

// expire drops entries older than the window from the front of the queue.
func (c *replayCache) expire(now time.Time) {
	for c.head < len(c.queue) && now.Sub(c.queue[c.head].at) >= c.window {
		c.dropOldest()
	}
}

// dropOldest forgets the oldest entry. A key re-added after expiring has a newer time in the map,
// so only the map entry that belongs to this queue entry is deleted.
func (c *replayCache) dropOldest() {
	if c.head >= len(c.queue) {
		clear(c.seen) // unreachable while the queue mirrors the map; keeps the loop finite
		return
	}
	e := c.queue[c.head]
	c.queue[c.head] = replayEntry{}
	c.head++
	if at, ok := c.seen[e.key]; ok && at.Equal(e.at) {
		delete(c.seen, e.key)
	}
	if c.head > len(c.queue)/2 && c.head > 64 {
		c.queue = append(c.queue[:0], c.queue[c.head:]...)
		c.head = 0
	}
}

// size returns the number of remembered pairs.
func (c *replayCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}
