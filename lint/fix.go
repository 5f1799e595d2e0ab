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
	defer l.done(c)
	if c.lines == nil {
		c.lines = newLineIndex(c.src)
	}
	var chosen []*finding
	elems := map[int]bool{}
	for i := range c.findings {
		f := &c.findings[i]
		if f.fix == nil || elems[f.fix.elem] || c.suppressed(f) || overlaps(chosen, f.fix) {
			continue
		}
		elems[f.fix.elem] = true
		chosen = append(chosen, f)
	}
	if len(chosen) == 0 {
		return src, nil
	}
	var edits []edit
	changes := make([]Change, 0, len(chosen))
	for _, f := range chosen {
		edits = append(edits, f.fix.edits...)
		changes = append(changes, Change{Rule: f.rule, Start: c.lines.position(f.fix.edits[0].start), Description: f.fix.desc})
	}
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].Start.Offset < changes[j].Start.Offset })
	return applyEdits(src, edits), changes
}

// overlaps reports whether fix touches bytes that an already chosen fix changes.
func overlaps(chosen []*finding, fix *fixEdits) bool {
	for _, f := range chosen {
		for _, a := range f.fix.edits {
			for _, b := range fix.edits {
				if a.start < b.end && b.start < a.end || a.start == b.start {
					return true
				}
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
