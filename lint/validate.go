package lint

import (
	"github.com/vobizctl/vobizctl/schema"
)

// valErr is a schema error of an element's attributes, reduced to what the linter needs to map
// it back to the document: which attribute (or which missing/extra names).
type valErr struct {
	kind  byte // 'x' extra attribute, 'r' missing required attribute, 'v' bad value
	names []string
}

// validateAttributes returns the schema errors of el's attributes: names the element's
// attributes object does not define ("additionalProperties": false), required names that are
// missing, and values their property schema rejects.
//
// The checks run through the schema's typed view (schema.Attribute.Accepts and friends), which
// is derived from the same embedded JSON Schema file at run time. The JSON Schema library is
// not linked into the binary: its package initialisation alone (compiling every draft
// meta-schema) takes longer than xmllint needs to check a whole file, and issue 4 asks that
// `vobizctl lint one.xml` be no slower than that. schema's oracle tests validate generated
// attribute sets, values, texts and nestings of every element with
// github.com/santhosh-tekuri/jsonschema/v6 and require the same verdict, so the two cannot drift.
func (c *checker) validateAttributes(el *element) []valErr {
	var errs []valErr
	var extra []string
	for i := range el.attrs {
		a := &el.attrs[i]
		if a.dup || a.ignored {
			continue
		}
		spec, ok := el.def.Attribute(a.name)
		switch {
		case !ok:
			extra = append(extra, a.name)
		case !a.templated && !c.accepts(spec, a.value):
			errs = append(errs, valErr{kind: 'v', names: []string{a.name}})
		}
	}
	if len(extra) > 0 {
		errs = append(errs, valErr{kind: 'x', names: extra})
	}
	if missing := missingRequired(el); len(missing) > 0 {
		errs = append(errs, valErr{kind: 'r', names: missing})
	}
	return errs
}

// acceptKey is a validated value of one attribute, or (spec nil) the text of one element.
type acceptKey struct {
	spec  *schema.Attribute
	el    *schema.Element
	value string
}

// acceptsLimit bounds a worker's cache of pattern verdicts; a full one starts over.
const acceptsLimit = 1 << 10

// accepts is spec.Accepts with a per-worker cache for patterned values: call flows repeat the
// same callback URLs, numbers and room names across documents, and a regular-expression match
// costs about twenty times a map lookup (it was a quarter of the linter's CPU time).
func (c *checker) accepts(spec *schema.Attribute, value string) bool {
	if spec.Pattern == "" || len(value) > maxCachedValue {
		return spec.Accepts(value)
	}
	return c.cachedVerdict(acceptKey{spec: spec, value: value}, func() bool { return spec.Accepts(value) })
}

// cachedVerdict returns the cached verdict for key, computing and keeping it on a miss.
func (c *checker) cachedVerdict(key acceptKey, compute func() bool) bool {
	if ok, found := c.verdicts[key]; found {
		return ok
	}
	ok := compute()
	if len(c.verdicts) >= acceptsLimit {
		clear(c.verdicts)
	}
	c.verdicts[key] = ok
	return ok
}

// maxCachedValue is the longest value whose verdict is cached (URLs included).
const maxCachedValue = 256

// missingRequired returns the required attributes of el's element that el does not carry.
func missingRequired(el *element) []string {
	var missing []string
	for _, spec := range el.def.Attributes {
		if !spec.Required {
			continue
		}
		if a := el.attr(spec.Name); a == nil || a.ignored {
			missing = append(missing, spec.Name)
		}
	}
	return missing
}

// allowsChild reports whether the parent's schema accepts child as a child element.
func (c *checker) allowsChild(parent, child *schema.Element) bool {
	return parent.AllowsChild(child.Name)
}

// validText reports whether the trimmed text passes the element's text schema.
// Texts with a pattern (audio URLs, numbers) are cached like attribute values.
func (c *checker) validText(el *element, text string) bool {
	rule := el.def.Text
	if rule.Pattern == "" || len(text) > maxCachedValue {
		return rule.Accepts(text)
	}
	return c.cachedVerdict(acceptKey{el: el.def, value: text}, func() bool { return rule.Accepts(text) })
}
