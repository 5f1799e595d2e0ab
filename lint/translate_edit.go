package lint

import (
	"fmt"
	"strings"
)

// editInPlace renames the element and its attributes where they are, removes dropped
// attributes with the space before them, and inserts added ones after the last attribute, so
// that the rest of the tag keeps its layout.
func (tr *translator) editInPlace(n *tnode, attrs []plannedAttr) {
	if target := n.tdef.Name; target != n.name {
		tr.edits = append(tr.edits, edit{n.nameStart, n.nameEnd, target})
		if n.endStart >= 0 {
			tr.edits = append(tr.edits, edit{n.endStart + 2, n.endNameEnd, target})
		}
	}
	kept := map[*attr]plannedAttr{}
	var added strings.Builder
	for _, p := range attrs {
		if p.src == nil {
			fmt.Fprintf(&added, " %s=\"%s\"", p.name, escapeAttr(p.value))
			continue
		}
		kept[p.src] = p
	}
	insertAt := n.nameEnd
	for i := range n.attrs {
		a := &n.attrs[i]
		insertAt = a.valueEnd + 1
		p, ok := kept[a]
		switch {
		case a.ignored || a.dup:
		case !ok:
			start := a.nameStart
			for start > n.nameEnd && isSpace(tr.src[start-1]) {
				start--
			}
			tr.edits = append(tr.edits, edit{start, a.valueEnd + 1, ""})
		default:
			if p.name != a.name {
				tr.edits = append(tr.edits, edit{a.nameStart, a.nameEnd, p.name})
			}
			if p.value != a.value {
				tr.edits = append(tr.edits, edit{a.valueStart, a.valueEnd, escapeAttr(p.value)})
			}
		}
	}
	if added.Len() > 0 {
		tr.edits = append(tr.edits, edit{insertAt, insertAt, added.String()})
	}
}

// rebuild replaces the whole element with a new one: its text becomes an attribute
// (DTMF → Play digits) or an attribute becomes its text (Play digits → DTMF).
func (tr *translator) rebuild(n *tnode, attrs []plannedAttr) {
	r := &n.rule
	var b strings.Builder
	b.WriteString("<" + n.tdef.Name)
	for _, p := range attrs {
		fmt.Fprintf(&b, " %s=\"%s\"", p.name, escapeAttr(p.value))
	}
	if r.TextToAttribute != "" {
		text := strings.TrimSpace(string(n.text))
		for from, to := range r.TextReplace {
			text = strings.ReplaceAll(text, from, to)
		}
		fmt.Fprintf(&b, " %s=\"%s\"/>", r.TextToAttribute, escapeAttr(text))
	} else {
		a := n.attr(r.AttributeToText)
		fmt.Fprintf(&b, ">%s</%s>", escapeText(a.value), n.tdef.Name)
	}
	tr.edits = append(tr.edits, edit{n.start, n.end, b.String()})
}

// remove deletes an element the target does not need, with its line when it stands alone.
func (tr *translator) remove(n *tnode) {
	start, end := n.start, n.end
	ls := start
	for ls > 0 && (tr.src[ls-1] == ' ' || tr.src[ls-1] == '\t') {
		ls--
	}
	le := end
	for le < len(tr.src) && (tr.src[le] == ' ' || tr.src[le] == '\t' || tr.src[le] == '\r') {
		le++
	}
	if (ls == 0 || tr.src[ls-1] == '\n') && le < len(tr.src) && tr.src[le] == '\n' {
		start, end = ls, le+1
	}
	tr.edits = append(tr.edits, edit{start, end, ""})
	desc := fmt.Sprintf("remove <%s>", n.name)
	if n.rule.Note != "" {
		desc += " (" + n.rule.Note + ")"
	}
	tr.changes = append(tr.changes, Change{Rule: RuleTranslate, Start: tr.lines.position(n.start), Description: desc})
}

var (
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", "\"", "&quot;", "\n", "&#10;", "\t", "&#9;")
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
)

func escapeAttr(s string) string { return attrEscaper.Replace(s) }

func escapeText(s string) string { return textEscaper.Replace(s) }
