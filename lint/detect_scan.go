package lint

import (
	"bytes"
	"slices"
	"strings"

	"github.com/vobizctl/vobizctl/schema"
)

// scanClues reads src for dialect clues: the vobizctl-dialect comments and the start tags of
// elements that only one dialect defines (excl). It is a byte scan, not a parse: it only has to
// tell markup from text well enough to count tags, and a malformed document still gets a
// dialect, whose linter then reports the syntax error.
func scanClues(src []byte, excl map[string]exclusive, w *window) choice {
	ch := choice{}
	for i := 0; i < len(src); w.passed(i) {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := src[i+1:]
		switch {
		case bytes.HasPrefix(rest, []byte("!--")):
			end := skipTo(src, i+4, "-->")
			ch.addComment(src[i+4:max(i+4, end-3)], i, end)
			i = end
		case bytes.HasPrefix(rest, []byte("![CDATA[")):
			i = skipTo(src, i, "]]>")
		case bytes.HasPrefix(rest, []byte("?")):
			i = skipTo(src, i, "?>")
		case bytes.HasPrefix(rest, []byte("!")):
			i = skipTo(src, i, ">")
		default:
			k := i + 1
			for k < len(src) && isNameByte(src[k]) {
				k++
			}
			if x, ok := excl[string(src[i+1:k])]; ok {
				ch.addEvidence(x, i+1, k)
			}
			i = max(k, i+1)
		}
	}
	return ch
}

// skipTo returns the offset just after the next marker at or after from, or len(src).
func skipTo(src []byte, from int, marker string) int {
	if k := bytes.Index(src[min(from, len(src)):], []byte(marker)); k >= 0 {
		return from + k + len(marker)
	}
	return len(src)
}

// addComment records a vobizctl-dialect comment: the first one counts (if it names a dialect),
// a later one naming another dialect is a conflict.
func (ch *choice) addComment(body []byte, start, end int) {
	if !bytes.Contains(body, []byte(dialectWord)) {
		return // an ordinary comment: not converted, nothing allocated
	}
	s := strings.TrimSpace(string(body))
	word, rest, _ := strings.Cut(s, " ")
	if word != dialectWord {
		return
	}
	value := strings.ToLower(strings.TrimSpace(rest))
	if f := strings.Fields(value); len(f) > 0 {
		value = f[0]
	}
	c := &dialectComment{start: start, end: end, value: value}
	switch {
	case value != AutoDialect && !slices.Contains(schema.Dialects(), value):
		if ch.badComment == nil {
			ch.badComment = c
		}
	case ch.comment == nil:
		ch.comment = c
	case ch.comment.value != value && ch.conflict == nil:
		ch.conflict = c
	}
}

func (ch *choice) addEvidence(x exclusive, start, end int) {
	e := ch.find(x.dialect)
	if e == nil {
		ch.evidence = append(ch.evidence, evidence{dialect: x.dialect, start: start, end: end, names: make([]string, 0, 4)})
		e = &ch.evidence[len(ch.evidence)-1]
	}
	e.count++
	if !slices.Contains(e.names, x.name) {
		e.names = append(e.names, x.name)
	}
}
