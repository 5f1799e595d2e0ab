package lint

import "unicode/utf8"

// valueOffsets maps each byte of a decoded attribute value to the source offset it came from, so
// that a finding can point inside a value (a fault in an If expression) even when the value is
// written with entities (&amp;&amp;) or line breaks. raw is the value as written, starting at
// source offset base. The result has one more entry than the decoded value: its end. It returns
// nil if decoding raw does not give value (it then cannot map it).
func valueOffsets(raw []byte, base int, value string) []int {
	out := make([]int, 0, len(value)+1)
	for i := 0; i < len(raw); {
		switch {
		case raw[i] == '&':
			n, size := decodeReference(raw[i:])
			if size == 0 {
				return nil
			}
			for range n {
				out = append(out, base+i)
			}
			i += size
		case raw[i] == '\r':
			out = append(out, base+i)
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		default:
			out = append(out, base+i)
			i++
		}
	}
	if len(out) != len(value) {
		return nil
	}
	return append(out, base+len(raw))
}

// decodeReference returns the number of bytes an entity or character reference at the start of
// b decodes to, and its length in b (0 if it is not one).
func decodeReference(b []byte) (decoded, size int) {
	end := -1
	for k := 1; k < len(b) && k < 12; k++ {
		if b[k] == ';' {
			end = k
			break
		}
	}
	if end < 0 {
		return 0, 0
	}
	name := string(b[1:end])
	switch {
	case name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos":
		return 1, end + 1
	case len(name) > 1 && name[0] == '#':
		r := parseCharRef(name[1:])
		if r < 0 {
			return 0, 0
		}
		return utf8.RuneLen(rune(r)), end + 1
	}
	return 0, 0
}

func parseCharRef(s string) int {
	base := 10
	if s != "" && (s[0] == 'x' || s[0] == 'X') {
		base, s = 16, s[1:]
	}
	if s == "" {
		return -1
	}
	n := 0
	for _, c := range s {
		d := -1
		switch {
		case '0' <= c && c <= '9':
			d = int(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = int(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = int(c-'A') + 10
		}
		if d < 0 || n > utf8.MaxRune {
			return -1
		}
		n = n*base + d
	}
	if n > utf8.MaxRune {
		return -1
	}
	return n
}
