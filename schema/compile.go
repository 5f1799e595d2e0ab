package schema

import (
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// CompiledElement holds the compiled validators of one element's $defs entry, one per property:
// Attributes validates the attribute object ({"name": value}, values typed per Attribute.Type),
// Child validates one child element name (an item of "children"), Text validates the trimmed,
// non-empty text content.
//
// An element's entry is an object schema whose only keywords are properties (attributes,
// children, text) and additionalProperties: false, so validating the parts one by one is exactly
// validating the entry, and lets the linter validate and memoise each part on its own.
type CompiledElement struct {
	Attributes *jsonschema.Schema
	Child      *jsonschema.Schema
	Text       *jsonschema.Schema
}

// compiler compiles a dialect's elements on demand. Each element's $defs entry is registered as
// its own resource, so that the first lint of a small document validates (against the draft
// 2020-12 meta-schema) and compiles only the elements it uses. Compiled validators are immutable
// and shared by every goroutine.
type compiler struct {
	mu sync.Mutex // guards c: jsonschema.Compiler is not safe for concurrent use
	c  *jsonschema.Compiler
}

type lazyElement struct {
	once sync.Once
	ce   *CompiledElement
	err  error
}

// resourceBase is where the element entries are registered with the compiler. jsonschema/v6
// validates every schema it loads against the draft meta-schema, except those under
// json-schema.org (its own meta-schemas), and that validation is most of the compile time: about
// 3 ms of a 5 ms start for a typical document. The embedded schema is validated against the
// meta-schema by TestMetaSchema instead, so at run time the entries are registered under that
// prefix to skip it. Should the library change that rule, compiling only gets slower.
const resourceBase = "https://json-schema.org/x-vobizctl/"

// Compiled returns the compiled validators of the element called name. Each element is compiled
// once, on first use.
func (d *Dialect) Compiled(name string) (*CompiledElement, error) {
	l, ok := d.lazy[name]
	if !ok {
		return nil, fmt.Errorf("unknown element %q in dialect %q", name, d.name)
	}
	l.once.Do(func() { l.ce, l.err = d.compileElement(name) })
	return l.ce, l.err
}

func (d *Dialect) compileElement(name string) (*CompiledElement, error) {
	d.comp.mu.Lock()
	defer d.comp.mu.Unlock()
	if d.comp.c == nil {
		d.comp.c = jsonschema.NewCompiler()
		d.comp.c.DefaultDraft(jsonschema.Draft2020)
	}
	url := resourceBase + d.name + "/" + name
	if err := d.comp.c.AddResource(url, d.doc.get("$defs").get(name).toAny()); err != nil {
		return nil, fmt.Errorf("load schema %s, element %s: %w", d.name, name, err)
	}
	// Compile the entry once and take its parts: compiling each part by URL fragment would
	// validate the schema against the meta-schema again for every part.
	root, err := d.comp.c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compile schema %s, element %s: %w", d.name, name, err)
	}
	ce := &CompiledElement{Attributes: root.Properties["attributes"], Text: root.Properties["text"]}
	if children := root.Properties["children"]; children != nil {
		ce.Child = children.Items2020
	}
	if ce.Attributes == nil || ce.Child == nil || ce.Text == nil {
		return nil, fmt.Errorf("schema %s, element %s: want attributes, children.items and text properties", d.name, name)
	}
	return ce, nil
}
