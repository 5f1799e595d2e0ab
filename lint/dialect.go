package lint

import "sort"

// dialectRule is a Go check of one dialect: a fact about the platform that the schema cannot
// express (ordering, cross-attribute constraints, runtime caveats). The engine calls check when
// an element listed in elements (or any element, if elements is empty) closes, with its
// attributes, text and children known; it calls document once after parsing.
type dialectRule struct {
	info     RuleInfo
	elements []string
	check    func(c *checker, el *element)
	document func(c *checker)
}

// dialectRuleSets maps a dialect name (schema.Dialect.Name) to its rules. Adding a dialect is a
// schema file plus one entry here; the engine itself never names an element.
var dialectRuleSets = map[string][]*dialectRule{
	"vobiz":      vobizRules,
	"voxtelesys": voxtelesysRules,
}

func dialectNames() []string {
	names := make([]string, 0, len(dialectRuleSets))
	for n := range dialectRuleSets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ruleSet is a dialect's enabled rules indexed by element name for quick dispatch.
type ruleSet struct {
	byElement map[string][]*dialectRule
	anyElem   []*dialectRule
	document  []*dialectRule
}

func newRuleSet(dialect string, disabled map[string]bool) *ruleSet {
	rs := &ruleSet{byElement: map[string][]*dialectRule{}}
	for _, r := range dialectRuleSets[dialect] {
		if disabled[r.info.ID] {
			continue
		}
		if r.document != nil {
			rs.document = append(rs.document, r)
		}
		if r.check == nil {
			continue
		}
		if len(r.elements) == 0 {
			rs.anyElem = append(rs.anyElem, r)
		}
		for _, name := range r.elements {
			rs.byElement[name] = append(rs.byElement[name], r)
		}
	}
	return rs
}

// run calls the checks registered for el's element and for every element.
func (rs *ruleSet) run(c *checker, el *element) {
	for _, r := range rs.byElement[el.name] {
		r.check(c, el)
	}
	for _, r := range rs.anyElem {
		r.check(c, el)
	}
}
