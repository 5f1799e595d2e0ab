package lint

import (
	"fmt"
	"slices"
	"strings"
)

// voxState is the per-document data of the Voxtelesys rules (checker.state).
type voxState struct {
	// vars lists, per variable name as written in output, where it was set or deleted.
	vars map[string][]varEvent
	// answer is the start of the first Answer, or -1.
	answer int
}

// varEvent is a Set, Unset or output attribute: it defines (or deletes) a variable from off on.
type varEvent struct {
	off  int
	elem string
}

func voxtelesysState(c *checker) *voxState {
	if s, ok := c.state.(*voxState); ok {
		return s
	}
	s := &voxState{vars: map[string][]varEvent{}, answer: -1}
	c.state = s
	return s
}

// outputSuffixes are the variables each verb's output produces (reference §1.1): Gather sets
// <output>.digits and .speech, Dial <output>.status, Set the name itself; Pay's names are not
// documented (nil: any).
var outputSuffixes = map[string][]string{"Gather": {"digits", "speech"}, "Dial": {"status"}, "Set": {""}}

// skipExpression reports whether an expression must be left alone: in template mode, when it
// holds placeholders other than ${…} (which is VoXML's own variable syntax).
func skipExpression(c *checker, a *attr) bool {
	if !c.template || !a.templated {
		return false
	}
	for i := 0; i < len(a.value); i++ {
		if a.value[i] == '{' && (i == 0 || a.value[i-1] != '$') {
			return true
		}
	}
	return false
}

// exprSpan maps a span of an expression's decoded value to source offsets.
func exprSpan(c *checker, a *attr, start, end int) (int, int) {
	offs := valueOffsets(c.psrc[a.valueStart:a.valueEnd], a.valueStart, a.value)
	if offs == nil {
		return a.valueStart, a.valueEnd
	}
	return offs[min(start, len(offs)-1)], offs[min(end, len(offs)-1)]
}

// checkExpression: expressions page: the variables, operators and quoting rules.
func checkExpression(c *checker, el *element) {
	a := el.attr("expression")
	if a == nil || skipExpression(c, a) {
		return
	}
	for _, f := range parseExpression(a.value).faults {
		start, end := exprSpan(c, a, f.start, f.end)
		c.report("expression-syntax", f.sev, start, end, fmt.Sprintf("in the expression of `<%s>`: %s", el.name, f.msg), f.hint)
	}
}

// checkVariables records where variables are set and deleted, and checks the variables each
// If/Do expression uses against what the document set before it (Set page, expressions page).
func checkVariables(c *checker, el *element) {
	s := voxtelesysState(c)
	if el.name != "If" && el.name != "Do" {
		if out, ok := el.value("output"); ok && out != "" {
			s.vars[out] = append(s.vars[out], varEvent{off: el.start, elem: el.name})
		}
		return
	}
	a := el.attr("expression")
	if a == nil || skipExpression(c, a) {
		return
	}
	for _, v := range parseExpression(a.value).vars {
		msg, hint := s.checkUse(c, el, v.name, a.valueStart)
		if msg != "" {
			start, end := exprSpan(c, a, v.start, v.end)
			c.report("undefined-variable", Warning, start, end, msg, hint)
		}
	}
}

// checkUse returns a message when the variable is not set at use (an offset in el's tag).
func (s *voxState) checkUse(c *checker, el *element, name string, use int) (string, string) {
	ref := "`${" + name + "}`"
	if base, rest, _ := strings.Cut(name, "."); base == "do" && s.vars["do"] == nil {
		switch {
		case rest != "n":
			return ref + " is not a loop variable: `<Do>` sets only `${do.n}`", "use ${do.n}"
		case !insideDo(el):
			return ref + " exists only inside `<Do>`", "move the condition into a <Do>, or count with <Set>"
		}
		return "", ""
	}
	ev, suffix, found := s.latest(name, use)
	switch {
	case !found:
		return ref + " is used before any `<Set>` or `output` in this document sets it",
			"set it first (<Set output=\"…\">, or output=\"…\" on Gather/Dial/Pay); ignore this if an earlier document of the call set it"
	case ev.elem == "Unset":
		return fmt.Sprintf("%s was deleted by `<Unset>` on line %d", ref, c.lineOf(ev.off)), "remove the <Unset> or set the variable again"
	}
	want, known := outputSuffixes[ev.elem]
	if !known || slices.Contains(want, suffix) {
		return "", ""
	}
	base, _, _ := strings.Cut(name, ".")
	sets := make([]string, len(want))
	for i, w := range want {
		sets[i] = "`${" + strings.TrimSuffix(base+"."+w, ".") + "}`"
	}
	return fmt.Sprintf("%s is not set: `<%s output=\"%s\">` on line %d sets %s", ref, ev.elem, base, c.lineOf(ev.off), strings.Join(sets, " and ")), ""
}

// latest finds the last Set/Unset/output before use that concerns name: the name itself, or
// its first part for an output (menu for ${menu.digits}). suffix is the rest of the name.
func (s *voxState) latest(name string, use int) (ev varEvent, suffix string, found bool) {
	ev.off = -1
	consider := func(key, sfx string) {
		for _, e := range s.vars[key] {
			if e.off < use && e.off > ev.off {
				ev, suffix, found = e, sfx, true
			}
		}
	}
	consider(name, "")
	if base, rest, ok := strings.Cut(name, "."); ok {
		consider(base, rest)
	}
	return ev, suffix, found
}

func insideDo(el *element) bool {
	for p := el; p != nil; p = p.parent {
		if p.name == "Do" {
			return true
		}
	}
	return false
}
