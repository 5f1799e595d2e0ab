// Package schema holds the element schemas of the XML dialects vobizctl understands (Vobiz XML
// first) as embedded JSON Schema (draft 2020-12) documents, a typed read-only view of them for the
// linter, completions and `schema show`, and exports to JSON Schema and XSD.
//
// Each dialect is one JSON file with a $defs entry per element. The JSON file is the single source
// of truth: everything else (the typed view, the XSD, the compiled validators) is derived from it.
// The x- annotation keywords it uses are documented in docs/schema.md.
package schema

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// The schemas are embedded as strings: the parser's keys and values are substrings of them, so
// loading a dialect copies nothing (embed.FS.ReadFile would copy each 40 KB file first).
var (
	//go:embed vobiz.schema.json
	vobizJSON string
	//go:embed voxtelesys.schema.json
	voxtelesysJSON string
)

// DefaultDialect is the dialect used when none is named.
const DefaultDialect = "vobiz"

// registry maps a dialect name to its embedded file. Each dialect is parsed at most once, on first
// use, so that commands which never touch a schema pay nothing for it.
var registry = map[string]*lazyDialect{
	"vobiz":      {raw: &vobizJSON},
	"voxtelesys": {raw: &voxtelesysJSON},
}

type lazyDialect struct {
	raw  *string
	once sync.Once
	d    *Dialect
	err  error
}

func (l *lazyDialect) get() (*Dialect, error) {
	l.once.Do(func() {
		l.d, l.err = parseDialect(*l.raw)
	})
	return l.d, l.err
}

// Dialects returns the names of all known dialects, sorted.
func Dialects() []string {
	names := make([]string, 0, len(registry))
	for name := range registry {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Get returns the dialect called name ("" means DefaultDialect).
func Get(name string) (*Dialect, error) {
	if name == "" {
		name = DefaultDialect
	}
	l, ok := registry[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("unknown dialect %q (want %s)", name, strings.Join(Dialects(), ", "))
	}
	return l.get()
}

// Lookup returns the element called name in the named dialect.
func Lookup(dialect, name string) (*Element, error) {
	d, err := Get(dialect)
	if err != nil {
		return nil, err
	}
	el, ok := d.Element(name)
	if !ok {
		return nil, fmt.Errorf("unknown element %q in dialect %q (want one of %s)", name, d.Name(), strings.Join(d.ElementNames(), ", "))
	}
	return el, nil
}

// Dialect is one XML dialect: its elements, root, limits and annotations. It is immutable and safe
// for concurrent use.
type Dialect struct {
	name        string
	title       string
	description string
	root        string
	maxBytes    int
	raw         string
	doc         *jvalue
	kinds       func() map[string]Kind // parsed on first use, like the elements
	foreign     func() map[string]*Foreign
	names       []string // element names in schema order
	entries     map[string]*lazyElement

	allOnce  sync.Once // elements, parents and allErr are set by all()
	elements []*Element
	parents  map[string][]string
	allErr   error
}

// Name returns the dialect's short name, e.g. "vobiz".
func (d *Dialect) Name() string { return d.name }

// Title returns the dialect's display name, e.g. "Vobiz XML".
func (d *Dialect) Title() string { return d.title }

// Description returns the schema's top-level description.
func (d *Dialect) Description() string { return d.description }

// Root returns the name of the required root element.
func (d *Dialect) Root() string { return d.root }

// MaxBytes returns the largest document size the platform accepts, or 0 for no known limit.
func (d *Dialect) MaxBytes() int { return d.maxBytes }

// JSON returns the dialect's JSON Schema document exactly as embedded.
func (d *Dialect) JSON() []byte { return []byte(d.raw) }

// Elements returns every element of the dialect in schema order (the root first).
// Every element is parsed on the first call; an entry that fails to parse (the schema tests
// parse every one) is left out.
func (d *Dialect) Elements() []*Element {
	els, _, _ := d.all()
	return slices.Clone(els)
}

// ElementNames returns the element names in schema order.
func (d *Dialect) ElementNames() []string {
	return slices.Clone(d.names)
}

// Element returns the element called name (case-sensitive, as XML is).
func (d *Dialect) Element(name string) (*Element, bool) {
	l, ok := d.entries[name]
	if !ok {
		return nil, false
	}
	el, err := l.get()
	return el, err == nil
}

// Annotation returns the raw JSON of a top-level x- keyword of the dialect's schema (nil if
// absent), for data only some users understand, such as x-translate.
func (d *Dialect) Annotation(key string) json.RawMessage {
	v := d.doc.get(key)
	if v == nil || !strings.HasPrefix(key, "x-") {
		return nil
	}
	return json.RawMessage(d.raw[v.start:v.end])
}

// Parents returns the names of the elements that allow name as a child, in schema order.
func (d *Dialect) Parents(name string) []string {
	_, parents, _ := d.all()
	return slices.Clone(parents[name])
}

// Foreign returns what the dialect knows about a non-member element that users often write by
// habit from another platform (Plivo's GetDigits, TwiML's Say, ...).
func (d *Dialect) Foreign(name string) (*Foreign, bool) {
	f, ok := d.foreign()[name]
	return f, ok
}

// Kind returns the description of a value kind such as "url" or "e164". An unknown kind yields a
// Kind with only its name set.
func (d *Dialect) Kind(name string) Kind {
	if k, ok := d.kinds()[name]; ok {
		return k
	}
	return Kind{Name: name}
}

// Kind is a named class of values (URL, E.164 number, DTMF digits, ...) with a human description.
type Kind struct {
	Name        string
	Description string
	Example     string
}

// Foreign describes an element from another platform that is not part of the dialect.
type Foreign struct {
	Name   string
	Origin string
	// Replacement is the dialect's element to use instead, or "" if there is none.
	Replacement string
	// RenameAttributes maps attribute names to their names on Replacement (a mechanical fix).
	RenameAttributes map[string]string
	// Fixable reports whether replacing the element (and renaming its attributes) is a safe,
	// mechanical fix.
	Fixable bool
	Note    string
}
