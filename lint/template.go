package lint

import "bytes"

// Template mode treats placeholders of the common template languages as opaque values, so that
// XML templates kept in application code can be linted before they are rendered:
//
//	{name}  {expr(x)}   Python f-strings, str.format, SOURCES.md of the corpus
//	{{ name }}          Jinja, Handlebars, Mustache, Go text/template
//	${name}             JavaScript template literals, shell
//	<%= expr %>         ERB, EJS (also <% ... %> and <%- ... %>)
//
// A value or text that contains a placeholder is not checked against its type, enum or pattern,
// because the rendered value is unknown; its attribute name and position are still checked.

// hasPlaceholder reports whether s contains a placeholder: a "{", at least one character other
// than braces, and a "}". Every supported syntax contains such a span ({{ x }} and ${x} do, and
// maskERB turns <%= x %> into one).
func hasPlaceholder[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		for j := i + 1; j < len(s); j++ {
			if s[j] == '{' {
				break
			}
			if s[j] == '}' {
				if j > i+1 {
					return true
				}
				break
			}
		}
	}
	return false
}

// onlyPlaceholders reports whether s is nothing but placeholders and whitespace.
func onlyPlaceholders(s []byte) bool {
	found := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case c == '$' && i+1 < len(s) && s[i+1] == '{':
		case c == '{':
			j := bytes.IndexByte(s[i:], '}')
			if j < 0 {
				return false
			}
			for j+i+1 < len(s) && s[i+j+1] == '}' {
				j++ // the closing braces of {{ x }}
			}
			i += j
			found = true
		default:
			return false
		}
	}
	return found
}

// maskERB returns src with every <% ... %> block replaced by a {____} placeholder of the same
// length, keeping line breaks, so that the document parses as XML and every offset, line and
// column stays the same. It returns src itself when there is nothing to mask.
func maskERB(src []byte) []byte {
	i := bytes.Index(src, []byte("<%"))
	if i < 0 {
		return src
	}
	out := bytes.Clone(src)
	for i >= 0 {
		j := bytes.Index(out[i+2:], []byte("%>"))
		if j < 0 {
			break
		}
		end := i + 2 + j + 2
		for k := i + 1; k < end-1; k++ {
			if out[k] != '\n' && out[k] != '\r' {
				out[k] = '_'
			}
		}
		out[i], out[end-1] = '{', '}'
		next := bytes.Index(out[end:], []byte("<%"))
		if next < 0 {
			break
		}
		i = end + next
	}
	return out
}
