package lint

import (
	"regexp"
	"strings"
	"testing"
)

// TestRulesDoc checks that docs/rules.md is exactly what the rules say (run -update after
// changing a rule).
func TestRulesDoc(t *testing.T) {
	checkGolden(t, "../docs/rules.md", RulesMarkdown())
}

var ruleID = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)

// TestRuleInfo checks every rule's metadata and that its example triggers it.
func TestRuleInfo(t *testing.T) {
	seen := map[string]bool{}
	linters := map[string]*Linter{allDialects: newTestLinter(t, Options{Dialect: AutoDialect})}
	for _, r := range Rules() {
		if !ruleID.MatchString(r.ID) || seen[r.ID] {
			t.Errorf("rule ID %q is not unique kebab-case", r.ID)
		}
		seen[r.ID] = true
		if r.Description == "" || r.Example == "" || r.Dialect == "" {
			t.Errorf("rule %s lacks a description, example or dialect", r.ID)
		}
		if r.ID == RuleDocumentSize || r.ID == "say-text-length" {
			continue // the example stands for a text too large to show
		}
		l := linters[r.Dialect]
		if l == nil {
			l = newTestLinter(t, Options{Dialect: r.Dialect})
			linters[r.Dialect] = l
		}
		res := l.LintBytes("example", []byte(r.Example))
		found := false
		for _, d := range res.Diagnostics {
			if d.Rule == r.ID {
				found = true
				if d.Severity != r.Severity && !(r.ID == RuleTextContent && d.Severity == Warning) {
					t.Errorf("rule %s: example finding has severity %s, rule says %s", r.ID, d.Severity, r.Severity)
				}
			}
		}
		if !found {
			t.Errorf("rule %s: its example does not trigger it; findings: %v", r.ID, res.Diagnostics)
		}
	}
}

func TestNewRejectsUnknownRule(t *testing.T) {
	_, err := New(Options{Disable: []string{"xml-syntax", "no-such-rule"}})
	if err == nil || !strings.Contains(err.Error(), `"no-such-rule"`) {
		t.Errorf("New error = %v", err)
	}
	if _, err := New(Options{Dialect: "twiml"}); err == nil {
		t.Error("New accepted an unknown dialect")
	}
}

func TestDisabledRules(t *testing.T) {
	src := []byte(`<Response><Gather action="https://example.com/m" timeout="5"/></Response>`)
	l := newTestLinter(t, Options{Disable: []string{"unknown-attribute", "gather-no-fallback"}})
	if d := l.LintBytes("x", src).Diagnostics; len(d) != 0 {
		t.Errorf("disabled rules still reported: %v", d)
	}
}
