package lint

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/vobizctl/vobizctl/schema"
)

// AutoDialect is the Options.Dialect value that chooses the dialect per document (see
// DetectDialect); the empty string means the same.
const AutoDialect = "auto"

// Options configure a Linter.
type Options struct {
	// Dialect names the dialect to lint against (a schema.Dialects name), or AutoDialect ("" too)
	// to choose per document from its elements. A `<!-- vobizctl-dialect NAME -->` comment in a
	// document overrides it for that document.
	Dialect string
	// Template treats {name}, {{ name }}, ${name} and <%= … %> placeholders as valid values.
	Template bool
	// Disable lists rule IDs to turn off.
	Disable []string
	// Stdin is read for the path "-" (nil: no standard input).
	Stdin io.Reader
	// Jobs is the number of files linted in parallel (0: one per CPU).
	Jobs int
	// Progress, when set, is called by LintFiles after each document with the number finished so
	// far (1, 2, 3, …; calls never overlap), so a command can show progress on a terminal.
	Progress func(done int)
}

// Linter lints documents of one dialect, or of the dialect each document is detected as. It is
// safe for concurrent use; it caches validation results across documents, so reuse one Linter
// for a run.
type Linter struct {
	opts     Options
	fixed    string // the dialect the options name; "" in auto mode
	dialects map[string]*dialectLinter
	disabled map[string]bool
	pool     sync.Pool
}

// dialectLinter is what a Linter keeps per dialect: the schema and the enabled rules. It is
// loaded on first use.
type dialectLinter struct {
	once  sync.Once
	name  string
	d     *schema.Dialect
	rules *ruleSet
	err   error
}

func (dl *dialectLinter) load(disabled map[string]bool) error {
	dl.once.Do(func() {
		dl.d, dl.err = schema.Get(dl.name)
		if dl.err == nil {
			dl.rules = newRuleSet(dl.d.Name(), disabled)
		}
	})
	return dl.err
}

// New returns a Linter for the options. It fails on an unknown dialect or rule ID.
func New(opts Options) (*Linter, error) {
	l := &Linter{opts: opts, dialects: map[string]*dialectLinter{}, disabled: map[string]bool{}}
	for _, name := range schema.Dialects() {
		l.dialects[name] = &dialectLinter{name: name}
	}
	if !isAuto(opts.Dialect) {
		d, err := schema.Get(opts.Dialect)
		if err != nil {
			return nil, fmt.Errorf("unknown dialect %q (want %s or %s)", opts.Dialect, strings.Join(schema.Dialects(), ", "), AutoDialect)
		}
		l.fixed = d.Name()
	}
	for _, id := range opts.Disable {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if !ruleKnown(id) {
			return nil, fmt.Errorf("unknown rule %q (see vobizctl lint --list-rules)", id)
		}
		l.disabled[id] = true
	}
	if err := l.dialects[l.fallback()].load(l.disabled); err != nil {
		return nil, err
	}
	if l.opts.Jobs <= 0 {
		l.opts.Jobs = runtime.GOMAXPROCS(0)
	}
	l.pool.New = func() any { return &checker{} }
	return l, nil
}

func isAuto(name string) bool { return name == "" || strings.EqualFold(name, AutoDialect) }

// fallback is the dialect named by the options, or in auto mode the default dialect.
func (l *Linter) fallback() string {
	if l.fixed != "" {
		return l.fixed
	}
	return schema.DefaultDialect
}

// Dialect returns the dialect the options name; in auto mode, the default dialect, which
// documents that give no clue are linted as. Result.Dialect says what each document was.
func (l *Linter) Dialect() *schema.Dialect { return l.dialects[l.fallback()].d }

// Auto reports whether the Linter chooses the dialect per document.
func (l *Linter) Auto() bool { return l.fixed == "" }

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
	if len(src) > maxDocumentBytes {
		return Result{File: name, Dialect: l.fixed, Err: errTooLarge(int64(len(src)))}
	}
	if err := c.init(l, src); err != nil {
		return Result{File: name, Err: err}
	}
	c.run()
	res := Result{File: name, Dialect: c.d.Name(), DialectReason: c.internReason(c.choice.reason), Diagnostics: c.result(name)}
	if len(res.Diagnostics) > 0 {
		res.Source = src
	}
	c.release()
	return res
}

// internReason returns one shared copy of a dialect reason per worker: the same few sentences
// ("detected from elements only Vobiz XML has: Speak, Gather") would otherwise be kept once per
// document in a run's results.
func (c *checker) internReason(reason string) string {
	if r, ok := c.names[reason]; ok {
		return r
	}
	if len(c.names) >= internLimit {
		clear(c.names)
	}
	c.names[reason] = reason
	return reason
}

// maxDocumentBytes is the largest document linted. Vobiz itself accepts 100 KB; the limit
// keeps every offset in 32 bits (childRef) and a mistaken multi-gigabyte argument from being
// mapped and scanned.
const maxDocumentBytes = 1 << 30

func errTooLarge(size int64) error {
	return fmt.Errorf("the document is %d bytes; vobizctl lints documents of up to 1 GiB (Vobiz accepts at most 100 KB)", size)
}

// check runs every check on src; the caller hands the checker back with done. It returns nil
// when the document's dialect cannot be loaded (never for the embedded schemas).
func (l *Linter) check(src []byte) *checker {
	c := l.pool.Get().(*checker)
	if err := c.init(l, src); err != nil {
		l.pool.Put(c)
		return nil
	}
	c.run()
	return c
}

func (l *Linter) done(c *checker) {
	c.release()
	l.pool.Put(c)
}

// init prepares the checker for src: it chooses the document's dialect and its caches.
func (c *checker) init(l *Linter, src []byte) error {
	c.choice = l.choose(src, c.win)
	dl := l.dialects[c.choice.name]
	if err := dl.load(l.disabled); err != nil {
		return err
	}
	c.l, c.dl, c.d, c.src, c.psrc, c.template = l, dl, dl.d, src, src, l.opts.Template
	if c.names == nil {
		c.names, c.verdicts = map[string]string{}, map[acceptKey]bool{}
	}
	if c.template {
		c.psrc = maskERB(src)
	}
	return nil
}

// release drops references to the document so that a pooled checker keeps only its buffers.
func (c *checker) release() {
	c.free = append(c.free, c.stack...)
	for _, el := range c.free {
		el.reset()
		el.parent, el.markupOf = nil, nil
	}
	*c = checker{
		free: c.free, findings: c.findings[:0], stack: c.stack[:0], directives: c.directives[:0], names: c.names, verdicts: c.verdicts,
		scan: fastScanner{attrs: c.scan.attrs[:0], text: c.scan.text[:0]},
	}
}
