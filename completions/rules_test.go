package completions

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// names keeps the part of each candidate before the tab.
func names(cands []string) []string {
	out := make([]string, len(cands))
	for i, c := range cands {
		out[i], _, _ = strings.Cut(c, "\t")
	}
	return out
}

func TestRuleIDs(t *testing.T) {
	tests := []struct {
		name, input string
		want        []string
	}{
		{"prefix", "gather-", []string{"gather-no-fallback", "gather-hints"}},
		{"after a comma, keeping the earlier items", "xml-syntax,gather-h", []string{"xml-syntax,gather-hints"}},
		{"no repeats", "gather-hints,gather-", []string{"gather-hints,gather-no-fallback"}},
		{"no match", "zzz", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, nilIfEmpty(names(RuleIDs(tt.input)))); diff != "" {
				t.Errorf("RuleIDs(%q) (-want +got):\n%s", tt.input, diff)
			}
		})
	}
}

func TestRuleIDsDescribeEachRule(t *testing.T) {
	all := RuleIDs("")
	if len(all) < 20 {
		t.Fatalf("got %d rule candidates, want every rule", len(all))
	}
	for _, c := range all {
		id, desc, ok := strings.Cut(c, "\t")
		if !ok || id == "" || !strings.Contains(desc, ": ") || strings.ContainsAny(desc, "\n\t") {
			t.Errorf("candidate %q: want \"id<TAB>severity: one-line description\"", c)
		}
	}
}

func TestElementNames(t *testing.T) {
	tests := []struct {
		name, dialect, input string
		want                 []string
	}{
		{"prefix", "vobiz", "Pr", []string{"PreAnswer"}},
		{"case-insensitive", "", "st", []string{"Stream"}},
		{"several", "vobiz", "D", []string{"Dial", "DTMF"}},
		{"unknown dialect", "nope", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, nilIfEmpty(names(ElementNames(tt.dialect, tt.input)))); diff != "" {
				t.Errorf("ElementNames(%q, %q) (-want +got):\n%s", tt.dialect, tt.input, diff)
			}
		})
	}
}

func TestOneLine(t *testing.T) {
	long := strings.Repeat("a", 100)
	tests := []struct{ name, input, want string }{
		{"spaces collapse", "a\n  b\tc", "a b c"},
		{"long is cut to 80 characters", long, strings.Repeat("a", 79) + "…"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.input); got != tt.want {
			t.Errorf("%s: oneLine = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
