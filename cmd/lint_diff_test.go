package cmd

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUnifiedDiff(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n", "--- f\n+++ f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"context is three lines", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nV\n6\n7\n8\n9\n",
			"--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+V\n 6\n 7\n 8\n"},
		{"distant changes get their own hunks", "a\n1\n2\n3\n4\n5\n6\n7\nb\n", "A\n1\n2\n3\n4\n5\n6\n7\nB\n",
			"--- f\n+++ f\n@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -6,4 +6,4 @@\n 5\n 6\n 7\n-b\n+B\n"},
		{"changes six lines apart share a hunk", "a\n1\n2\n3\n4\n5\n6\nb\n", "A\n1\n2\n3\n4\n5\n6\nB\n",
			"--- f\n+++ f\n@@ -1,8 +1,8 @@\n-a\n+A\n 1\n 2\n 3\n 4\n 5\n 6\n-b\n+B\n"},
		{"insertion into an empty file", "", "x\n", "--- f\n+++ f\n@@ -0,0 +1 @@\n+x\n"},
		{"missing final newline", "a\nb", "a\nc", "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
		{"newline added at the end", "a", "a\n", "--- f\n+++ f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"},
		{"CRLF kept", "a\r\nb\r\n", "a\r\nc\r\n", "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, unifiedDiff("f", []byte(tt.a), []byte(tt.b))); diff != "" {
				t.Errorf("unifiedDiff (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDiffLinesIsMinimalAndCorrect checks on random inputs that the edit script turns a into b
// and has as few edits as an LCS computed by dynamic programming allows.
func TestDiffLinesIsMinimalAndCorrect(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		a, b := randomLines(rng), randomLines(rng)
		ops := diffLines(a, b)
		var gotA, gotB []string
		edits := 0
		for _, op := range ops {
			if op.kind != '+' {
				gotA = append(gotA, op.text)
			}
			if op.kind != '-' {
				gotB = append(gotB, op.text)
			}
			if op.kind != ' ' {
				edits++
			}
		}
		if !cmp.Equal(gotA, a, cmp.Comparer(sameLines)) || !cmp.Equal(gotB, b, cmp.Comparer(sameLines)) {
			t.Fatalf("case %d: script does not reproduce the inputs\na=%q\nb=%q\nops=%v", i, a, b, ops)
		}
		if want := len(a) + len(b) - 2*lcsLength(a, b); edits != want {
			t.Fatalf("case %d: %d edits, want the minimum %d\na=%q\nb=%q", i, edits, want, a, b)
		}
	}
}

func sameLines(x, y []string) bool { return strings.Join(x, "\x00") == strings.Join(y, "\x00") }

func randomLines(rng *rand.Rand) []string {
	lines := make([]string, rng.IntN(12))
	for i := range lines {
		lines[i] = string(rune('a'+rng.IntN(4))) + "\n"
	}
	return lines
}

func lcsLength(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func TestMyersFallsBackBeyondTheEditBound(t *testing.T) {
	a := make([]string, diffMaxEdits+10)
	b := make([]string, diffMaxEdits+10)
	for i := range a {
		a[i], b[i] = "a\n", "b\n"
	}
	ops := myers(a, b)
	if len(ops) != len(a)+len(b) || ops[0].kind != '-' || ops[len(ops)-1].kind != '+' {
		t.Fatalf("want every line of a deleted and every line of b inserted, got %d ops", len(ops))
	}
}
