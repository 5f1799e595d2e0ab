package lint

import (
	"errors"
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

// memo caches validation results per Linter. Call-flow documents repeat the same start tags
// (`<Speak voice="WOMAN" language="en-US">`) and the same nestings over and over, so the schema
// validator runs once per distinct start tag and per distinct (parent, child) pair. Results
// depend only on the key, so caching never changes a finding.
type memo struct {
	mu       sync.RWMutex
	attrs    map[string][]valErr
	children map[[2]*schema.Element]bool
}

// memoLimit bounds the start-tag cache; past it, results are computed but not kept.
const memoLimit = 1 << 14

func newMemo() *memo {
	return &memo{attrs: map[string][]valErr{}, children: map[[2]*schema.Element]bool{}}
}

// validateAttributes returns the schema errors of el's attributes.
func (c *checker) validateAttributes(el *element) ([]valErr, error) {
	c.key = append(append(append(c.key[:0], el.name...), 0), c.psrc[el.nameEnd:el.tagEnd]...)
	m := c.l.memo
	m.mu.RLock()
	errs, ok := m.attrs[string(c.key)]
	m.mu.RUnlock()
	if ok {
		return errs, nil
	}
	ce, err := c.d.Compiled(el.name)
	if err != nil {
		return nil, err
	}
	errs = collectErrors(ce.Attributes.Validate(attributeInstance(el)), nil)
	m.mu.Lock()
	if len(m.attrs) < memoLimit {
		m.attrs[string(c.key)] = errs
	}
	m.mu.Unlock()
	return errs, nil
}

// attributeInstance converts the attributes to the JSON value the schema describes: integer and
// boolean attributes become numbers and booleans when they parse, so that the schema's type,
// range and enum keywords apply; a value that does not parse stays a string and fails "type".
func attributeInstance(el *element) map[string]any {
	inst := make(map[string]any, len(el.attrs))
	for i := range el.attrs {
		a := &el.attrs[i]
		if a.dup || a.ignored {
			continue
		}
		inst[a.name] = typedValue(el.def, a)
	}
	return inst
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
	m := c.l.memo
	key := [2]*schema.Element{parent, child}
	m.mu.RLock()
	ok, found := m.children[key]
	m.mu.RUnlock()
	if found {
		return ok
	}
	ce, err := c.d.Compiled(parent.Name)
	ok = err == nil && ce.Child.Validate(child.Name) == nil
	m.mu.Lock()
	m.children[key] = ok
	m.mu.Unlock()
	return ok
}

// validText reports whether the trimmed text passes the element's text schema.
func (c *checker) validText(el *element, text string) bool {
	ce, err := c.d.Compiled(el.name)
	return err != nil || ce.Text.Validate(text) == nil
}
