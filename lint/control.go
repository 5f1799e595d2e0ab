package lint

import (
	"slices"
	"strings"
)

// Inline control comments:
//
//	<!-- vobizctl-disable-next-line RULE[,RULE…] -->  findings starting on the next line
//	<!-- vobizctl-disable RULE[,RULE…] -->            findings after the comment
//	<!-- vobizctl-enable RULE[,RULE…] -->             undoes vobizctl-disable
//
// Without rule IDs the comment applies to every rule.
type directive struct {
	kind  byte // 'n' next line, 'd' disable, 'e' enable
	off   int  // end of the comment
	line  int  // line of the end of the comment
	rules []string
}

func (c *checker) comment(t []byte, off, end int) {
	s := strings.TrimSpace(string(t))
	if !strings.HasPrefix(s, "vobizctl-") {
		return
	}
	word, rest, _ := strings.Cut(s, " ")
	d := directive{off: end}
	switch word {
	case "vobizctl-disable-next-line":
		d.kind, d.line = 'n', c.lineOf(end)
	case "vobizctl-disable":
		d.kind = 'd'
	case "vobizctl-enable":
		d.kind = 'e'
	default:
		return
	}
	d.rules = strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	c.directives = append(c.directives, d)
}

// suppressed reports whether a control comment turns the finding off.
func (c *checker) suppressed(f *finding) bool {
	if len(c.directives) == 0 {
		return false
	}
	off, line := false, 0
	for _, d := range c.directives {
		if len(d.rules) > 0 && !slices.Contains(d.rules, f.rule) {
			continue
		}
		switch d.kind {
		case 'n':
			if line == 0 {
				line = c.lines.line(f.start)
			}
			if line == d.line+1 {
				return true
			}
		case 'd':
			if d.off <= f.start {
				off = true
			}
		case 'e':
			if d.off <= f.start {
				off = false
			}
		}
	}
	return off
}
