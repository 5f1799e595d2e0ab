// Command benchgen writes the seeded corpus that scripts/bench-lint.sh measures: realistic Vobiz
// XML call flows (IVR menus, voicemail, conferences, transfers, in equal shares) and one large
// document. The same seed always gives the same bytes.
//
//	go run ./scripts/benchgen -out /tmp/corpus -n 10000 -seed 1 -large 5242880
//
// Small documents go to OUT/docs/NN/<kind>-NNNNN.xml (1,000 per directory), the large one to
// OUT/large.xml. The small documents lint clean and validate against the exported XSD; the large
// one is a valid document over the platform's 100 KB limit, so the linter reports only that.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "", "output directory (required; created if missing)")
	n := flag.Int("n", 10000, "number of small documents")
	seed := flag.Uint64("seed", 1, "random seed")
	large := flag.Int("large", 5<<20, "size of the large document in bytes (0: none)")
	flag.Parse()
	if *out == "" || *n < 0 || *large < 0 {
		fmt.Fprintln(os.Stderr, "usage: benchgen -out DIR [-n 10000] [-seed 1] [-large 5242880]")
		os.Exit(2)
	}
	total, err := writeCorpus(*out, *n, *seed, *large)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d documents (%d bytes) under %s\n", *n, total, filepath.Join(*out, "docs"))
}

// writeCorpus writes n small documents and the large one, and returns the small ones' total size.
func writeCorpus(out string, n int, seed uint64, large int) (int64, error) {
	g := newGen(seed)
	var total int64
	for i := range n {
		kind, doc := g.document(i)
		dir := filepath.Join(out, "docs", fmt.Sprintf("%02d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return 0, err
			}
		}
		name := filepath.Join(dir, fmt.Sprintf("%s-%05d.xml", kind, i))
		if err := os.WriteFile(name, []byte(doc), 0o644); err != nil {
			return 0, err
		}
		total += int64(len(doc))
	}
	if large == 0 {
		return total, nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return 0, err
	}
	return total, os.WriteFile(filepath.Join(out, "large.xml"), []byte(g.largeDocument(large)), 0o644)
}

// gen draws the random parts of the documents.
type gen struct{ r *rand.Rand }

func newGen(seed uint64) *gen { return &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} }

func (g *gen) pick(list ...string) string { return list[g.r.IntN(len(list))] }

func (g *gen) chance(percent int) bool { return g.r.IntN(100) < percent }

// document returns the i-th document and its kind; kinds take turns so that every share is equal.
func (g *gen) document(i int) (kind, doc string) {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	switch i % 4 {
	case 0:
		kind = "ivr"
		g.ivr(&b)
	case 1:
		kind = "voicemail"
		g.voicemail(&b)
	case 2:
		kind = "conference"
		g.conference(&b)
	default:
		kind = "transfer"
		g.transfer(&b)
	}
	return kind, b.String()
}

// largeDocument returns a valid document of about size bytes: a day of announcements and menus.
func (g *gen) largeDocument(size int) string {
	var b strings.Builder
	b.Grow(size + 1024)
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- A very long announcement flow. -->\n<Response>\n")
	for i := 0; b.Len() < size; i++ {
		switch i % 8 {
		case 0:
			g.menu(&b, "  ")
		case 3:
			fmt.Fprintf(&b, "  <Play loop=\"1\">%s/audio/notice-%d.mp3</Play>\n", g.host(), g.r.IntN(1e5))
		case 5:
			fmt.Fprintf(&b, "  <Wait length=\"%d\"/>\n", 1+g.r.IntN(3))
		default:
			g.speak(&b, "  ")
		}
	}
	b.WriteString("  <Hangup/>\n</Response>\n")
	return b.String()
}
