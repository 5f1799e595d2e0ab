package send

import (
	"fmt"
	"strings"
)

// template is a parsed value: literal text and {fact} references. "{{" and "}}" stand for
// literal braces, so JSON values can be written in the catalog.
type template struct {
	segs []segment
}

// segment is literal text when fact is "", else a reference to the named fact. A reference
// written {name|json} is escaped for the inside of a JSON string, so that user values (a quote
// in --speech) cannot break a JSON value built in the catalog.
type segment struct {
	lit  string
	fact string
	json bool
}

// jsonFilter is the suffix of a reference whose value is JSON-string-escaped.
const jsonFilter = "|json"

// parseTemplate parses s; a malformed reference is an error naming it.
func parseTemplate(s string) (template, error) {
	var t template
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{', c == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte(c)
			i++
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return t, fmt.Errorf("unterminated reference in %q (write {{ for a literal brace)", s)
			}
			name, escape := strings.CutSuffix(s[i+1:i+end], jsonFilter)
			if !isFactName(name) {
				return t, fmt.Errorf("bad fact reference {%s} in %q (names are lower_snake_case)", name, s)
			}
			t.segs = appendLit(t.segs, &lit)
			t.segs = append(t.segs, segment{fact: name, json: escape})
			i += end
		case c == '}':
			return t, fmt.Errorf("unmatched } in %q (write }} for a literal brace)", s)
		default:
			lit.WriteByte(c)
		}
	}
	t.segs = appendLit(t.segs, &lit)
	return t, nil
}

func appendLit(segs []segment, lit *strings.Builder) []segment {
	if lit.Len() > 0 {
		segs = append(segs, segment{lit: lit.String()})
		lit.Reset()
	}
	return segs
}

// literal returns a template that is exactly s (user input is never parsed for references).
func literal(s string) template { return template{segs: []segment{{lit: s}}} }

// constant reports whether the template has no references, and its text.
func (t template) constant() (string, bool) {
	var b strings.Builder
	for _, s := range t.segs {
		if s.fact != "" {
			return "", false
		}
		b.WriteString(s.lit)
	}
	return b.String(), true
}

// refs returns the names of the facts the template refers to.
func (t template) refs() []string {
	var names []string
	for _, s := range t.segs {
		if s.fact != "" {
			names = append(names, s.fact)
		}
	}
	return names
}

func isFactName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}
