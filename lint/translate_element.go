package lint

import (
	"fmt"
	"maps"
	"sort"
	"strings"
)

// classify decides what becomes of an element: translated by a rule, left as it is (already a
// target element in a mixed document), or reported as untranslatable.
func (tr *translator) classify(n *tnode) {
	def, ok := tr.from.Element(n.name)
	if !ok {
		if tdef, inTarget := tr.to.Element(n.name); inTarget {
			n.tdef = tdef // already the target dialect: kept, and its children checked against it
			return
		}
		tr.problem(Warning, n.nameStart, n.nameEnd, fmt.Sprintf("`<%s>` is not a %s element; it is left as it is", n.name, tr.from.Title()), "")
		return
	}
	n.def = def
	rule, ok := pickRule(elementRules(def, tr.to.Name()), n.value)
	target := rule.Element
	if target == "" {
		target = n.name
	}
	tdef, exists := tr.to.Element(target)
	if !ok || !exists && !rule.Remove || rule.Untranslatable != "" {
		hint := rule.Untranslatable
		if f, known := tr.to.Foreign(n.name); known && hint == "" {
			hint = f.Note
		}
		tr.problem(Error, n.nameStart, n.nameEnd, fmt.Sprintf("`<%s>` cannot be translated to %s; it is left as it is", n.name, tr.to.Title()), hint)
		return
	}
	n.rule, n.tdef, n.translate = tr.withDefaults(rule), tdef, true
}

// withDefaults adds the dialect-level drops to a rule (copying the maps: rules are shared).
func (tr *translator) withDefaults(r translateRule) translateRule {
	if len(tr.defaults.Drop) == 0 {
		return r
	}
	drop, lossless := maps.Clone(tr.defaults.Drop), maps.Clone(tr.defaults.Lossless)
	maps.Copy(drop, r.Drop)
	if lossless == nil {
		lossless = map[string]string{}
	}
	maps.Copy(lossless, r.Lossless)
	r.Drop, r.Lossless = drop, lossless
	return r
}

// plannedAttr is an attribute of the translated element.
type plannedAttr struct {
	name, value string
	src         *attr // nil for an added attribute
}

// translateElement emits the edits of one translated element and checks the result against the
// target dialect.
func (tr *translator) translateElement(n *tnode) {
	r := &n.rule
	if r.Remove {
		tr.remove(n)
		return
	}
	target := n.tdef.Name
	if (r.TextToAttribute != "" || r.AttributeToText != "") && n.children > 0 {
		tr.problem(Error, n.nameStart, n.nameEnd, fmt.Sprintf("`<%s>` has child elements, so it cannot become `<%s>`; it is left as it is", n.name, target), "")
		return
	}
	if r.AttributeToText != "" && n.hasText() {
		tr.problem(Error, n.nameStart, n.nameEnd, fmt.Sprintf("`<%s>` has both text and `%s`, so it cannot become `<%s>`; it is left as it is", n.name, r.AttributeToText, target), "")
		return
	}
	attrs, notes := tr.planAttributes(n)
	switch {
	case r.TextToAttribute != "" || r.AttributeToText != "":
		tr.rebuild(n, attrs)
	default:
		tr.editInPlace(n, attrs)
	}
	tr.checkTarget(n, attrs)
	if target != n.name {
		notes = append([]string{fmt.Sprintf("<%s> to <%s>", n.name, target)}, notes...)
	}
	if len(notes) > 0 {
		tr.changes = append(tr.changes, Change{Rule: RuleTranslate, Start: tr.lines.position(n.start), Description: strings.Join(notes, ", ")})
	}
}

// planAttributes maps the source attributes to the target's, adds the rule's attributes and
// the source defaults the target does not share, and reports what is lost.
func (tr *translator) planAttributes(n *tnode) ([]plannedAttr, []string) {
	r := &n.rule
	var out []plannedAttr
	var notes []string
	for i := range n.attrs {
		a := &n.attrs[i]
		if a.dup || a.ignored || a.name == r.AttributeToText {
			continue
		}
		name, ok := r.targetName(a.name, n.tdef)
		if !ok {
			notes = append(notes, "drop "+a.name)
			tr.dropped(n, a)
			continue
		}
		value := r.mapValue(a.name, a.value)
		if name != a.name {
			notes = append(notes, a.name+" to "+name)
		}
		if value != a.value {
			notes = append(notes, fmt.Sprintf("%s=%q to %q", a.name, a.value, value))
		}
		out = append(out, plannedAttr{name: name, value: value, src: a})
		tr.checkValue(n, a, name, value)
	}
	out, notes = tr.addAttributes(n, out, notes)
	for _, cv := range r.Caveats {
		if n.has(cv.If) && !tr.holds(n, cv.Unless) {
			tr.problem(Warning, n.nameStart, n.nameEnd, fmt.Sprintf("`<%s %s>` behaves differently in %s: %s", n.name, cv.If, tr.to.Title(), cv.Note), "")
		}
	}
	return out, notes
}

// addAttributes adds the rule's attributes and, where the dialects' defaults differ, the
// source's default written out, so that the translated element behaves the same.
func (tr *translator) addAttributes(n *tnode, out []plannedAttr, notes []string) ([]plannedAttr, []string) {
	planned := func(name string) bool {
		for _, p := range out {
			if p.name == name {
				return true
			}
		}
		return false
	}
	for _, add := range n.rule.Add {
		if !planned(add.Name) && (add.If == "" || n.has(add.If)) {
			out = append(out, plannedAttr{name: add.Name, value: add.Value})
			notes = append(notes, fmt.Sprintf("add %s=%q", add.Name, add.Value))
		}
	}
	for _, spec := range n.def.Attributes {
		name, ok := n.rule.targetName(spec.Name, n.tdef)
		if !ok || n.has(spec.Name) || planned(name) || spec.Default == "" {
			continue
		}
		tspec, _ := n.tdef.Attribute(name)
		value := n.rule.mapValue(spec.Name, spec.Default)
		if tspec.Default == "" || tspec.Default == value || !tspec.Accepts(value) {
			continue
		}
		out = append(out, plannedAttr{name: name, value: value})
		notes = append(notes, fmt.Sprintf("add %s=%q (%s's default; %s's is %s)", name, value, tr.from.Title(), tr.to.Title(), tspec.Default))
	}
	return out, notes
}

// holds reports whether every attribute in want has the given value.
func (tr *translator) holds(n *tnode, want map[string]string) bool {
	if len(want) == 0 {
		return false
	}
	for name, v := range want {
		if a := n.attr(name); a == nil || a.value != v {
			return false
		}
	}
	return true
}

// dropped reports an attribute the target element lacks, unless its value changes nothing.
func (tr *translator) dropped(n *tnode, a *attr) {
	if v, ok := n.rule.Lossless[a.name]; ok && v == a.value {
		return
	}
	why, ok := n.rule.Drop[a.name]
	if !ok {
		why = fmt.Sprintf("`<%s>` in %s has no such attribute", n.tdef.Name, tr.to.Title())
	}
	tr.problem(Warning, a.nameStart, a.nameEnd, fmt.Sprintf("`%s=\"%s\"` on `<%s>` is dropped: %s", a.name, clip(a.value), n.name, why), "")
}

// checkValue reports a value the target attribute does not accept (the value is kept).
func (tr *translator) checkValue(n *tnode, a *attr, name, value string) {
	tspec, _ := n.tdef.Attribute(name)
	if tspec.Accepts(value) {
		return
	}
	tr.problem(Warning, a.valueStart, a.valueEnd,
		fmt.Sprintf("`%s=\"%s\"` is not valid on `<%s>` in %s: want %s", name, clip(value), n.tdef.Name, tr.to.Title(), tspec.Constraint(tr.to)), "change it by hand")
}

// checkTarget reports what the translated element lacks in the target dialect: required
// attributes, valid text, a parent that accepts it.
func (tr *translator) checkTarget(n *tnode, attrs []plannedAttr) {
	target := n.tdef.Name
	for _, req := range n.tdef.RequiredAttributes() {
		found := req == n.rule.TextToAttribute
		for _, p := range attrs {
			found = found || p.name == req
		}
		if !found {
			tr.problem(Warning, n.nameStart, n.nameEnd, fmt.Sprintf("`<%s>` needs `%s` in %s; add it by hand", target, req, tr.to.Title()), "")
		}
	}
	if n.hasText() && n.rule.TextToAttribute == "" && n.tdef.Markup == nil {
		text := strings.TrimSpace(string(n.text))
		if !n.tdef.Text.AllowsText() || !n.tdef.Text.Accepts(text) {
			tr.problem(Warning, n.textStart, n.textEnd, fmt.Sprintf("the text of `<%s>` is not valid in %s: want %s", target, tr.to.Title(), tr.to.Kind(n.tdef.Text.Kind).Description), "change it by hand")
		}
	}
	if p := n.parent; p != nil && p.tdef != nil && !p.tdef.AllowsChild(target) {
		tr.problem(Warning, n.nameStart, n.nameEnd, fmt.Sprintf("`<%s>` (from `<%s>`) is not allowed inside `<%s>` in %s", target, n.name, p.tdef.Name, tr.to.Title()), "")
	}
}

func (tr *translator) problem(sev Severity, start, end int, msg, hint string) {
	s := tr.lines.position(start)
	tr.problems = append(tr.problems, Diagnostic{Start: s, End: tr.lines.advance(s, end), Severity: sev, Rule: RuleTranslate, Message: msg, Hint: hint})
}

// applyEditsStable replaces non-overlapping byte ranges, keeping everything else; edits at the
// same offset keep their order.
func applyEditsStable(src []byte, edits []edit) []byte {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	out := make([]byte, 0, len(src))
	prev := 0
	for _, e := range edits {
		out = append(append(out, src[prev:e.start]...), e.text...)
		prev = e.end
	}
	return append(out, src[prev:]...)
}
