package lint

import (
	"errors"
	"slices"
	"strconv"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/vobizctl/vobizctl/schema"
)

// valErr is a schema validation error of an attribute object, reduced to what the linter needs
// to map it back to the document: which attribute (or which missing/extra names).
type valErr struct {
	kind  byte // 'x' extra attribute, 'r' missing required attribute, 'v' bad value
	names []string
}

// memo caches validation results per Linter. Call-flow documents repeat the same attribute
// names, values and nestings over and over, so the schema validator runs once per distinct
// attribute set of an element, per distinct short attribute value and per distinct (parent,
// child) pair. Results depend only on the key, so caching never changes a finding.
type memo struct {
	mu       sync.RWMutex
	shapes   map[string][]valErr // element + attribute names → missing/unknown attributes
	values   map[string]bool     // element + attribute + value → valid
	children map[[2]*schema.Element]bool
}

const (
	// memoLimit bounds each cache; past it, results are computed but not kept.
	memoLimit = 1 << 14
	// maxMemoValue is the longest attribute value cached: longer ones (URLs with IDs) are
	// nearly always unique.
	maxMemoValue = 32
)

// localMemo is a checker's lock-free front for the Linter's shared memo: the shared one needs a
// lock per lookup, which two cores contend for on every element.
type localMemo struct {
	names    map[string]string // the fast scanner's interned names
	shapes   map[string][]valErr
	values   map[string]bool
	children map[[2]*schema.Element]bool
}

// localLimit bounds each local cache; a full one starts over.
const localLimit = 1 << 12

func newLocalMemo() *localMemo {
	return &localMemo{names: map[string]string{}, shapes: map[string][]valErr{}, values: map[string]bool{}, children: map[[2]*schema.Element]bool{}}
}

// remember stores a value in a bounded local cache.
func remember[K comparable, V any](m map[K]V, k K, v V) {
	if len(m) >= localLimit {
		clear(m)
	}
	m[k] = v
}

func newMemo() *memo {
	return &memo{shapes: map[string][]valErr{}, values: map[string]bool{}, children: map[[2]*schema.Element]bool{}}
}

// validateAttributes returns the schema errors of el's attributes. The attributes object is
// validated in two steps that together equal validating it whole: its shape (which names are
// present: "required" and "additionalProperties"), validated with every value null and cached
// per name set, then each value against its property schema.
func (c *checker) validateAttributes(el *element) ([]valErr, error) {
	ce, err := c.d.Compiled(el.name)
	if err != nil {
		return nil, err
	}
	errs := c.validateShape(el, ce.Attributes)
	for i := range el.attrs {
		a := &el.attrs[i]
		if a.dup || a.ignored || a.templated {
			continue
		}
		if sub := ce.Attributes.Properties[a.name]; sub != nil && !c.validValue(el, a, sub) {
			errs = append(errs, valErr{kind: 'v', names: []string{a.name}})
		}
	}
	return errs, nil
}

func (c *checker) validateShape(el *element, s *jsonschema.Schema) []valErr {
	c.key = append(c.key[:0], el.name...)
	for i := range el.attrs {
		if a := &el.attrs[i]; !a.dup && !a.ignored {
			c.key = append(append(c.key, 0), a.name...)
		}
	}
	if errs, ok := c.local.shapes[string(c.key)]; ok {
		return slices.Clip(errs)
	}
	m := c.dl.memo
	m.mu.RLock()
	errs, ok := m.shapes[string(c.key)]
	m.mu.RUnlock()
	if ok {
		remember(c.local.shapes, string(c.key), errs)
		return slices.Clip(errs)
	}
	inst := make(map[string]any, len(el.attrs))
	for i := range el.attrs {
		if a := &el.attrs[i]; !a.dup && !a.ignored {
			inst[a.name] = nil
		}
	}
	for _, e := range collectErrors(s.Validate(inst), nil) {
		if e.kind != 'v' { // the null values fail their types; only the shape matters here
			errs = append(errs, e)
		}
	}
	m.mu.Lock()
	if len(m.shapes) < memoLimit {
		m.shapes[string(c.key)] = errs
	}
	m.mu.Unlock()
	remember(c.local.shapes, string(c.key), errs)
	return slices.Clip(errs)
}

// validValue validates one attribute value against its property schema.
func (c *checker) validValue(el *element, a *attr, s *jsonschema.Schema) bool {
	cache := len(a.value) <= maxMemoValue
	m := c.dl.memo
	if cache {
		c.key = append(append(append(append(append(c.key[:0], el.name...), 0), a.name...), 0), a.value...)
		if ok, found := c.local.values[string(c.key)]; found {
			return ok
		}
		m.mu.RLock()
		ok, found := m.values[string(c.key)]
		m.mu.RUnlock()
		if found {
			remember(c.local.values, string(c.key), ok)
			return ok
		}
	}
	ok := s.Validate(typedValue(el.def, a)) == nil
	if cache {
		m.mu.Lock()
		if len(m.values) < memoLimit {
			m.values[string(c.key)] = ok
		}
		m.mu.Unlock()
		remember(c.local.values, string(c.key), ok)
	}
	return ok
}

func typedValue(def *schema.Element, a *attr) any {
	spec, ok := def.Attribute(a.name)
	if !ok {
		return a.value
	}
	switch spec.Type {
	case "integer":
		if n, err := strconv.ParseInt(a.value, 10, 64); err == nil {
			return n
		}
	case "boolean":
		switch a.value {
		case "true":
			return true
		case "false":
			return false
		}
	}
	return a.value
}

// collectErrors flattens a validation error tree into per-attribute errors. It stops at anyOf:
// the linter describes the whole accepted set itself rather than each failed branch.
func collectErrors(err error, out []valErr) []valErr {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return out
	}
	switch k := ve.ErrorKind.(type) {
	case *kind.Schema, *kind.Group, *kind.AllOf, *kind.Reference:
		for _, cause := range ve.Causes {
			out = collectErrors(cause, out)
		}
		return out
	case *kind.AdditionalProperties:
		return append(out, valErr{kind: 'x', names: k.Properties})
	case *kind.Required:
		return append(out, valErr{kind: 'r', names: k.Missing})
	}
	if len(ve.InstanceLocation) == 0 {
		return out
	}
	name := ve.InstanceLocation[0]
	for _, e := range out {
		if e.kind == 'v' && e.names[0] == name {
			return out
		}
	}
	return append(out, valErr{kind: 'v', names: []string{name}})
}

// allowsChild reports whether the parent's schema accepts child as a child element.
func (c *checker) allowsChild(parent, child *schema.Element) bool {
	key := [2]*schema.Element{parent, child}
	if ok, found := c.local.children[key]; found {
		return ok
	}
	m := c.dl.memo
	m.mu.RLock()
	ok, found := m.children[key]
	m.mu.RUnlock()
	if !found {
		ce, err := c.d.Compiled(parent.Name)
		ok = err == nil && ce.Child.Validate(child.Name) == nil
		m.mu.Lock()
		m.children[key] = ok
		m.mu.Unlock()
	}
	remember(c.local.children, key, ok)
	return ok
}

// validText reports whether the trimmed text passes the element's text schema.
func (c *checker) validText(el *element, text string) bool {
	ce, err := c.d.Compiled(el.name)
	return err != nil || ce.Text.Validate(text) == nil
}
