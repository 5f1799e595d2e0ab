package lint

import (
	"bytes"
	"unicode/utf8"
)

// Byte classes for the fast scanner's character data loop.
const (
	cPlain   = iota // ordinary ASCII, tab and newline
	cLess           // <
	cQuote          // " or '
	cAmp            // &
	cCR             // \r
	cBracket        // ] (start of a possible ]]>)
	cControl        // a control character XML forbids
	cHigh           // the first byte of a multi-byte UTF-8 sequence (or an invalid byte)
)

var byteClass = func() (t [256]byte) {
	for b := range 256 {
		switch {
		case b == '<':
			t[b] = cLess
		case b == '"' || b == '\'':
			t[b] = cQuote
		case b == '&':
			t[b] = cAmp
		case b == '\r':
			t[b] = cCR
		case b == ']':
			t[b] = cBracket
		case b < 0x20 && b != '\t' && b != '\n':
			t[b] = cControl
		case b >= utf8.RuneSelf:
			t[b] = cHigh
		}
	}
	return t
}()

// decode reads character data from s.pos: text up to the next "<" (quote < 0, the "<" is not
// consumed) or an attribute value up to the closing quote (consumed). It returns the value as
// encoding/xml decodes it: the five predefined entities replaced, \r\n and \r turned into \n.
// It fails on what encoding/xml rejects and on character references, which it leaves to
// encoding/xml. The result aliases the source when nothing needed decoding.
func (s *fastScanner) decode(quote int) ([]byte, bool) {
	start, special := s.pos, false
	for {
		if s.pos >= len(s.src) {
			if quote >= 0 {
				return nil, false // unterminated attribute value
			}
			break
		}
		b := s.src[s.pos]
		switch byteClass[b] {
		case cPlain:
			s.pos++
			continue
		case cLess:
			if quote >= 0 {
				return nil, false
			}
		case cQuote:
			if int(b) != quote {
				s.pos++
				continue
			}
		case cAmp, cCR:
			special = true
			s.pos++
			continue
		case cBracket:
			if quote < 0 && bytes.HasPrefix(s.src[s.pos:], []byte("]]>")) {
				return nil, false
			}
			s.pos++
			continue
		case cControl:
			return nil, false
		case cHigh:
			r, n := utf8.DecodeRune(s.src[s.pos:])
			if r == utf8.RuneError && n == 1 || !inCharacterRange(r) {
				return nil, false
			}
			s.pos += n
			continue
		}
		break
	}
	raw := s.src[start:s.pos]
	if quote >= 0 {
		s.pos++ // the closing quote
	}
	if !special {
		return raw, true
	}
	return s.unescape(raw)
}

// unescape replaces the predefined entities and normalises line breaks.
func (s *fastScanner) unescape(raw []byte) ([]byte, bool) {
	out := s.text[:0]
	var prev byte
	for i := 0; i < len(raw); {
		b := raw[i]
		if b == '&' {
			r, n := predefinedEntity(raw[i:])
			if n == 0 {
				return nil, false
			}
			out = append(out, r)
			i, prev = i+n, 0
			continue
		}
		switch {
		case b == '\r':
			out = append(out, '\n')
		case prev == '\r' && b == '\n':
		default:
			out = append(out, b)
		}
		prev = b
		i++
	}
	s.text = out
	return out, true
}

// predefinedEntity decodes &amp; &lt; &gt; &quot; &apos; at the start of b and returns the
// byte and the entity's length, or 0 for anything else.
func predefinedEntity(b []byte) (byte, int) {
	for _, e := range [...]struct {
		name string
		r    byte
	}{{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}} {
		if bytes.HasPrefix(b, []byte(e.name)) {
			return e.r, len(e.name)
		}
	}
	return 0, 0
}

// inCharacterRange reports whether r is allowed in XML (the Char production).
func inCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
