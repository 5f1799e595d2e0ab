package cmd

import (
	"bytes"
	"fmt"
	"strings"
)

// diffContext is the number of unchanged lines shown around each change, as in `diff -u`.
const diffContext = 3

// diffMaxEdits bounds the Myers search. --fix changes a few lines, so real diffs stay far below
// it; past it the changed middle is shown as one replacement, since the saved frontiers grow with
// the square of the edit count (8 MB at the bound).
const diffMaxEdits = 1000

// lineOp is one line of an edit script: ' ' kept, '-' deleted from a, '+' inserted from b.
type lineOp struct {
	kind byte
	text string
}

// unifiedDiff returns a unified diff (diff -u, no timestamps) turning a into b, with name on
// both header lines so that `patch -p0` applies it; "" when a and b are equal.
func unifiedDiff(name string, a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	ops := diffLines(splitLines(a), splitLines(b))
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", name, name)
	for _, h := range hunks(ops) {
		writeHunk(&out, ops, h)
	}
	return out.String()
}

// splitLines splits s after each "\n"; the last line lacks its "\n" when s does not end in one.
func splitLines(s []byte) []string {
	var lines []string
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n') + 1
		if i == 0 {
			i = len(s)
		}
		lines = append(lines, string(s[:i]))
		s = s[i:]
	}
	return lines
}

// diffLines returns an edit script from a to b: the common prefix and suffix are kept as they
// are, and the middle is diffed with Myers' algorithm.
func diffLines(a, b []string) []lineOp {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ops := make([]lineOp, 0, len(a)+len(b)-pre-suf)
	for _, l := range a[:pre] {
		ops = append(ops, lineOp{' ', l})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, lineOp{' ', l})
	}
	return ops
}

// myers finds a shortest edit script with Myers' O(ND) algorithm, keeping each round's
// frontier to walk the path back.
func myers(a, b []string) []lineOp {
	n, m := len(a), len(b)
	offset := n + m + 1
	v := make([]int, 2*offset+1)
	var trace [][]int
	for d := 0; d <= n+m && d <= diffMaxEdits; d++ {
		trace = append(trace, append([]int(nil), v[offset-d:offset+d+1]...))
		for k := -d; k <= d; k += 2 {
			x := v[offset+k+1] // down: insertion
			if k != -d && (k == d || v[offset+k-1] >= v[offset+k+1]) {
				x = v[offset+k-1] + 1 // right: deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[offset+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace)
			}
		}
	}
	return replaceAll(a, b)
}

// backtrack walks the saved frontiers from the end to the start and returns the script.
func backtrack(a, b []string, trace [][]int) []lineOp {
	x, y := len(a), len(b)
	var rev []lineOp
	for d := len(trace) - 1; d >= 0; d-- {
		front := func(k int) int { return trace[d][k+d] }
		k := x - y
		prevK := k + 1
		if k != -d && (k == d || front(k-1) >= front(k+1)) {
			prevK = k - 1
		}
		prevX := 0
		if d > 0 {
			prevX = front(prevK)
		}
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			rev = append(rev, lineOp{' ', a[x]})
		}
		if d == 0 {
			break
		}
		if prevK == k-1 {
			rev = append(rev, lineOp{'-', a[prevX]})
		} else {
			rev = append(rev, lineOp{'+', b[prevY]})
		}
		x, y = prevX, prevY
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

func replaceAll(a, b []string) []lineOp {
	ops := make([]lineOp, 0, len(a)+len(b))
	for _, l := range a {
		ops = append(ops, lineOp{'-', l})
	}
	for _, l := range b {
		ops = append(ops, lineOp{'+', l})
	}
	return ops
}

// hunk is a range of ops [start, end) printed together, with the line numbers it starts at.
type hunk struct {
	start, end     int
	aLine, bLine   int
	aCount, bCount int
}

// hunks groups the changes of ops with diffContext lines around them; changes closer than
// twice the context share a hunk.
func hunks(ops []lineOp) []hunk {
	var out []hunk
	aLine, bLine := 1, 1 // line numbers of ops[i]
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			aLine, bLine, i = aLine+1, bLine+1, i+1
			continue
		}
		back := 0
		for back < diffContext && i-back > 0 && ops[i-back-1].kind == ' ' {
			back++
		}
		h := hunk{start: i - back, aLine: aLine - back, bLine: bLine - back}
		end := hunkEnd(ops, i)
		for j := h.start; j < end; j++ {
			if ops[j].kind != '+' {
				h.aCount++
			}
			if ops[j].kind != '-' {
				h.bCount++
			}
		}
		h.end = end
		out = append(out, h)
		aLine, bLine, i = h.aLine+h.aCount, h.bLine+h.bCount, end
	}
	return out
}

// hunkEnd returns the end of the hunk holding the change at ops[i]: it runs until a stretch of
// more than twice the context has no change, keeping the context after the last change.
func hunkEnd(ops []lineOp, i int) int {
	lastChange := i
	for j := i; j < len(ops); j++ {
		if ops[j].kind != ' ' {
			lastChange = j
		} else if j-lastChange > 2*diffContext {
			break
		}
	}
	return min(len(ops), lastChange+1+diffContext)
}

func writeHunk(out *strings.Builder, ops []lineOp, h hunk) {
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(h.aLine, h.aCount), hunkRange(h.bLine, h.bCount))
	for _, op := range ops[h.start:h.end] {
		out.WriteByte(op.kind)
		out.WriteString(op.text)
		if !strings.HasSuffix(op.text, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats "start,count" the way diff -u does: an empty range names the line before it.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}
