package lint

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// attr is one attribute with the source spans of its name and (unquoted) value.
type attr struct {
	name                 string
	value                string // entity-decoded
	nameStart, nameEnd   int
	valueStart, valueEnd int
	templated            bool // template mode and the value contains a placeholder
	dup                  bool // a later repetition of an attribute already on the element
	ignored              bool // namespace declaration or xsi: attribute, never validated
}

// scanAttributes records the element's attributes with their spans. encoding/xml gives names
// and decoded values but no offsets, so the start tag is rescanned; it also accepts duplicate
// attributes, so they are detected here.
func (c *checker) scanAttributes(el *element, attrs []xml.Attr) {
	if len(attrs) == 0 {
		return
	}
	i := el.nameEnd
	for k, a := range attrs {
		at := attr{name: qualifiedName(a.Name), value: a.Value}
		i = scanAttribute(c.psrc, i, el.tagEnd, &at)
		at.ignored = a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") || a.Name.Space == "xsi"
		at.templated = c.template && hasPlaceholder(a.Value)
		for j := range k {
			if el.attrs[j].name == at.name {
				at.dup = true
				c.duplicateAttribute(el, &el.attrs[j], &at)
				break
			}
		}
		el.attrs = append(el.attrs, at)
	}
}

// scanAttribute finds the next name="value" in src[i:end] and fills in the spans. The decoder
// has already checked the syntax; the scan still never reads outside src[i:end].
func scanAttribute(src []byte, i, end int, at *attr) int {
	for i < end && isSpace(src[i]) {
		i++
	}
	at.nameStart = i
	for i < end && src[i] != '=' && !isSpace(src[i]) && src[i] != '>' && src[i] != '/' {
		i++
	}
	at.nameEnd = i
	for i < end && src[i] != '"' && src[i] != '\'' {
		i++
	}
	if i >= end {
		at.valueStart, at.valueEnd = at.nameEnd, at.nameEnd
		return end
	}
	quote := src[i]
	i++
	at.valueStart = i
	for i < end && src[i] != quote {
		i++
	}
	at.valueEnd = i
	return min(i+1, end)
}

// duplicateAttribute reports a repeated attribute. When both values are equal, removing the
// repetition is a safe fix.
func (c *checker) duplicateAttribute(el *element, first, dup *attr) {
	f := c.report(RuleDuplicateAttribute, Error, dup.nameStart, dup.nameEnd,
		fmt.Sprintf("attribute `%s` appears twice on `<%s>` (first on line %d)", dup.name, el.name, c.lineOf(first.nameStart)),
		"XML allows an attribute once per element; keep one")
	if f == nil || first.value != dup.value {
		return
	}
	start := dup.nameStart
	for start > 0 && isSpace(c.psrc[start-1]) {
		start--
	}
	f.fix = &fixEdits{elem: -1, desc: fmt.Sprintf("remove the repeated %s=%q", dup.name, dup.value), edits: []edit{{start, min(dup.valueEnd+1, len(c.src)), ""}}}
}

// describeAttr names an attribute of an element for messages.
func describeAttr(el *element, a *attr) string {
	return fmt.Sprintf("`%s` on `<%s>`", a.name, el.name)
}

// quoteList formats names as `a`, `b`, `c`.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + n + "`"
	}
	return strings.Join(q, ", ")
}
