package schema

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// jvalue is a parsed JSON value that keeps object keys in document order and remembers its
// source span. The schema is parsed with this small single-pass parser instead of encoding/json
// because every command start pays for it: it is several times faster, and the same tree feeds
// both the typed view and the validator (see toAny).
type jvalue struct {
	kind  byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	str   string
	b     bool
	keys  []string
	vals  []*jvalue // object values (parallel to keys) or array items
	start int
	end   int
}

// get returns the member called key of an object, or nil.
func (v *jvalue) get(key string) *jvalue {
	if v == nil || v.kind != 'o' {
		return nil
	}
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

// getString returns the string member called key, or "".
func (v *jvalue) getString(key string) string {
	if m := v.get(key); m != nil && m.kind == 's' {
		return m.str
	}
	return ""
}

// strings returns the items of a string array (nil for anything else).
func (v *jvalue) strings() []string {
	if v == nil || v.kind != 'a' {
		return nil
	}
	out := make([]string, 0, len(v.vals))
	for _, it := range v.vals {
		out = append(out, it.str)
	}
	return out
}

// toAny converts the value to the shape encoding/json (with UseNumber) would produce, which is
// what the validator compiles.
func (v *jvalue) toAny() any {
	switch v.kind {
	case 'o':
		m := make(map[string]any, len(v.keys))
		for i, k := range v.keys {
			m[k] = v.vals[i].toAny()
		}
		return m
	case 'a':
		a := make([]any, len(v.vals))
		for i, it := range v.vals {
			a[i] = it.toAny()
		}
		return a
	case 's':
		return v.str
	case 'n':
		return json.Number(v.str)
	case 'b':
		return v.b
	}
	return nil
}

type jparser struct {
	src   string // substrings of it (keys, values without escapes) share its memory
	pos   int
	depth int
	// lazyKey names the member of the top-level object whose own members are only delimited,
	// not parsed: each becomes a 'l' value holding its span, parsed on demand (see Dialect).
	// The top level's other object and array members are delimited the same way.
	lazyKey string
}

func parseJSON(src string) (*jvalue, error) {
	p := &jparser{src: src}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos != len(p.src) {
		return nil, p.errorf("trailing data")
	}
	return v, nil
}

func (p *jparser) errorf(format string, args ...any) error {
	return fmt.Errorf("json offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func (p *jparser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jparser) value() (*jvalue, error) {
	p.space()
	if p.pos >= len(p.src) {
		return nil, p.errorf("unexpected end")
	}
	start := p.pos
	var v *jvalue
	var err error
	switch c := p.src[p.pos]; {
	case c == '{':
		v, err = p.object()
	case c == '[':
		v, err = p.array()
	case c == '"':
		var s string
		s, err = p.string()
		v = &jvalue{kind: 's', str: s}
	default:
		v, err = p.literal()
	}
	if err != nil {
		return nil, err
	}
	v.start, v.end = start, p.pos
	return v, nil
}

func (p *jparser) object() (*jvalue, error) {
	p.depth++
	defer func() { p.depth-- }()
	return p.members(p.member)
}

// members reads the object at p.pos, reading each member's value with read.
func (p *jparser) members(read func(key string) (*jvalue, error)) (*jvalue, error) {
	v := &jvalue{kind: 'o'}
	p.pos++ // {
	for {
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == '}' && len(v.keys) == 0 {
			p.pos++
			return v, nil
		}
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		if err := p.expect(':'); err != nil {
			return nil, err
		}
		val, err := read(key)
		if err != nil {
			return nil, err
		}
		v.keys, v.vals = append(v.keys, key), append(v.vals, val)
		if done, err := p.separator('}'); done || err != nil {
			return v, err
		}
	}
}

// member reads one member value: parsed, except at the top level with lazyKey set, where the
// lazyKey member's own members and every other object or array are only delimited.
func (p *jparser) member(key string) (*jvalue, error) {
	switch {
	case p.depth != 1 || p.lazyKey == "":
		return p.value()
	case key == p.lazyKey:
		return p.lazyMembers()
	}
	return p.lazyComposite()
}

func (p *jparser) array() (*jvalue, error) {
	v := &jvalue{kind: 'a'}
	p.pos++ // [
	for {
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ']' && len(v.vals) == 0 {
			p.pos++
			return v, nil
		}
		it, err := p.value()
		if err != nil {
			return nil, err
		}
		v.vals = append(v.vals, it)
		if done, err := p.separator(']'); done || err != nil {
			return v, err
		}
	}
}

// separator consumes "," (more to come) or the closing delimiter (done).
func (p *jparser) separator(closer byte) (bool, error) {
	p.space()
	if p.pos >= len(p.src) {
		return false, p.errorf("unexpected end")
	}
	switch p.src[p.pos] {
	case ',':
		p.pos++
		return false, nil
	case closer:
		p.pos++
		return true, nil
	}
	return false, p.errorf("want ',' or %q", closer)
}

func (p *jparser) expect(c byte) error {
	p.space()
	if p.pos >= len(p.src) || p.src[p.pos] != c {
		return p.errorf("want %q", c)
	}
	p.pos++
	return nil
}

func (p *jparser) string() (string, error) {
	p.space()
	if p.pos >= len(p.src) || p.src[p.pos] != '"' {
		return "", p.errorf("want a string")
	}
	start, escaped := p.pos, false
	for p.pos++; p.pos < len(p.src); p.pos++ {
		switch p.src[p.pos] {
		case '\\':
			escaped = true
			p.pos++
		case '"':
			p.pos++
			if !escaped {
				return p.src[start+1 : p.pos-1], nil
			}
			var s string
			if err := json.Unmarshal([]byte(p.src[start:p.pos]), &s); err != nil {
				return "", p.errorf("bad string: %v", err)
			}
			return s, nil
		}
	}
	return "", p.errorf("unterminated string")
}

func (p *jparser) literal() (*jvalue, error) {
	start := p.pos
	for p.pos < len(p.src) && !isDelimiter(p.src[p.pos]) {
		p.pos++
	}
	word := p.src[start:p.pos]
	switch word {
	case "true", "false":
		return &jvalue{kind: 'b', b: word == "true"}, nil
	case "null":
		return &jvalue{kind: 'z'}, nil
	}
	if _, err := strconv.ParseFloat(word, 64); err != nil || word == "" {
		return nil, p.errorf("bad literal %q", word)
	}
	return &jvalue{kind: 'n', str: word}, nil
}

func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\n', '\r', ':':
		return true
	}
	return false
}

// lazyMembers reads an object whose member values are only delimited: each is a 'l' value with
// its span, to be parsed with parseJSON(src[start:end]) when needed.
func (p *jparser) lazyMembers() (*jvalue, error) {
	p.space()
	if p.pos >= len(p.src) || p.src[p.pos] != '{' {
		return nil, p.errorf("want an object")
	}
	start := p.pos
	v, err := p.members(func(string) (*jvalue, error) { return p.delimited() })
	if err != nil {
		return nil, err
	}
	v.start, v.end = start, p.pos
	return v, nil
}

// lazyComposite delimits an object or array as a 'l' value; any other value is parsed.
func (p *jparser) lazyComposite() (*jvalue, error) {
	p.space()
	if p.pos >= len(p.src) || p.src[p.pos] != '{' && p.src[p.pos] != '[' {
		return p.value()
	}
	return p.delimited()
}

// delimited moves past the value at p.pos and returns it as a 'l' value holding its span.
func (p *jparser) delimited() (*jvalue, error) {
	p.space()
	start := p.pos
	if err := p.skip(); err != nil {
		return nil, err
	}
	if p.pos == start {
		return nil, p.errorf("want a value")
	}
	return &jvalue{kind: 'l', start: start, end: p.pos}, nil
}

// skip moves past one value without building it: strings (with escapes) and brackets are
// balanced, nothing else is checked until the value is parsed for real.
func (p *jparser) skip() error {
	depth := 0
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; c {
		case '"':
			if _, err := p.rawString(); err != nil {
				return err
			}
			if depth == 0 {
				return nil
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return nil // the end of the enclosing value: a literal ends here
			}
			depth--
			if depth == 0 {
				p.pos++
				return nil
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return nil
			}
		}
		p.pos++
	}
	if depth > 0 {
		return p.errorf("unexpected end")
	}
	return nil
}

// rawString moves past a string starting at p.pos and returns it raw, quotes included.
func (p *jparser) rawString() (string, error) {
	start := p.pos
	for p.pos++; p.pos < len(p.src); p.pos++ {
		switch p.src[p.pos] {
		case '\\':
			p.pos++
		case '"':
			p.pos++
			return p.src[start:p.pos], nil
		}
	}
	return "", p.errorf("unterminated string")
}
