package schema

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// parseDialect reads a dialect's schema. Only the top level is parsed here: the $defs entries
// are delimited and each is parsed the first time its element is asked for, so that linting a
// document that uses six elements parses six entries, not all of them (a full parse took 3-5 ms
// of a cold start on the 2-core machine, more than the lint itself).
func parseDialect(raw string) (*Dialect, error) {
	p := &jparser{src: raw, lazyKey: "$defs"}
	doc, err := p.value()
	if err == nil {
		if p.space(); p.pos != len(raw) {
			err = p.errorf("trailing data")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("parse schema: %w", err)
	}
	d := &Dialect{
		name: doc.getString("x-dialect"), title: doc.getString("title"),
		description: doc.getString("description"), root: doc.getString("x-root"),
		raw: raw, doc: doc, entries: map[string]*lazyElement{},
	}
	d.kinds = sync.OnceValue(func() map[string]Kind { return parseKinds(d.top("x-kinds")) })
	d.foreign = sync.OnceValue(func() map[string]*Foreign { return parseForeign(d.top("x-foreign-elements")) })
	if mb := doc.get("x-max-bytes"); mb != nil {
		d.maxBytes, _ = strconv.Atoi(mb.str)
	}
	defs := doc.get("$defs")
	if defs == nil {
		return nil, fmt.Errorf("schema %s: no $defs", d.name)
	}
	for i, name := range defs.keys {
		d.names = append(d.names, name)
		d.entries[name] = &lazyElement{dialect: d.name, name: name, raw: raw[defs.vals[i].start:defs.vals[i].end]}
	}
	if _, ok := d.entries[d.root]; !ok {
		return nil, fmt.Errorf("schema %s: root %q is not an element", d.name, d.root)
	}
	return d, nil
}

// top returns the top-level member key, parsing it if it was only delimited (nil if absent or
// malformed; the schema tests parse every member).
func (d *Dialect) top(key string) *jvalue {
	v := d.doc.get(key)
	if v == nil || v.kind != 'l' {
		return v
	}
	parsed, err := parseJSON(d.raw[v.start:v.end])
	if err != nil {
		return nil
	}
	return parsed
}

// lazyElement is one $defs entry, parsed on first use.
type lazyElement struct {
	dialect, name string
	raw           string
	once          sync.Once
	el            *Element
	err           error
}

func (l *lazyElement) get() (*Element, error) {
	l.once.Do(func() {
		v, err := parseJSON(l.raw)
		if err == nil {
			l.el, err = parseElement(l.name, v, l.raw)
		}
		if err != nil {
			l.err = fmt.Errorf("schema %s, element %s: %w", l.dialect, l.name, err)
		}
	})
	return l.el, l.err
}

// all parses every element (in schema order) and indexes their parents, once.
func (d *Dialect) all() ([]*Element, map[string][]string, error) {
	d.allOnce.Do(func() {
		d.parents = map[string][]string{}
		for _, name := range d.names {
			el, err := d.entries[name].get()
			if err != nil {
				d.allErr = err
				continue
			}
			d.elements = append(d.elements, el)
			for _, child := range el.Children {
				d.parents[child] = append(d.parents[child], el.Name)
			}
		}
	})
	return d.elements, d.parents, d.allErr
}

func parseKinds(v *jvalue) map[string]Kind {
	kinds := map[string]Kind{}
	if v == nil {
		return kinds
	}
	for i, name := range v.keys {
		k := v.vals[i]
		kinds[name] = Kind{Name: name, Description: k.getString("description"), Example: k.getString("example")}
	}
	return kinds
}

func parseForeign(v *jvalue) map[string]*Foreign {
	out := map[string]*Foreign{}
	if v == nil {
		return out
	}
	for i, name := range v.keys {
		f := v.vals[i]
		out[name] = &Foreign{
			Name: name, Origin: f.getString("origin"), Replacement: f.getString("replacement"),
			Note: f.getString("note"), RenameAttributes: stringMap(f.get("renameAttributes")),
		}
		if fx := f.get("fixable"); fx != nil {
			out[name].Fixable = fx.b
		}
	}
	return out
}

func stringMap(v *jvalue) map[string]string {
	if v == nil {
		return nil
	}
	m := make(map[string]string, len(v.keys))
	for i, k := range v.keys {
		m[k] = v.vals[i].str
	}
	return m
}

func parseElement(name string, v *jvalue, raw string) (*Element, error) {
	props := v.get("properties")
	attrs := props.get("attributes")
	el := &Element{
		Name: name, Description: v.getString("description"),
		UnconfirmedChildren: stringMap(v.get("x-unconfirmed-children")),
		Text:                parseText(v.get("x-text"), props.get("text")),
		Children:            props.get("children").get("items").get("enum").strings(),
		attrs:               map[string]*Attribute{}, annotations: map[string]string{},
	}
	for i, k := range v.keys {
		if strings.HasPrefix(k, "x-") {
			el.annotations[k] = raw[v.vals[i].start:v.vals[i].end]
		}
	}
	if m := v.get("x-inline-markup"); m != nil {
		el.Markup = make(map[string][]string, len(m.keys))
		for i, tag := range m.keys {
			el.Markup[tag] = m.vals[i].strings()
		}
	}
	if h := attrs.get("x-attribute-hints"); h != nil {
		el.AttributeHints = make(map[string]AttributeHint, len(h.keys))
		for i, an := range h.keys {
			el.AttributeHints[an] = AttributeHint{Message: h.vals[i].getString("message"), Rename: h.vals[i].getString("rename")}
		}
	}
	if err := parseAttributes(el, attrs); err != nil {
		return nil, err
	}
	return el, nil
}

func parseAttributes(el *Element, attrs *jvalue) error {
	ap := attrs.get("properties")
	if ap == nil {
		return fmt.Errorf("no attributes.properties")
	}
	for i, an := range ap.keys {
		a, err := parseAttribute(an, ap.vals[i])
		if err != nil {
			return fmt.Errorf("attribute %s: %w", an, err)
		}
		el.Attributes = append(el.Attributes, a)
		el.attrs[an] = a
	}
	for _, req := range attrs.get("required").strings() {
		a, ok := el.attrs[req]
		if !ok {
			return fmt.Errorf("required attribute %q is not defined", req)
		}
		a.Required = true
	}
	return nil
}

func parseText(x, text *jvalue) TextRule {
	rule := TextRule{
		Kind: x.getString("kind"), Inferred: x.getString("inferred"),
		Pattern: text.getString("pattern"), MaxLength: -1, Description: text.getString("description"),
	}
	if r := x.get("required"); r != nil {
		rule.Required = r.b
	}
	if ml := text.get("maxLength"); ml != nil {
		rule.MaxLength, _ = strconv.Atoi(ml.str)
	}
	if ml := text.get("minLength"); ml != nil {
		rule.MinLength, _ = strconv.Atoi(ml.str)
	}
	if rule.Kind == "" {
		rule.Kind = "none"
	}
	return rule
}

func parseAttribute(name string, v *jvalue) (*Attribute, error) {
	a := &Attribute{
		Name: name, Description: v.getString("description"), KnownValues: v.get("x-known-values").strings(),
		Unconfirmed: v.getString("x-unconfirmed"), Default: defaultText(v.get("default")),
	}
	branches := []*jvalue{v}
	if any := v.get("anyOf"); any != nil {
		branches = any.vals
	}
	for _, b := range branches {
		if err := mergeBranch(a, b); err != nil {
			return nil, err
		}
	}
	if a.Type == "" {
		a.Type = "string"
	}
	return a, nil
}

// mergeBranch folds one anyOf branch into the attribute: an integer branch sets the type and
// range, an enum branch adds accepted literals, a patterned branch sets the pattern.
func mergeBranch(a *Attribute, b *jvalue) error {
	if t := b.getString("type"); t == "integer" || t == "boolean" || a.Type == "" {
		a.Type = t
	}
	for _, bound := range []struct {
		key string
		dst **int64
	}{{"minimum", &a.Min}, {"maximum", &a.Max}} {
		if n := b.get(bound.key); n != nil {
			i, err := strconv.ParseInt(n.str, 10, 64)
			if err != nil {
				return fmt.Errorf("%s: %w", bound.key, err)
			}
			*bound.dst = &i
		}
	}
	if p := b.getString("pattern"); p != "" {
		a.Pattern = p
	}
	if k := b.getString("x-kind"); k != "" {
		a.Kind = k
	}
	if ml := b.get("maxLength"); ml != nil {
		a.MaxLength, _ = strconv.Atoi(ml.str)
	}
	a.Enum = append(a.Enum, b.get("enum").strings()...)
	return nil
}

func defaultText(v *jvalue) string {
	if v == nil {
		return ""
	}
	switch v.kind {
	case 's', 'n':
		return v.str
	case 'b':
		return strconv.FormatBool(v.b)
	}
	return ""
}

var patterns sync.Map // pattern string → *regexp.Regexp, validated at parse time

func compiledPattern(p string) *regexp.Regexp {
	if re, ok := patterns.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re, err := regexp.Compile(p)
	if err != nil { // the schema tests compile every pattern, so this is unreachable
		re = regexp.MustCompile(`$^`)
	}
	patterns.Store(p, re)
	return re
}
