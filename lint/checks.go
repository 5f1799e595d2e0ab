package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vobizctl/vobizctl/schema"
)

// checkAttributes validates the attributes of a known element against its schema and reports
// each error on the attribute's name or value span.
func (c *checker) checkAttributes(el *element) {
	if len(el.attrs) == 0 && !hasRequired(el.def) {
		return
	}
	errs := c.validateAttributes(el)
	var bad []string
	for _, e := range errs {
		switch e.kind {
		case 'x':
			extra := nameSet(e.names)
			for i := range el.attrs {
				if a := &el.attrs[i]; !a.dup && !a.ignored && extra(a.name) {
					c.unknownAttribute(el, a)
				}
			}
		case 'r':
			for _, name := range e.names {
				c.missingAttribute(el, name)
			}
		case 'v':
			bad = append(bad, e.names[0])
			c.badValue(el, el.attr(e.names[0]))
		}
	}
	for i := range el.attrs {
		a := &el.attrs[i]
		if a.dup || a.ignored || slices.Contains(bad, a.name) {
			continue
		}
		if spec, ok := el.def.Attribute(a.name); ok {
			c.checkOpenSet(el, a, spec)
		}
	}
}

func (c *checker) unknownAttribute(el *element, a *attr) {
	if a == nil {
		return
	}
	msg := fmt.Sprintf("`%s` is not an attribute of `<%s>`", a.name, el.name)
	hint := fmt.Sprintf("`<%s>` takes no attributes", el.name)
	if names := el.def.AttributeNames(); len(names) > 0 {
		hint = fmt.Sprintf("`<%s>` attributes: %s", el.name, strings.Join(names, ", "))
	}
	rename := ""
	if h, ok := el.def.AttributeHints[a.name]; ok {
		msg += ": " + h.Message
		rename = h.Rename
	} else if s := suggest(a.name, el.def.AttributeNames()); s != "" {
		msg += fmt.Sprintf("; did you mean `%s`?", s)
		if strings.EqualFold(s, a.name) {
			rename = s
		}
	}
	f := c.report(RuleUnknownAttribute, Error, a.nameStart, a.nameEnd, msg, hint)
	if f != nil && rename != "" && el.attr(rename) == nil {
		f.fix = &fixEdits{elem: el.start, desc: fmt.Sprintf("rename %s to %s", a.name, rename), edits: []edit{{a.nameStart, a.nameEnd, rename}}}
	}
}

func (c *checker) missingAttribute(el *element, name string) {
	hint := ""
	if spec, ok := el.def.Attribute(name); ok {
		hint = fmt.Sprintf("add %s=\"…\": %s", name, spec.Description)
	}
	c.report(RuleRequiredAttribute, Error, el.nameStart, el.nameEnd,
		fmt.Sprintf("`<%s>` is missing the required attribute `%s`", el.name, name), hint)
}

// badValue reports a value the schema rejected, describing the accepted set.
func (c *checker) badValue(el *element, a *attr) {
	if a == nil || a.templated {
		return
	}
	spec, ok := el.def.Attribute(a.name)
	if !ok {
		return
	}
	msg := fmt.Sprintf("invalid value `%s` for %s: want %s", clip(a.value), describeAttr(el, a), spec.Constraint(c.d))
	if a.value == "" {
		msg = fmt.Sprintf("empty value for %s: want %s", describeAttr(el, a), spec.Constraint(c.d))
	}
	hint := ""
	if k := c.d.Kind(spec.Kind); k.Example != "" {
		hint = fmt.Sprintf("for example %s=\"%s\"", a.name, k.Example)
	}
	s := suggest(a.value, spec.Enum)
	if s != "" {
		msg += fmt.Sprintf("; did you mean `%s`?", s)
	}
	f := c.report(RuleAttributeValue, Error, a.valueStart, a.valueEnd, msg, hint)
	if f != nil && s != "" && strings.EqualFold(s, a.value) {
		f.fix = &fixEdits{elem: el.start, desc: fmt.Sprintf("change %s=%q to %q", a.name, a.value, s), edits: []edit{{a.valueStart, a.valueEnd, s}}}
	}
}

// checkOpenSet reports unconfirmed attributes and valid values outside a documented list.
func (c *checker) checkOpenSet(el *element, a *attr, spec *schema.Attribute) {
	if spec.Unconfirmed != "" {
		c.report(RuleUnconfirmed, Warning, a.nameStart, a.nameEnd,
			fmt.Sprintf("%s is unconfirmed: %s", describeAttr(el, a), spec.Unconfirmed), "")
	}
	if len(spec.KnownValues) == 0 || a.templated || slices.Contains(spec.KnownValues, a.value) {
		return
	}
	msg := fmt.Sprintf("`%s` is not a documented value of %s; it probably works or falls back", a.value, describeAttr(el, a))
	if s := suggest(a.value, spec.KnownValues); s != "" {
		msg += fmt.Sprintf("; did you mean `%s`?", s)
	}
	c.report(RuleUndocumentedValue, Warning, a.valueStart, a.valueEnd, msg, "documented: "+strings.Join(spec.KnownValues, ", "))
}

// checkNesting checks that el may appear inside its parent.
func (c *checker) checkNesting(el *element) {
	p := el.parent
	if p != nil && p.markupOf != nil {
		p = p.markupOf
	}
	if p == nil || p.def == nil {
		return
	}
	if !c.allowsChild(p.def, el.def) {
		msg := fmt.Sprintf("`<%s>` is not allowed inside `<%s>`, which takes no child elements", el.name, p.name)
		if len(p.def.Children) > 0 {
			msg = fmt.Sprintf("`<%s>` is not allowed inside `<%s>`; allowed: %s", el.name, p.name, quoteList(p.def.Children))
		}
		hint := ""
		if parents := c.d.Parents(el.name); len(parents) > 0 {
			hint = fmt.Sprintf("`<%s>` belongs inside: %s", el.name, strings.Join(parents, ", "))
		}
		c.report(RuleNesting, Error, el.nameStart, el.nameEnd, msg, hint)
		return
	}
	if reason, ok := p.def.UnconfirmedChildren[el.name]; ok {
		c.report(RuleUnconfirmed, Warning, el.nameStart, el.nameEnd,
			fmt.Sprintf("`<%s>` inside `<%s>` is unconfirmed: %s", el.name, p.name, reason), "")
	}
}

// checkText checks the element's text against its text rule.
func (c *checker) checkText(el *element) {
	rule := el.def.Text
	if !el.hasText() {
		if rule.Required {
			sev, msg := Error, fmt.Sprintf("`<%s>` needs text: %s", el.name, c.d.Kind(rule.Kind).Description)
			if rule.Inferred != "" {
				sev, msg = Warning, msg+" (inferred: "+rule.Inferred+")"
			}
			c.report(RuleTextContent, sev, el.nameStart, el.nameEnd, msg, c.textHint(rule))
		}
		return
	}
	if c.template && hasPlaceholder(el.text) {
		el.templated = true
		return
	}
	if rule.Pattern == "" && rule.MaxLength < 0 && rule.MinLength <= 1 {
		return // the text schema accepts any non-empty text (Speak): nothing to validate
	}
	text := el.textValue()
	if c.validText(el, text) {
		return
	}
	msg := fmt.Sprintf("text of `<%s>` must be %s; found `%s`", el.name, c.d.Kind(rule.Kind).Description, clip(text))
	if !rule.AllowsText() {
		msg = fmt.Sprintf("`<%s>` takes no text; found `%s`", el.name, clip(text))
	}
	c.report(RuleTextContent, Error, el.textStart, el.textEnd, msg, c.textHint(rule))
}

func (c *checker) textHint(rule schema.TextRule) string {
	if ex := c.d.Kind(rule.Kind).Example; ex != "" {
		return "for example " + ex
	}
	return ""
}

func hasRequired(def *schema.Element) bool {
	for _, a := range def.Attributes {
		if a.Required {
			return true
		}
	}
	return false
}

// nameSet returns a membership test for names, hashed when the list is long (an element with
// thousands of unknown attributes must not make the check quadratic).
func nameSet(names []string) func(string) bool {
	if len(names) <= 8 {
		return func(n string) bool { return slices.Contains(names, n) }
	}
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return func(n string) bool { return set[n] }
}
