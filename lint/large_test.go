package lint

import (
	"fmt"
	"strings"
	"testing"
)

// TestLargeInputs lints documents shaped to expose quadratic behaviour (thousands of findings on
// one line, thousands of attributes on one element, deep nesting) and checks the findings.
func TestLargeInputs(t *testing.T) {
	var distinct strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&distinct, "a%d=\"1\" ", i)
	}
	tests := []struct {
		name      string
		src       string
		findings  int
		fixes     int
		fixedDiag int
	}{
		{"repeated attribute", "<Response><Wait " + strings.Repeat(`length="1" `, 3000) + "/></Response>", 2999, 2999, 0},
		{"unknown attributes", "<Response><Wait " + distinct.String() + "/></Response>", 3000, 0, 3000},
		{"fixable elements on one line", "<Response>" + strings.Repeat("<speak>x</speak>", 5000) + "</Response>", 5000, 5000, 0},
		{"deep nesting", strings.Repeat("<a>", 5000) + strings.Repeat(`<Play loop="0">https://e.com/a</Play>`, 1000) + strings.Repeat("</a>", 5000), 5999, 0, 5999},
	}
	l := newTestLinter(t, Options{Disable: []string{"root-element"}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(l.LintBytes("big.xml", []byte(tt.src)).Diagnostics); got != tt.findings {
				t.Errorf("%d findings, want %d", got, tt.findings)
			}
			fixed := l.Fix([]byte(tt.src))
			if len(fixed.Changes) != tt.fixes {
				t.Errorf("%d fixes, want %d", len(fixed.Changes), tt.fixes)
			}
			if got := len(l.LintBytes("fixed.xml", fixed.Output).Diagnostics); got != tt.fixedDiag {
				t.Errorf("%d findings after fixing, want %d", got, tt.fixedDiag)
			}
		})
	}
}
