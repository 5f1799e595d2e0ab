package send

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestGenerators(t *testing.T) {
	tests := []struct {
		spec string
		want *regexp.Regexp
	}{
		{"uuid", uuidRE},
		{"e164:91", regexp.MustCompile(`^91[6-9]\d{9}$`)},
		{"e164:1", regexp.MustCompile(`^1[2-9]\d{2}[2-9]\d{6}$`)},
		{"e164:44", regexp.MustCompile(`^44[2-9]\d{9}$`)},
		{"digits:20", regexp.MustCompile(`^\d{20}$`)},
		{"int:5-7", regexp.MustCompile(`^[5-7]$`)},
		{"decimal:0.80-0.99", regexp.MustCompile(`^0\.(8\d|9\d)$`)},
		{"pattern:MA_XXXX", regexp.MustCompile(`^MA_[A-Z0-9]{4}$`)},
		{"pick:a|b", regexp.MustCompile(`^(a|b)$`)},
	}
	g := NewGenerator(9, fixedClock)
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			fn, err := parseGen(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			for range 300 {
				if v := fn(g); !tt.want.MatchString(v) {
					t.Fatalf("%s drew %q, want %s", tt.spec, v, tt.want)
				}
			}
		})
	}
}

func TestParseGenErrors(t *testing.T) {
	for _, spec := range []string{"guid", "e164:x", "e164:1234", "digits:0", "digits:x", "int:9-1", "int:1", "decimal:a-b"} {
		if _, err := parseGen(spec); err == nil || !strings.Contains(err.Error(), strconv.Quote(spec)) {
			t.Errorf("parseGen(%q) error = %v, want one naming the spec", spec, err)
		}
	}
}

func TestSeededGeneratorIsReproducible(t *testing.T) {
	a, b := NewGenerator(123, fixedClock), NewGenerator(123, fixedClock)
	for range 10 {
		if x, y := a.uuid(), b.uuid(); x != y {
			t.Fatalf("same seed gave %s and %s", x, y)
		}
	}
}
