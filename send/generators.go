package send

import (
	crand "crypto/rand"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Generator draws the random and clock values of requests. It is not safe for concurrent use:
// a load run gives each worker its own.
type Generator struct {
	rnd *rand.Rand
	now func() time.Time
	env evalEnv // reused by every request drawn from this generator
}

// NewGenerator returns a generator reading the clock from now (nil: time.Now). A zero seed draws
// one from crypto/rand; tests pass a fixed seed and clock for reproducible requests.
func NewGenerator(seed uint64, now func() time.Time) *Generator {
	if seed == 0 {
		var b [8]byte
		_, _ = crand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
		seed = binary.LittleEndian.Uint64(b[:]) | 1
	}
	if now == nil {
		now = time.Now
	}
	return &Generator{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), now: now}
}

const hexDigits = "0123456789abcdef"

// uuid returns a random (version 4) UUID in lower case.
func (g *Generator) uuid() string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], g.rnd.Uint64())
	binary.LittleEndian.PutUint64(b[8:], g.rnd.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	j := 0
	for i, x := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		out[j], out[j+1] = hexDigits[x>>4], hexDigits[x&0x0f]
		j += 2
	}
	return string(out[:])
}

// intn returns a random integer in [lo, hi].
func (g *Generator) intn(lo, hi int) int { return lo + g.rnd.IntN(hi-lo+1) }

// digits returns n random decimal digits, the first from first..9.
func (g *Generator) digits(n int, first byte) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.rnd.IntN(10))
	}
	if n > 0 {
		b[0] = first + byte(g.rnd.IntN(int('9'-first)+1))
	}
	return string(b)
}

// e164 returns a realistic number for country code cc, as E.164 digits without "+": a mobile
// number (6-9…) for India, a NANP number for 1, else ten digits.
func (g *Generator) e164(cc string) string {
	switch cc {
	case "91":
		return cc + g.digits(10, '6')
	case "1":
		return cc + g.digits(3, '2') + g.digits(7, '2')
	}
	return cc + g.digits(10, '2')
}

const patternAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// genFunc draws one value.
type genFunc func(g *Generator) string

// parseGen compiles a generator spec from the catalog: uuid, e164:CC, digits:N, int:A-B,
// decimal:A-B, pattern:TEXT (each X becomes A-Z or 0-9), pick:a|b|c.
func parseGen(spec string) (genFunc, error) {
	kind, arg, _ := strings.Cut(spec, ":")
	switch kind {
	case "uuid":
		return (*Generator).uuid, nil
	case "e164":
		if _, err := strconv.Atoi(arg); err != nil || len(arg) > 3 {
			return nil, fmt.Errorf("bad country code in %q (want e164:91)", spec)
		}
		return func(g *Generator) string { return g.e164(arg) }, nil
	case "digits":
		n, err := strconv.Atoi(arg)
		if err != nil || n < 1 || n > 64 {
			return nil, fmt.Errorf("bad length in %q (want digits:1..64)", spec)
		}
		return func(g *Generator) string { return g.digits(n, '0') }, nil
	case "int":
		return parseIntGen(spec, arg)
	case "decimal":
		return parseDecimalGen(spec, arg)
	case "pattern":
		return func(g *Generator) string { return g.pattern(arg) }, nil
	case "pick":
		choices := strings.Split(arg, "|")
		return func(g *Generator) string { return choices[g.rnd.IntN(len(choices))] }, nil
	}
	return nil, fmt.Errorf("unknown generator %q (want uuid, e164, digits, int, decimal, pattern or pick)", spec)
}

func parseIntGen(spec, arg string) (genFunc, error) {
	a, b, ok := strings.Cut(arg, "-")
	lo, err1 := strconv.Atoi(a)
	hi, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || lo > hi {
		return nil, fmt.Errorf("bad range in %q (want int:A-B with A <= B)", spec)
	}
	return func(g *Generator) string { return strconv.Itoa(g.intn(lo, hi)) }, nil
}

func parseDecimalGen(spec, arg string) (genFunc, error) {
	a, b, ok := strings.Cut(arg, "-")
	lo, err1 := strconv.ParseFloat(a, 64)
	hi, err2 := strconv.ParseFloat(b, 64)
	if !ok || err1 != nil || err2 != nil || lo > hi {
		return nil, fmt.Errorf("bad range in %q (want decimal:0.80-0.99)", spec)
	}
	prec := 0
	if _, frac, found := strings.Cut(a, "."); found {
		prec = len(frac)
	}
	return func(g *Generator) string {
		return strconv.FormatFloat(lo+g.rnd.Float64()*(hi-lo), 'f', prec, 64)
	}, nil
}

func (g *Generator) pattern(p string) string {
	b := []byte(p)
	for i, c := range b {
		if c == 'X' {
			b[i] = patternAlphabet[g.rnd.IntN(len(patternAlphabet))]
		}
	}
	return string(b)
}
