package lint

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/vobizctl/vobizctl/schema"
)

// RuleTranslate is the Rule of the problems Translate reports. It is not a lint rule: it names
// what a translation could not carry over.
const RuleTranslate = "translate"

// TranslateResult is the outcome of Translate.
type TranslateResult struct {
	// From and To are the dialects translated from and to (From detected when asked).
	From, To string
	// Output is the translated document. Every byte no change touches is kept as it was.
	Output []byte
	// Changes lists what was translated, one entry per element, at positions in the input.
	Changes []Change
	// Problems lists what could not be translated (elements left as they were, attributes
	// dropped, values or nesting the target does not accept), at positions in the input, with
	// Rule RuleTranslate and File empty. Errors are elements left untranslated; warnings are
	// losses and values to fix by hand.
	Problems []Diagnostic
}

// Translate converts the mechanical parts of a document from one dialect to another, with the
// x-translate data of the source dialect's schema: element renames (Say↔Speak, Pause↔Wait,
// Reject↔Hangup, Play digits↔DTMF), attribute renames and value maps, explicit values where
// the dialects' defaults differ, and the removal of what the target does not need. What it cannot
// translate it leaves in place and reports. from may be AutoDialect (or "") to detect it. A
// document that is not well-formed XML is an error.
func Translate(src []byte, from, to string) (TranslateResult, error) {
	if isAuto(from) {
		from, _ = DetectDialect(src)
	}
	fd, err := schema.Get(from)
	if err != nil {
		return TranslateResult{}, err
	}
	td, err := schema.Get(to)
	if err != nil {
		return TranslateResult{}, err
	}
	if fd.Name() == td.Name() {
		return TranslateResult{}, fmt.Errorf("the document is already %s (%q); translate to another dialect", fd.Title(), fd.Name())
	}
	tr := &translator{src: src, from: fd, to: td, defaults: dialectDefaults(fd, td.Name()), lines: newLineIndex(src, nil)}
	if err := tr.run(); err != nil {
		return TranslateResult{}, err
	}
	sort.SliceStable(tr.changes, func(i, j int) bool { return tr.changes[i].Start.Offset < tr.changes[j].Start.Offset })
	sort.SliceStable(tr.problems, func(i, j int) bool { return tr.problems[i].Start.Offset < tr.problems[j].Start.Offset })
	return TranslateResult{From: fd.Name(), To: td.Name(), Output: applyEditsStable(src, tr.edits), Changes: tr.changes, Problems: tr.problems}, nil
}

// translator walks a document and collects the edits that translate it.
type translator struct {
	src      []byte
	from, to *schema.Dialect
	defaults translateRule
	lines    *lineIndex
	stack    []*tnode
	edits    []edit
	changes  []Change
	problems []Diagnostic
}

// tnode is an open element of the document being translated.
type tnode struct {
	name                         string
	def, tdef                    *schema.Element // source and target definitions (nil: none)
	rule                         translateRule
	translate, markup            bool
	start, nameStart, nameEnd    int
	tagEnd, endStart, endNameEnd int // endStart < 0 for a self-closing element
	end                          int
	attrs                        []attr
	text                         []byte
	textStart, textEnd           int
	children                     int
	parent                       *tnode
}

func (tr *translator) run() error {
	dec := xml.NewDecoder(bytes.NewReader(tr.src))
	dec.Strict = true
	dec.CharsetReader = func(string, io.Reader) (io.Reader, error) {
		return nil, errors.New("only UTF-8 documents can be translated")
	}
	for {
		off := int(dec.InputOffset())
		tok, err := dec.RawToken()
		end := int(dec.InputOffset())
		if errors.Is(err, io.EOF) {
			if len(tr.stack) > 0 {
				return errors.New("cannot translate: the document is not well-formed XML (it ends inside an element); run vobizctl lint on it")
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("cannot translate: the document is not well-formed XML (%v); run vobizctl lint on it", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			tr.start(t, off, end)
		case xml.EndElement:
			if top := tr.top(); top == nil || top.name != qualifiedName(t.Name) {
				return fmt.Errorf("cannot translate: the document is not well-formed XML (unexpected `</%s>`); run vobizctl lint on it", qualifiedName(t.Name))
			}
			tr.finish(off, end)
		case xml.CharData:
			tr.charData(t, off, end)
		}
	}
}

// start opens an element and decides what becomes of it.
func (tr *translator) start(t xml.StartElement, off, end int) {
	n := &tnode{name: qualifiedName(t.Name), start: off, nameStart: off + 1, tagEnd: end, endStart: -1, textStart: -1}
	n.nameEnd = n.nameStart + len(n.name)
	if len(tr.stack) > 0 {
		n.parent = tr.stack[len(tr.stack)-1]
		n.parent.children++
	}
	tr.stack = append(tr.stack, n)
	i := n.nameEnd
	for _, a := range t.Attr {
		at := attr{name: qualifiedName(a.Name), value: a.Value}
		i = scanAttribute(tr.src, i, end, &at)
		at.ignored = a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" || a.Name.Space == "xsi"
		at.dup = n.attr(at.name) != nil
		n.attrs = append(n.attrs, at)
	}
	if p := n.parent; p != nil && (p.markup || p.def != nil && p.def.Markup != nil) {
		if _, isElement := tr.from.Element(n.name); !isElement {
			n.markup = true // inline markup (SSML) stays as it is
			return
		}
	}
	tr.classify(n)
}

func (tr *translator) charData(t []byte, off, end int) {
	n := tr.top()
	if n == nil {
		return
	}
	for n.markup && n.parent != nil {
		n = n.parent
	}
	raw := tr.src[off:end]
	lo, hi := trimSpan(raw)
	if lo == hi {
		return
	}
	if n.textStart < 0 {
		n.textStart = off + lo
	}
	n.textEnd = off + hi
	n.text = append(n.text, t...)
}

func (tr *translator) top() *tnode {
	if len(tr.stack) == 0 {
		return nil
	}
	return tr.stack[len(tr.stack)-1]
}

// finish closes the top element and emits its edits.
func (tr *translator) finish(off, end int) {
	n := tr.top()
	tr.stack = tr.stack[:len(tr.stack)-1]
	if n.selfClosing(tr.src) {
		n.end = n.tagEnd
	} else {
		n.endStart, n.endNameEnd, n.end = off, off+2+len(n.name), end
	}
	if n.translate {
		tr.translateElement(n)
	}
}

func (n *tnode) selfClosing(src []byte) bool { return n.tagEnd >= 2 && src[n.tagEnd-2] == '/' }

func (n *tnode) attr(name string) *attr {
	for i := range n.attrs {
		if a := &n.attrs[i]; a.name == name && !a.dup {
			return a
		}
	}
	return nil
}

func (n *tnode) has(name string) bool { return n.attr(name) != nil }

// value returns an attribute's value and whether it is present.
func (n *tnode) value(name string) (string, bool) {
	if a := n.attr(name); a != nil {
		return a.value, true
	}
	return "", false
}

func (n *tnode) hasText() bool { return n.textStart >= 0 }
