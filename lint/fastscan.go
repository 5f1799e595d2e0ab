package lint

import (
	"bytes"
	"encoding/xml"
	"strings"
	"unicode/utf8"
)

// fastScanner reads the plain XML that call-flow documents are made of (ASCII names, quoted
// attributes, the five predefined entities, comments, processing instructions and an XML
// declaration) several times faster than encoding/xml, which spends half of a lint run
// decoding. It produces exactly the tokens, spans and decoded values that encoding/xml's
// RawToken produces (FuzzFastScanner compares the two). On anything else (DOCTYPE, CDATA,
// character references, non-ASCII names, a non-UTF-8 encoding) and on every error it bails out,
// and the document is parsed again by encoding/xml, which stays the reference for every
// well-formedness decision and message.
type fastScanner struct {
	src       []byte
	pos       int
	needClose bool
	closeName xml.Name
	attrs     []xml.Attr
	text      []byte            // scratch for decoded text and values
	names     map[string]string // interned names and short values, kept per worker
}

// fast returns the checker's fast scanner, reset to the start of the document.
func (c *checker) fast() *fastScanner {
	s := &c.scan
	s.src, s.pos, s.needClose, s.names = c.psrc, 0, false, c.names
	return s
}

func (s *fastScanner) next(tok *token) {
	tok.off = s.pos
	switch {
	case s.needClose:
		s.needClose = false
		tok.kind, tok.name = tokEnd, s.closeName
	case s.pos >= len(s.src):
		tok.kind = tokEOF
	case s.src[s.pos] != '<':
		tok.kind = tokText
		data, ok := s.decode(-1)
		tok.data = data
		s.bailUnless(tok, ok)
	default:
		s.markup(tok)
	}
	tok.end = s.pos
}

func (s *fastScanner) bailUnless(tok *token, ok bool) {
	if !ok {
		tok.kind = tokBail
	}
}

func (s *fastScanner) markup(tok *token) {
	if s.pos+1 >= len(s.src) {
		tok.kind = tokBail
		return
	}
	switch s.src[s.pos+1] {
	case '/':
		s.bailUnless(tok, s.endTag(tok))
	case '?':
		s.bailUnless(tok, s.procInst(tok))
	case '!':
		s.bailUnless(tok, s.comment(tok))
	default:
		s.bailUnless(tok, s.startTag(tok))
	}
}

func (s *fastScanner) startTag(tok *token) bool {
	s.pos++ // <
	name, ok := s.nsname()
	if !ok {
		return false
	}
	s.attrs = s.attrs[:0]
	for {
		s.space()
		if s.pos >= len(s.src) {
			return false
		}
		switch s.src[s.pos] {
		case '/':
			if s.pos+1 >= len(s.src) || s.src[s.pos+1] != '>' {
				return false
			}
			s.pos += 2
			s.needClose, s.closeName = true, name
			tok.kind, tok.name, tok.attrs = tokStart, name, s.attrs
			return true
		case '>':
			s.pos++
			tok.kind, tok.name, tok.attrs = tokStart, name, s.attrs
			return true
		}
		a, ok := s.attribute()
		if !ok {
			return false
		}
		s.attrs = append(s.attrs, a)
	}
}

// attribute reads name = "value" (or 'value').
func (s *fastScanner) attribute() (xml.Attr, bool) {
	name, ok := s.nsname()
	if !ok {
		return xml.Attr{}, false
	}
	s.space()
	if s.pos >= len(s.src) || s.src[s.pos] != '=' {
		return xml.Attr{}, false
	}
	s.pos++
	s.space()
	if s.pos >= len(s.src) || (s.src[s.pos] != '"' && s.src[s.pos] != '\'') {
		return xml.Attr{}, false
	}
	quote := int(s.src[s.pos])
	s.pos++
	v, ok := s.decode(quote)
	if !ok {
		return xml.Attr{}, false
	}
	return xml.Attr{Name: name, Value: s.intern(v, 16)}, true
}

func (s *fastScanner) endTag(tok *token) bool {
	s.pos += 2 // </
	name, ok := s.nsname()
	if !ok {
		return false
	}
	s.space()
	if s.pos >= len(s.src) || s.src[s.pos] != '>' {
		return false
	}
	s.pos++
	tok.kind, tok.name = tokEnd, name
	return true
}

// procInst reads <?target data?>, leaving unusual XML declarations to encoding/xml.
func (s *fastScanner) procInst(tok *token) bool {
	s.pos += 2 // <?
	target, ok := s.name()
	if !ok {
		return false
	}
	s.space()
	i := bytes.Index(s.src[s.pos:], []byte("?>"))
	if i < 0 {
		return false
	}
	data := s.src[s.pos : s.pos+i]
	s.pos += i + 2
	if target == "xml" {
		content := string(data)
		if v := procInstParam("version", content); v != "" && v != "1.0" {
			return false
		}
		if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			return false
		}
	}
	tok.kind, tok.target, tok.data = tokProcInst, target, data
	return true
}

// comment reads <!-- ... -->; other <! constructs (DOCTYPE, CDATA) are left to encoding/xml.
func (s *fastScanner) comment(tok *token) bool {
	start := s.pos + 4
	if !bytes.HasPrefix(s.src[s.pos:], []byte("<!--")) {
		return false
	}
	i := bytes.Index(s.src[start:], []byte("--"))
	if i < 0 || start+i+2 >= len(s.src) || s.src[start+i+2] != '>' {
		return false // "--" inside a comment is an error
	}
	tok.kind, tok.data = tokComment, s.src[start:start+i]
	s.pos = start + i + 3
	return true
}

// name reads an ASCII XML name.
func (s *fastScanner) name() (string, bool) {
	start := s.pos
	if start >= len(s.src) || !isNameStart(s.src[start]) {
		return "", false
	}
	for s.pos < len(s.src) && isNameByte(s.src[s.pos]) {
		s.pos++
	}
	if s.pos < len(s.src) && s.src[s.pos] >= utf8.RuneSelf {
		return "", false // a non-ASCII name: encoding/xml checks it against the Unicode tables
	}
	return s.intern(s.src[start:s.pos], 64), true
}

// nsname reads a name and splits a prefix off as encoding/xml does.
func (s *fastScanner) nsname() (xml.Name, bool) {
	n, ok := s.name()
	if !ok || strings.Count(n, ":") > 1 {
		return xml.Name{}, false
	}
	space, local, found := strings.Cut(n, ":")
	if !found || space == "" || local == "" {
		return xml.Name{Local: n}, true
	}
	return xml.Name{Space: space, Local: local}, true
}

func (s *fastScanner) space() {
	for s.pos < len(s.src) && isSpace(s.src[s.pos]) {
		s.pos++
	}
}

// intern returns b as a string, reusing one string per distinct short value across documents.
func (s *fastScanner) intern(b []byte, maxLen int) string {
	if len(b) > maxLen {
		return string(b)
	}
	if v, ok := s.names[string(b)]; ok {
		return v
	}
	v := string(b)
	if len(s.names) >= internLimit {
		clear(s.names) // a bound for long runs over documents with ever-new values
	}
	s.names[v] = v
	return v
}

// internLimit bounds a worker's intern table.
const internLimit = 1 << 12

func isNameStart(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
}

func isNameByte(c byte) bool {
	return isNameStart(c) || '0' <= c && c <= '9' || c == '.' || c == '-'
}

// procInstParam mirrors encoding/xml's reading of version="…" and encoding="…" in the XML
// declaration, so that both parsers accept the same declarations.
func procInstParam(param, s string) string {
	param += "="
	lenp, i := len(param), 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}
