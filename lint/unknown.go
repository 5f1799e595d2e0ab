package lint

import (
	"fmt"
	"slices"
	"strings"
)

// classifyMarkup recognises inline markup: a tag inside an element whose text takes markup
// (Speak's SSML), or inside such a tag. It reports unknown tags and attributes there as
// warnings (the SSML list comes from an SDK, not the docs) and returns true when el is markup.
func (c *checker) classifyMarkup(el *element) bool {
	p := el.parent
	if p == nil {
		return false
	}
	owner := p
	if p.markupOf != nil {
		owner = p.markupOf
	}
	if owner.def == nil || owner.def.Markup == nil {
		return false
	}
	attrs, known := owner.def.Markup[el.name]
	if !known {
		if _, isElement := c.d.Element(el.name); isElement {
			return false // a real element in the wrong place: the nesting check reports it
		}
		c.report(RuleUnknownMarkup, Warning, el.nameStart, el.nameEnd,
			fmt.Sprintf("`<%s>` is not a known markup tag inside `<%s>`", el.name, owner.name),
			"known tags: "+strings.Join(owner.def.MarkupTags(), ", "))
	}
	el.markupOf = owner
	if !known {
		return true
	}
	for i := range el.attrs {
		a := &el.attrs[i]
		if a.ignored || a.dup || slices.Contains(attrs, a.name) {
			continue
		}
		hint := fmt.Sprintf("`<%s>` takes no attributes", el.name)
		if len(attrs) > 0 {
			hint = fmt.Sprintf("`<%s>` attributes: %s", el.name, strings.Join(attrs, ", "))
		}
		c.report(RuleUnknownMarkup, Warning, a.nameStart, a.nameEnd,
			fmt.Sprintf("`%s` is not a known attribute of `<%s>` inside `<%s>`", a.name, el.name, owner.name), hint)
	}
	return true
}

// unknownElement reports an element the dialect does not define, with a specific message for
// elements of other platforms and a rename fix where the change is mechanical.
func (c *checker) unknownElement(el *element) {
	if el.parent == nil {
		return // a wrong or second root is reported once, by checkRoot
	}
	if f, ok := c.d.Foreign(el.name); ok {
		c.foreignElement(el, f.Origin, f.Replacement, f.Note, f.RenameAttributes, f.Fixable)
		return
	}
	allowed := c.d.ElementNames()
	if p := el.parent; p != nil && p.def != nil {
		allowed = p.def.Children
	}
	msg := fmt.Sprintf("`<%s>` is not a %s element", el.name, c.d.Title())
	hint := ""
	if el.parent != nil && el.parent.def != nil {
		hint = fmt.Sprintf("`<%s>` accepts: %s", el.parent.name, strings.Join(allowed, ", "))
		if len(allowed) == 0 {
			hint = fmt.Sprintf("`<%s>` takes no child elements", el.parent.name)
		}
	}
	s := suggest(el.name, c.d.ElementNames())
	if s != "" {
		msg += fmt.Sprintf("; did you mean `<%s>`?", s)
	}
	f := c.report(RuleUnknownElement, Error, el.nameStart, el.nameEnd, msg, hint)
	if f != nil && s != "" && strings.EqualFold(s, el.name) {
		c.renameElement(el, f, s, nil)
	}
}

func (c *checker) foreignElement(el *element, origin, replacement, note string, renames map[string]string, fixable bool) {
	msg := fmt.Sprintf("`<%s>` is %s, not %s", el.name, origin, c.d.Title())
	if replacement != "" {
		msg += fmt.Sprintf(": use `<%s>`", replacement)
	}
	f := c.report(RuleUnknownElement, Error, el.nameStart, el.nameEnd, msg, note)
	if f != nil && fixable && replacement != "" {
		c.renameElement(el, f, replacement, renames)
	}
}

// renameElement attaches a fix that renames the element (start and end tag) and, optionally,
// some of its attributes. The end-tag edit is added when the element closes.
func (c *checker) renameElement(el *element, f *finding, to string, renames map[string]string) {
	fix := &fixEdits{elem: el.start, desc: fmt.Sprintf("rename <%s> to <%s>", el.name, to), edits: []edit{{el.nameStart, el.nameEnd, to}}}
	for i := range el.attrs {
		a := &el.attrs[i]
		if nn, ok := renames[a.name]; ok && el.attr(nn) == nil {
			fix.edits = append(fix.edits, edit{a.nameStart, a.nameEnd, nn})
			fix.desc += fmt.Sprintf(", %s to %s", a.name, nn)
		}
	}
	f.fix = fix
	el.renameFix, el.renameFixValue = fix, to
}
