package lint

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/vobizctl/vobizctl/schema"
)

// Dialect detection. Dialects share most element names (Response, Gather, Dial, Play, …), so a
// document is recognised by the elements only one dialect defines (Speak, PreAnswer, Wait for
// Vobiz XML; Say, Pause, If, Set for Voxtelesys VoXML), read from the schemas: the engine names
// no element. An inline comment overrides everything:
//
//	<!-- vobizctl-dialect voxtelesys -->

// dialectWord starts the inline comment that names a document's dialect.
const dialectWord = "vobizctl-dialect"

// DetectDialect names the dialect a document is written in and says why. A
// `<!-- vobizctl-dialect NAME -->` comment decides; otherwise the dialect with the most
// elements only it defines wins. A document without any (an empty `<Response/>`) is ambiguous
// and gets the default dialect, and a mixed one the majority; the reason says so.
func DetectDialect(src []byte) (name, reason string) {
	ch := detect(src, "", nil)
	return ch.name, ch.reason
}

// choice is the dialect chosen for one document, why, and the clues that lint findings explain.
type choice struct {
	name, reason string
	// badComment is a vobizctl-dialect comment naming no dialect, conflict a later one naming
	// another dialect than the first; both are ignored.
	badComment, conflict *dialectComment
	comment              *dialectComment // the comment that chose the dialect
	// evidence counts, per dialect, the elements only that dialect defines.
	evidence []evidence
	mixed    bool
}

type dialectComment struct {
	start, end int
	value      string
}

// evidence is what a document holds of one dialect's own elements.
type evidence struct {
	dialect    string
	count      int
	names      []string // distinct, in order of appearance
	start, end int      // the name of the first such element
}

// choose picks the dialect of one document. With a dialect named by the options only a
// vobizctl-dialect comment can change it, so the document is scanned only if it has one.
func (l *Linter) choose(src []byte, w *window) choice {
	if l.fixed != "" && !containsWord(src, dialectWord, w) {
		return choice{name: l.fixed, reason: "requested"}
	}
	return detect(src, l.fixed, w)
}

// containsWord reports whether src contains word, reading it in steps the window can release
// behind.
func containsWord(src []byte, word string, w *window) bool {
	defer w.restart()
	for start := 0; start < len(src); start += releaseStep {
		end := min(len(src), start+releaseStep+len(word)-1)
		if bytes.Contains(src[start:end], []byte(word)) {
			return true
		}
		w.passed(end)
	}
	return false
}

// detect chooses the dialect of src: the comment, else fixed (when not ""), else the evidence.
func detect(src []byte, fixed string, w *window) choice {
	ch := scanClues(src, exclusiveElements(), w)
	w.restart()
	switch {
	case ch.comment != nil && ch.comment.value != AutoDialect:
		ch.name = ch.comment.value
		ch.reason = fmt.Sprintf("set by the %s comment on line %d", dialectWord, bytes.Count(src[:ch.comment.start], []byte("\n"))+1)
	case fixed != "" && ch.comment == nil:
		ch.name, ch.reason = fixed, "requested"
	default:
		// Only a guessed dialect is explained by a mixed-dialect finding; with a named one the
		// unknown-element findings say where the other elements come from.
		ch.name, ch.reason = ch.majority()
		ch.mixed = len(ch.evidence) > 1
	}
	return ch
}

// majority chooses the dialect with the most own elements: the default dialect when none has
// any or when it ties for first place.
func (ch *choice) majority() (name, reason string) {
	ch.rank()
	ev := ch.evidence
	switch {
	case len(ev) == 0:
		return schema.DefaultDialect, "ambiguous: no element only one dialect has; " + schema.DefaultDialect + " is the default"
	case len(ev) == 1:
		return ev[0].dialect, "detected from elements only " + title(ev[0].dialect) + " has: " + strings.Join(ev[0].names, ", ")
	}
	parts := make([]string, len(ev))
	for i, e := range ev {
		parts[i] = fmt.Sprintf("%d %s element%s (%s)", e.count, title(e.dialect), plural(e.count), strings.Join(e.names, ", "))
	}
	if def := ch.find(schema.DefaultDialect); def != nil && def.count == ev[0].count {
		return schema.DefaultDialect, "mixed: " + strings.Join(parts, " and ") + ", a tie; " + schema.DefaultDialect + " is the default"
	}
	return ev[0].dialect, "mixed: " + strings.Join(parts, " and ") + "; the majority wins"
}

// rank sorts the evidence: most elements first, ties by dialect name.
func (ch *choice) rank() {
	if len(ch.evidence) < 2 {
		return // the usual case: nothing to sort, nothing to allocate
	}
	slices.SortFunc(ch.evidence, func(a, b evidence) int {
		if a.count != b.count {
			return b.count - a.count
		}
		return strings.Compare(a.dialect, b.dialect)
	})
}

// find returns the evidence of a dialect, or nil.
func (ch *choice) find(dialect string) *evidence {
	for i := range ch.evidence {
		if ch.evidence[i].dialect == dialect {
			return &ch.evidence[i]
		}
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// title returns a dialect's display name, e.g. "Voxtelesys VoXML".
func title(name string) string {
	if d, err := schema.Get(name); err == nil {
		return d.Title()
	}
	return name
}

// exclusive is an element name that exactly one dialect defines; name is kept so that the scan
// can record it without allocating a string.
type exclusive struct{ dialect, name string }

// exclusiveElements maps each element name that exactly one dialect defines to that dialect.
// It is computed once from the embedded schemas and never changed.
var exclusiveElements = sync.OnceValue(func() map[string]exclusive {
	owners := map[string][]string{}
	for _, name := range schema.Dialects() {
		d, err := schema.Get(name)
		if err != nil {
			continue // unreachable: the schema tests load every embedded dialect
		}
		for _, el := range d.ElementNames() {
			owners[el] = append(owners[el], name)
		}
	}
	out := map[string]exclusive{}
	for el, ds := range owners {
		if len(ds) == 1 {
			out[el] = exclusive{dialect: ds[0], name: el}
		}
	}
	return out
})
