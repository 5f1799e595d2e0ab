package lint

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/vobizctl/vobizctl/schema"
)

// Options configure a Linter.
type Options struct {
	// Dialect names the schema to lint against ("" for schema.DefaultDialect).
	Dialect string
	// Template treats {name}, {{ name }}, ${name} and <%= … %> placeholders as valid values.
	Template bool
	// Disable lists rule IDs to turn off.
	Disable []string
	// Stdin is read for the path "-" (nil: no standard input).
	Stdin io.Reader
	// Jobs is the number of files linted in parallel (0: one per CPU).
	Jobs int
}

// Linter lints documents of one dialect. It is safe for concurrent use; it caches validation
// results across documents, so reuse one Linter for a run.
type Linter struct {
	opts     Options
	dialect  *schema.Dialect
	rules    *ruleSet
	disabled map[string]bool
	memo     *memo
	pool     sync.Pool
}

// New returns a Linter for the options. It fails on an unknown dialect or rule ID.
func New(opts Options) (*Linter, error) {
	d, err := schema.Get(opts.Dialect)
	if err != nil {
		return nil, err
	}
	disabled := map[string]bool{}
	for _, id := range opts.Disable {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if !ruleKnown(id) {
			return nil, fmt.Errorf("unknown rule %q (see vobizctl lint --list-rules)", id)
		}
		disabled[id] = true
	}
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.GOMAXPROCS(0)
	}
	l := &Linter{opts: opts, dialect: d, rules: newRuleSet(d.Name(), disabled), disabled: disabled, memo: newMemo()}
	l.pool.New = func() any { return &checker{} }
	return l, nil
}

// Dialect returns the dialect the Linter checks.
func (l *Linter) Dialect() *schema.Dialect { return l.dialect }

// LintBytes lints one document. name is used as Result.File and Diagnostic.File. Result.Source
// is set only when there are diagnostics (printers need it to show source lines).
func (l *Linter) LintBytes(name string, src []byte) Result {
	c := l.pool.Get().(*checker)
	defer l.pool.Put(c)
	return l.lintWith(c, name, src)
}

// lintWith lints src with a checker the caller owns (LintFiles gives each worker its own, so
// that its local caches live as long as the worker).
func (l *Linter) lintWith(c *checker, name string, src []byte) Result {
	c.init(l, src)
	c.run()
	res := Result{File: name, Dialect: l.dialect.Name(), Diagnostics: c.result(name)}
	if len(res.Diagnostics) > 0 {
		res.Source = src
	}
	c.release()
	return res
}

// check runs every check on src; the caller hands the checker back with done.
func (l *Linter) check(src []byte) *checker {
	c := l.pool.Get().(*checker)
	c.init(l, src)
	c.run()
	return c
}

func (l *Linter) done(c *checker) {
	c.release()
	l.pool.Put(c)
}

func (c *checker) init(l *Linter, src []byte) {
	c.l, c.d, c.src, c.psrc, c.template = l, l.dialect, src, src, l.opts.Template
	if c.local == nil || c.local.owner != l {
		c.local = newLocalMemo(l)
	}
	if c.template {
		c.psrc = maskERB(src)
	}
}

// release drops references to the document so that a pooled checker keeps only its buffers.
func (c *checker) release() {
	c.free = append(c.free, c.stack...)
	for _, el := range c.free {
		el.reset()
		el.parent, el.markupOf = nil, nil
	}
	*c = checker{
		free: c.free, findings: c.findings[:0], stack: c.stack[:0], directives: c.directives[:0], key: c.key[:0], local: c.local,
		scan: fastScanner{attrs: c.scan.attrs[:0], text: c.scan.text[:0]},
	}
}
