package lint

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"

	"github.com/vobizctl/vobizctl/schema"
)

// maxText bounds the text kept per element for validation. Longer text (a huge Speak) is still
// linted, but only its first maxText bytes are matched against the text pattern, which keeps
// memory bounded on large documents.
const maxText = 64 << 10

// element is an open element. Elements are recycled from document to document, so every field
// is reset in reset.
type element struct {
	name   string
	def    *schema.Element // nil for unknown elements and inline markup
	parent *element
	// markupOf is the element whose text this inline markup tag (Speak's SSML) belongs to.
	markupOf *element
	unknown  bool

	start, nameStart, nameEnd, tagEnd int
	endNameStart, endNameEnd          int // -1 for a self-closing element
	selfClosing                       bool

	attrs      []attr
	text       []byte
	textStart  int // span of the non-blank text in the source; textStart < 0 when none
	textEnd    int
	templated  bool // the text contains a placeholder (template mode)
	children   []childRef
	childMarks uint32 // OR of the children's marks
	// index is the position of the element among its parent's child elements.
	index int
	// marks are dialect-defined flags set by rules when the element closes and copied into the
	// parent's childRef, so that rules on the parent can look at its children.
	marks          uint32
	unknownKids    bool
	elementCount   int
	renameFix      *fixEdits // a fix renaming the element, completed with the end tag
	renameFixValue string
}

// childRef is what a parent remembers of a closed child: where its name is and the marks rules
// set on it. It is kept small (12 bytes; the name is read back from the source when a message
// needs it) because a large document's root has tens of thousands of children. Offsets fit in
// 32 bits: documents are at most maxDocumentBytes.
type childRef struct {
	nameStart, nameEnd uint32
	marks              uint32
}

// start returns the offset of the child's name.
func (r childRef) start() int { return int(r.nameStart) }

// end returns the offset just after the child's name.
func (r childRef) end() int { return int(r.nameEnd) }

// name returns the child's element name.
func (r childRef) name(c *checker) string { return string(c.src[r.nameStart:r.nameEnd]) }

// is reports whether the child is called name, without allocating.
func (r childRef) is(c *checker, name string) bool {
	return string(c.src[r.nameStart:r.nameEnd]) == name
}

func (el *element) reset() {
	*el = element{attrs: el.attrs[:0], text: el.text[:0], children: el.children[:0], textStart: -1, endNameStart: -1, endNameEnd: -1}
}

// attr returns the first attribute called name, or nil.
func (el *element) attr(name string) *attr {
	for i := range el.attrs {
		if el.attrs[i].name == name && !el.attrs[i].dup {
			return &el.attrs[i]
		}
	}
	return nil
}

// value returns the value of attribute name and whether it is present and not a placeholder.
func (el *element) value(name string) (string, bool) {
	a := el.attr(name)
	if a == nil || a.templated {
		return "", false
	}
	return a.value, true
}

// textValue returns the trimmed text content.
func (el *element) textValue() string { return string(bytes.TrimSpace(el.text)) }

// hasText reports whether the element has non-blank text.
func (el *element) hasText() bool { return el.textStart >= 0 }

func (el *element) addText(t []byte, start, end int) {
	if el.textStart < 0 {
		el.textStart = start
	}
	el.textEnd = end
	if room := maxText - len(el.text); room > 0 {
		el.text = append(el.text, t[:min(len(t), room)]...)
	}
}

// newElement takes an element from the free list.
func (c *checker) newElement() *element {
	if n := len(c.free); n > 0 {
		el := c.free[n-1]
		c.free = c.free[:n-1]
		el.reset()
		return el
	}
	el := &element{}
	el.reset()
	return el
}

// startElement handles a start tag: attributes, classification, nesting and attribute checks.
func (c *checker) startElement(name xml.Name, attrs []xml.Attr, off, end int) {
	el := c.newElement()
	el.name = qualifiedName(name)
	el.parent = c.top()
	el.start, el.tagEnd = off, end
	el.nameStart, el.nameEnd = off+1, off+1+len(el.name)
	el.selfClosing = end >= 2 && c.psrc[end-2] == '/'
	if el.parent != nil {
		el.index = el.parent.elementCount
		el.parent.elementCount++
	}
	c.stack = append(c.stack, el)
	c.scanAttributes(el, attrs)
	if c.classifyMarkup(el) {
		return
	}
	el.def, _ = c.d.Element(el.name)
	if el.parent == nil {
		c.checkRoot(el)
	}
	if el.def == nil {
		el.unknown = true
		c.unknownElement(el)
		return
	}
	c.checkNesting(el)
	c.checkAttributes(el)
}

// endElement closes the open element, runs its checks and hands a reference to its parent.
func (c *checker) endElement(n xml.Name, off, end int) {
	name := qualifiedName(n)
	el := c.top()
	switch {
	case el == nil:
		c.syntaxAt(off, fmt.Sprintf("XML is not well-formed: unexpected end tag `</%s>`", name), "")
		return
	case el.name != name:
		c.syntaxAt(off, fmt.Sprintf("XML is not well-formed: `</%s>` does not close `<%s>` (line %d)", name, el.name, c.lineOf(el.start)), "close <"+el.name+"> first")
		return
	}
	if !el.selfClosing {
		el.endNameStart, el.endNameEnd = off+2, off+2+len(name)
	}
	c.finishElement(el)
	c.stack = c.stack[:len(c.stack)-1]
	c.free = append(c.free, el)
}

func (c *checker) finishElement(el *element) {
	if el.renameFix != nil && el.endNameStart >= 0 {
		el.renameFix.edits = append(el.renameFix.edits, edit{el.endNameStart, el.endNameEnd, el.renameFixValue})
	}
	if el.markupOf != nil {
		return
	}
	if el.def != nil {
		c.checkText(el)
		c.dl.rules.run(c, el)
	}
	p := el.parent
	if p == nil {
		return
	}
	if p.markupOf != nil {
		p = p.markupOf
	}
	if len(p.children) == cap(p.children) {
		// Double: append grows large slices by a quarter, which allocates five times the final
		// size while a large document's root collects its children.
		p.children = slices.Grow(p.children, max(8, len(p.children)))
	}
	p.children = append(p.children, childRef{nameStart: uint32(el.nameStart), nameEnd: uint32(el.nameEnd), marks: el.marks})
	p.childMarks |= el.marks
	if el.unknown {
		p.unknownKids = true
	}
}

// checkRoot checks the root element: exactly one, named as the dialect says.
func (c *checker) checkRoot(el *element) {
	c.roots++
	root := c.d.Root()
	switch {
	case c.roots > 1:
		c.report(RuleRootElement, Error, el.nameStart, el.nameEnd,
			fmt.Sprintf("a second root element `<%s>`; a document has exactly one `<%s>`", el.name, root), "move it inside the first <"+root+">")
	case el.name != root:
		c.report(RuleRootElement, Error, el.nameStart, el.nameEnd,
			fmt.Sprintf("the root element is `<%s>`, want `<%s>`", el.name, root), "wrap the document in <"+root+">…</"+root+">")
	}
}

func qualifiedName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
