package send

import (
	"encoding/json"
	"strconv"
	"sync"
	"time"
)

// clockFact is a built-in fact derived from the request's clock and other facts, so that times
// and durations agree: start_time + ring_duration = answer_time, answer_time + duration = end_time.
// Overriding duration (--set duration=60) moves the times with it.
type clockFact struct {
	description string
	deps        []string
	fn          func(e *evalEnv) string
}

// clockFacts returns the built-in facts; a dialect cannot redefine them. The map is built on first
// use, not at package init: every vobizctl command links this package, only `send` needs it.
var clockFacts = sync.OnceValue(func() map[string]clockFact {
	return map[string]clockFact{
		"timestamp":     {"now, in the dialect's time format (UTC)", nil, func(e *evalEnv) string { return e.format(e.now) }},
		"timestamp_iso": {"now, RFC 3339 (UTC)", nil, func(e *evalEnv) string { return e.now.Format(time.RFC3339) }},
		"epoch_ms":      {"now, milliseconds since 1970", nil, func(e *evalEnv) string { return strconv.FormatInt(e.now.UnixMilli(), 10) }},
		"duration":      {"answered seconds: 20-300", nil, func(e *evalEnv) string { return strconv.Itoa(e.g.intn(20, 300)) }},
		"ring_duration": {"seconds of ringing: 3-15", nil, func(e *evalEnv) string { return strconv.Itoa(e.g.intn(3, 15)) }},
		"bill_duration": {"billed seconds: = duration (billing increments are not documented)", []string{"duration"},
			func(e *evalEnv) string { return e.named("duration") }},
		"end_time": {"when the call ended: now", nil, func(e *evalEnv) string { return e.format(e.now) }},
		"answer_time": {"end_time - duration", []string{"duration"},
			func(e *evalEnv) string { return e.format(e.now.Add(-e.seconds("duration"))) }},
		"start_time": {"answer_time - ring_duration", []string{"duration", "ring_duration"},
			func(e *evalEnv) string {
				return e.format(e.now.Add(-e.seconds("duration") - e.seconds("ring_duration")))
			}},
		"session_start": {"answer time with microseconds", []string{"duration"},
			func(e *evalEnv) string {
				return e.now.Add(-e.seconds("duration")).Format("2006-01-02 15:04:05.000000")
			}},
		"b_leg_duration": {"B-leg seconds: duration minus 1-5", []string{"duration"},
			func(e *evalEnv) string {
				return strconv.Itoa(max(e.int("duration")-e.g.intn(1, 5), 0))
			}},
		"recording_duration_ms": {"recording length in ms: 4000-60000", nil,
			func(e *evalEnv) string { return strconv.Itoa(e.g.intn(4000, 60000)) }},
		"recording_duration": {"recording_duration_ms in whole seconds (rounded)", []string{"recording_duration_ms"},
			func(e *evalEnv) string { return strconv.Itoa((e.int("recording_duration_ms") + 500) / 1000) }},
		"recording_end_ms": {"now, epoch ms", nil, func(e *evalEnv) string { return strconv.FormatInt(e.now.UnixMilli(), 10) }},
		"recording_start_ms": {"recording_end_ms - recording_duration_ms", []string{"recording_duration_ms"},
			func(e *evalEnv) string {
				return strconv.FormatInt(e.now.UnixMilli()-int64(e.int("recording_duration_ms")), 10)
			}},
	}
})

// factFn computes one fact for one request.
type factFn func(e *evalEnv) string

// factTable is a plan's compiled facts: every fact its parameters need, by index.
type factTable struct {
	names []string
	index map[string]int
	fns   []factFn
}

const (
	factUnset uint8 = iota
	factBusy
	factDone
)

// evalEnv evaluates the facts of one request lazily, each at most once.
type evalEnv struct {
	t          *factTable
	g          *Generator
	now        time.Time
	timeFormat string
	vals       []string
	state      []uint8
}

// reset prepares the environment for one request, reusing its buffers.
func (e *evalEnv) reset(t *factTable, g *Generator, timeFormat string) {
	e.t, e.g, e.timeFormat = t, g, timeFormat
	e.now = g.now().UTC()
	n := len(t.names)
	if cap(e.vals) < n {
		e.vals, e.state = make([]string, n), make([]uint8, n)
		return
	}
	e.vals, e.state = e.vals[:n], e.state[:n]
	clear(e.vals)
	clear(e.state)
}

// get returns fact i. Cycles are rejected when the plan is built; a busy fact reads as "".
func (e *evalEnv) get(i int) string {
	switch e.state[i] {
	case factDone:
		return e.vals[i]
	case factBusy:
		return ""
	}
	e.state[i] = factBusy
	e.vals[i] = e.t.fns[i](e)
	e.state[i] = factDone
	return e.vals[i]
}

func (e *evalEnv) named(name string) string {
	i, ok := e.t.index[name]
	if !ok {
		return ""
	}
	return e.get(i)
}

// int reads a fact as an integer; a non-number (e.g. a user's --set) counts as 0.
func (e *evalEnv) int(name string) int {
	n, err := strconv.Atoi(e.named(name))
	if err != nil {
		return 0
	}
	return n
}

func (e *evalEnv) seconds(name string) time.Duration { return time.Duration(e.int(name)) * time.Second }

func (e *evalEnv) format(t time.Time) string { return t.Format(e.timeFormat) }

// compiledTemplate is a template whose references are fact indexes (-1 marks literal text).
type compiledTemplate []compiledSeg

type compiledSeg struct {
	lit  string
	fact int
	json bool // escape the fact's value for the inside of a JSON string
}

// value returns the fact's value, JSON-string-escaped when the reference asks for it.
func (s compiledSeg) value(e *evalEnv) string {
	v := e.get(s.fact)
	if !s.json {
		return v
	}
	q, _ := json.Marshal(v) // a string always marshals
	return string(q[1 : len(q)-1])
}

func (c compiledTemplate) eval(e *evalEnv) string {
	if len(c) == 1 {
		if c[0].fact < 0 {
			return c[0].lit
		}
		return c[0].value(e)
	}
	n := 0
	for _, s := range c {
		n += len(s.lit)
	}
	b := make([]byte, 0, n+48)
	for _, s := range c {
		if s.fact < 0 {
			b = append(b, s.lit...)
		} else {
			b = append(b, s.value(e)...)
		}
	}
	return string(b)
}
