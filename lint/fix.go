package lint

import (
	"bytes"
	"sort"
)

// FixResult is the outcome of Fix.
type FixResult struct {
	// Output is the repaired document; it equals the input when Changes is empty. Every byte
	// that no change touches is kept as it was.
	Output []byte
	// Changes lists what was changed, in order.
	Changes []Change
}

// Change is one applied fix.
type Change struct {
	Rule string `json:"rule"`
	// Start is where the change begins in the document as it was when the change was applied
	// (changes are applied in rounds; positions of later rounds follow earlier ones).
	Start       Position `json:"start"`
	Description string   `json:"description"`
}

// maxFixRounds bounds the fix loop; each round applies at most one fix per element, because a
// fix can make another one moot (two misspelt attributes that both want the same name).
const maxFixRounds = 8

// Fix applies every mechanical fix the findings of src offer: Plivo GetDigits/GetInput to
// Gather (type → inputType, timeout → executionTimeout), Gather timeout → executionTimeout,
// case-only misspellings of element names, attribute names and enum values, and identical
// repeated attributes. Findings switched off by the options or by control comments are not
// fixed.
func (l *Linter) Fix(src []byte) FixResult {
	res := FixResult{Output: src}
	for range maxFixRounds {
		out, changes := l.fixRound(res.Output)
		if len(changes) == 0 {
			break
		}
		res.Output, res.Changes = out, append(res.Changes, changes...)
	}
	return res
}

// Fix lints src with opts and applies every mechanical fix; see (*Linter).Fix.
func Fix(src []byte, opts Options) (FixResult, error) {
	l, err := New(opts)
	if err != nil {
		return FixResult{}, err
	}
	return l.Fix(src), nil
}

func (l *Linter) fixRound(src []byte) ([]byte, []Change) {
	c := l.check(src)
	if c == nil {
		return src, nil
	}
	defer l.done(c)
	sort.SliceStable(c.findings, func(i, j int) bool { return c.findings[i].start < c.findings[j].start })
	if c.lines == nil {
		c.lines = newLineIndex(c.src, nil)
	}
	var edits []edit
	var changes []Change
	taken := make([]bool, len(src)+1) // bytes an applied edit replaces (an insertion: its point)
	elems := map[int]bool{}
	for i := range c.findings {
		f := &c.findings[i]
		if f.fix == nil || (f.fix.elem >= 0 && elems[f.fix.elem]) || c.suppressed(f) || overlaps(taken, f.fix) {
			continue
		}
		elems[f.fix.elem] = true
		for _, e := range f.fix.edits {
			for k := e.start; k < max(e.end, e.start+1) && k < len(taken); k++ {
				taken[k] = true
			}
		}
		edits = append(edits, f.fix.edits...)
		changes = append(changes, Change{Rule: f.rule, Start: c.lines.position(f.fix.edits[0].start), Description: f.fix.desc})
	}
	if len(changes) == 0 {
		return src, nil
	}
	return applyEdits(src, edits), changes
}

// overlaps reports whether fix touches bytes that an already chosen fix changes.
func overlaps(taken []bool, fix *fixEdits) bool {
	for _, e := range fix.edits {
		for k := e.start; k < max(e.end, e.start+1) && k < len(taken); k++ {
			if taken[k] {
				return true
			}
		}
	}
	return false
}

// applyEdits replaces non-overlapping byte ranges, keeping everything else.
func applyEdits(src []byte, edits []edit) []byte {
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var out bytes.Buffer
	out.Grow(len(src))
	prev := 0
	for _, e := range edits {
		out.Write(src[prev:e.start])
		out.WriteString(e.text)
		prev = e.end
	}
	out.Write(src[prev:])
	return out.Bytes()
}
