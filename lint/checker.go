package lint

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/vobizctl/vobizctl/schema"
)

// checker lints one document. It streams the document's tokens (from the fast scanner, or from
// encoding/xml when the scanner bails out) and keeps only the open elements (and, per open
// element, light references to its closed children), so that memory stays proportional to the
// nesting depth and the widest element, not to the document.
type checker struct {
	l        *Linter
	dl       *dialectLinter
	d        *schema.Dialect
	src      []byte // the document as given: positions, spans and messages refer to it
	psrc     []byte // what the decoder reads: src with ERB blocks masked in template mode
	template bool

	findings   []finding
	stack      []*element
	free       []*element
	roots      int
	directives []directive
	lines      *lineIndex
	fatal      bool
	badCharset string // an unsupported encoding the XML declaration named
	// names interns the element and attribute names the fast scanner reads, kept across
	// documents so that a worker allocates each distinct name once.
	names map[string]string
	// verdicts caches pattern checks of attribute values (see accepts), kept across documents.
	verdicts map[acceptKey]bool
	// win releases a memory-mapped document's pages behind each pass (nil otherwise).
	win    *window
	tok    token
	scan   fastScanner
	choice choice // the document's dialect and why
	// state is per-document data of the dialect's rules (nil until a rule sets it); it is
	// dropped with the document and when the fast scanner hands over to encoding/xml.
	state any
}

// finding is a diagnostic before its offsets are turned into line/column positions.
type finding struct {
	rule       string
	sev        Severity
	start, end int
	msg, hint  string
	fix        *fixEdits
}

// fixEdits is a finding's mechanical fix: byte-range replacements applied all together. elem is
// the start offset of the element it changes (Fix applies one fix per element per round), or -1
// for a fix that cannot conflict with others on the element.
type fixEdits struct {
	elem  int
	desc  string
	edits []edit
}

type edit struct {
	start, end int
	text       string
}

// report records a finding unless its rule is disabled by the options. The returned pointer
// (for attaching a fix) is valid until the next report.
func (c *checker) report(rule string, sev Severity, start, end int, msg, hint string) *finding {
	if c.l.disabled[rule] {
		return nil
	}
	c.findings = append(c.findings, finding{rule: rule, sev: sev, start: start, end: end, msg: msg, hint: hint})
	return &c.findings[len(c.findings)-1]
}

// run parses the document and runs every check.
func (c *checker) run() {
	if limit := c.d.MaxBytes(); limit > 0 && len(c.src) > limit {
		c.report(RuleDocumentSize, Error, 0, min(1, len(c.src)),
			fmt.Sprintf("the document is %d bytes; %s accepts at most %d bytes (%d KB)", len(c.src), c.d.Title(), limit, limit/1024),
			"split the flow into several documents joined with <Redirect>")
	}
	c.reportChoice()
	for _, r := range c.dl.rules.document {
		r.document(c)
	}
	keep := len(c.findings)
	if !c.parse(c.fast()) {
		c.resetParse(keep)
		c.win.restart()
		c.parse(newXMLTokens(c))
	}
	c.win.restart()
}

// charset accepts the declared encodings that are byte-for-byte UTF-8 (ASCII and UTF-8 spelt
// differently); the platform reads UTF-8, and transcoding would shift every offset.
func (c *checker) charset(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf8", "us-ascii", "ascii":
		return r, nil
	}
	c.badCharset = label
	return nil, errors.New("unsupported encoding")
}

// syntaxError reports a well-formedness error at the decoder's position and stops the check.
func (c *checker) syntaxError(err error, off int) {
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg = se.Msg
	}
	hint := ""
	switch {
	case strings.Contains(msg, "invalid character entity"):
		hint = "write & as &amp; (and < as &lt;) in text and attribute values"
		if amp := bytes.LastIndexByte(c.src[:min(off, len(c.src))], '&'); amp >= 0 && !bytes.ContainsRune(c.src[amp:min(off, len(c.src))], '\n') {
			off = amp // the decoder stops after the entity; point at its "&"
		}
	case strings.Contains(msg, "attribute name without ="):
		hint = "a quote is probably missing (or extra) in an attribute value before this point"
	case strings.Contains(msg, "unescaped <"):
		hint = "write < as &lt; inside attribute values"
	case c.badCharset != "":
		msg = fmt.Sprintf("the declared encoding %q is not supported", c.badCharset)
		hint = "save the document as UTF-8 and declare encoding=\"UTF-8\""
	}
	c.syntaxAt(off, "XML is not well-formed: "+msg, hint)
}

func (c *checker) syntaxAt(off int, msg, hint string) {
	off = min(off, len(c.src))
	c.report(RuleXMLSyntax, Error, off, min(off+1, len(c.src)), msg, hint)
	c.fatal = true
}

func (c *checker) endOfDocument() {
	if top := c.top(); top != nil {
		c.syntaxAt(len(c.src), fmt.Sprintf("XML is not well-formed: the document ends before `<%s>` (line %d) is closed", top.name, c.lineOf(top.start)), "")
		return
	}
	if c.roots == 0 {
		c.report(RuleRootElement, Error, 0, min(1, len(c.src)), fmt.Sprintf("the document has no root element; a %s document is one `<%s>` element", c.d.Title(), c.d.Root()), "start with <"+c.d.Root()+">")
	}
}

func (c *checker) top() *element {
	if len(c.stack) == 0 {
		return nil
	}
	return c.stack[len(c.stack)-1]
}

// lineOf returns the 1-based line of a byte offset.
func (c *checker) lineOf(off int) int {
	if c.lines == nil {
		c.lines = newLineIndex(c.src, c.win)
	}
	return c.lines.line(off)
}

// charData adds text to the element that owns it, or reports text outside the root element.
func (c *checker) charData(t []byte, off, end int) {
	raw := c.src[off:end]
	lo, hi := trimSpan(raw)
	if lo == hi {
		return
	}
	owner := c.top()
	if owner == nil {
		if off == 0 && bytes.HasPrefix(raw[lo:], []byte(bom)) {
			lo += len(bom)
			lo += leadingSpace(raw[lo:hi])
		}
		if lo == hi || c.template && onlyPlaceholders(raw[lo:hi]) {
			return
		}
		c.report(RuleRootElement, Error, off+lo, off+hi, fmt.Sprintf("text `%s` outside the root element", clip(string(raw[lo:hi]))), "everything must be inside <"+c.d.Root()+">")
		return
	}
	if owner.markupOf != nil {
		owner = owner.markupOf
	}
	owner.addText(t, off+lo, off+hi)
}

// procInst checks the XML declaration's position (encoding/xml accepts it anywhere).
func (c *checker) procInst(target string, off int) {
	if target != "xml" {
		return
	}
	if off != 0 && !(off == len(bom) && bytes.HasPrefix(c.src, []byte(bom))) {
		c.syntaxAt(off, "XML is not well-formed: the XML declaration must be the very first thing in the document", "remove what comes before <?xml")
	}
}

// trimSpan returns the bounds of b without leading and trailing XML whitespace.
func trimSpan(b []byte) (int, int) {
	lo, hi := 0, len(b)
	for lo < hi && isSpace(b[lo]) {
		lo++
	}
	for hi > lo && isSpace(b[hi-1]) {
		hi--
	}
	return lo, hi
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// bom is the UTF-8 byte order mark, allowed before the XML declaration.
const bom = "\xef\xbb\xbf"

func leadingSpace(b []byte) int {
	n := 0
	for n < len(b) && isSpace(b[n]) {
		n++
	}
	return n
}

// maxShown is the number of characters of a value a message quotes.
const maxShown = 60

// clip shortens a value for a message.
func clip(s string) string {
	if len(s) <= maxShown {
		return s
	}
	r := []rune(s)
	if len(r) <= maxShown {
		return s
	}
	return string(r[:maxShown]) + "…"
}

// result converts the findings to diagnostics: suppression comments applied, positions
// computed, sorted by position.
func (c *checker) result(name string) []Diagnostic {
	if len(c.findings) == 0 {
		return nil
	}
	sort.SliceStable(c.findings, func(i, j int) bool { return c.findings[i].start < c.findings[j].start })
	if c.lines == nil {
		c.lines = newLineIndex(c.src, c.win)
	}
	out := make([]Diagnostic, 0, len(c.findings))
	for i := range c.findings {
		f := &c.findings[i]
		if c.suppressed(f) {
			continue
		}
		out = append(out, c.diagnostic(name, f))
	}
	return out
}

func (c *checker) diagnostic(name string, f *finding) Diagnostic {
	start := c.lines.position(f.start)
	d := Diagnostic{
		File: name, Start: start, End: c.lines.advance(start, max(f.end, f.start)),
		Severity: f.sev, Rule: f.rule, Message: f.msg, Hint: f.hint,
	}
	if f.fix != nil {
		fix := &SuggestedFix{Description: f.fix.desc}
		for _, e := range f.fix.edits {
			es := c.lines.advance(start, e.start)
			fix.Edits = append(fix.Edits, Edit{Start: es, End: c.lines.advance(es, e.end), NewText: e.text})
		}
		d.Fix = fix
	}
	return d
}
