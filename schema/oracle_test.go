package schema

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// The linter validates documents through the typed view (Attribute.Accepts, TextRule.Accepts,
// Element.AllowsChild, the attribute names and RequiredAttributes), not through a JSON Schema
// library: see lint/validate.go for why. These tests make github.com/santhosh-tekuri/jsonschema/v6
// the oracle: every element's $defs entry is compiled by it, and the typed view must give the
// same verdict for every attribute over a pool of values built from the whole schema, for the
// attribute object's shape, for every possible child, and for text. TestEntryKeywords makes sure
// the schema uses no keyword the typed view does not read.

// oracleSchemas compiles every element entry of every dialect once per test binary.
var oracleSchemas = sync.OnceValues(func() (map[string]map[string]*jsonschema.Schema, error) {
	all := map[string]map[string]*jsonschema.Schema{}
	for _, name := range Dialects() {
		d, err := Get(name)
		if err != nil {
			return nil, err
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		all[name] = map[string]*jsonschema.Schema{}
		defs := mustParseJSON(d.raw).get("$defs")
		for i, el := range defs.keys {
			url := "vobizctl:///oracle/" + name + "/" + el
			if err := c.AddResource(url, defs.vals[i].toAny()); err != nil {
				return nil, err
			}
			s, err := c.Compile(url)
			if err != nil {
				return nil, err
			}
			all[name][el] = s
		}
	}
	return all, nil
})

func oracleFor(t testing.TB, d *Dialect, el string) *jsonschema.Schema {
	t.Helper()
	all, err := oracleSchemas()
	if err != nil {
		t.Fatal(err)
	}
	return all[d.name][el]
}

// readAs is how the linter reads an XML attribute value before it is validated (Attribute.Type):
// a number for an integer attribute when it parses as one, a boolean for true/false.
func readAs(a *Attribute, v string) any {
	switch a.Type {
	case "integer":
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n
		}
	case "boolean":
		if v == "true" || v == "false" {
			return v == "true"
		}
	}
	return v
}

// valuePool returns values that probe every attribute: each dialect's enums, known values,
// defaults, kind examples, integer bounds and their neighbours, length limits and their
// neighbours, case changes, plus values that commonly break patterns.
func valuePool(d *Dialect) []string {
	pool := []string{"", " ", "0", "1", "-1", "+5", "05", "1.5", "1e3", "0x10", "abc", "true", "false", "TRUE",
		"yes", "auto", "none", "GET", "POST", "get", "en-US", "https://example.com/answer",
		"http://example.com/answer", "https://", "ftp://example.com/x", "wss://example.com/audio",
		"ws://localhost:8080/a", "+14155550100", "14155550100", "+1415555010012345", "+", "sip:alice@example.com",
		"sips:bob@example.com:5061", "alice", "1234w#", "12W*", "12a", "#", "w", "é", "日本語", "a b", "a,b",
		"9223372036854775807", "9223372036854775808", "-9223372036854775809", "https://example.com/a b"}
	for _, k := range d.kinds() {
		pool = append(pool, k.Example, k.Example+" ", strings.ToUpper(k.Example))
	}
	for _, el := range d.Elements() {
		for _, a := range el.Attributes {
			pool = append(pool, a.Default)
			for _, v := range slices.Concat(a.Enum, a.KnownValues) {
				pool = append(pool, v, strings.ToUpper(v), v+"x")
			}
			for _, bound := range []*int64{a.Min, a.Max} {
				if bound != nil {
					pool = append(pool, strconv.FormatInt(*bound-1, 10), strconv.FormatInt(*bound, 10), strconv.FormatInt(*bound+1, 10))
				}
			}
			if a.MaxLength > 0 {
				pool = append(pool, strings.Repeat("a", a.MaxLength), strings.Repeat("é", a.MaxLength), strings.Repeat("é", a.MaxLength+1))
			}
		}
	}
	slices.Sort(pool)
	return slices.Compact(pool)
}

func TestOracleAttributeValues(t *testing.T) {
	eachDialect(t, func(t *testing.T, d *Dialect) {
		pool := valuePool(d)
		checked := 0
		for _, el := range d.Elements() {
			attrs := oracleFor(t, d, el.Name).Properties["attributes"]
			for _, a := range el.Attributes {
				prop := attrs.Properties[a.Name]
				if prop == nil {
					t.Fatalf("%s.%s: no property schema", el.Name, a.Name)
				}
				for _, v := range pool {
					want := prop.Validate(readAs(a, v)) == nil
					if got := a.Accepts(v); got != want {
						t.Errorf("%s.%s accepts %q = %v, JSON Schema says %v", el.Name, a.Name, v, got, want)
					}
					checked++
				}
			}
		}
		if checked < 10000 {
			t.Errorf("only %d attribute values checked", checked)
		}
	})
}

// errorKinds flattens a validation error into the names it reports as missing (required) and
// as not allowed (additionalProperties).
func errorKinds(err error) (missing, extra []string) {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, nil
	}
	switch k := ve.ErrorKind.(type) {
	case *kind.Required:
		missing = append(missing, k.Missing...)
	case *kind.AdditionalProperties:
		extra = append(extra, k.Properties...)
	}
	for _, cause := range ve.Causes {
		m, x := errorKinds(cause)
		missing, extra = append(missing, m...), append(extra, x...)
	}
	slices.Sort(missing)
	slices.Sort(extra)
	return missing, extra
}

// TestOracleAttributeShape checks which attribute names each element defines and requires.
func TestOracleAttributeShape(t *testing.T) {
	eachDialect(t, func(t *testing.T, d *Dialect) {
		for _, el := range d.Elements() {
			attrs := oracleFor(t, d, el.Name).Properties["attributes"]
			missing, _ := errorKinds(attrs.Validate(map[string]any{}))
			if want := slices.Sorted(slices.Values(el.RequiredAttributes())); !slices.Equal(missing, want) {
				t.Errorf("%s: JSON Schema requires %v, typed view %v", el.Name, missing, want)
			}
			inst := map[string]any{"bogus": "1", "Timeout": "1"}
			for _, a := range el.Attributes {
				inst[a.Name] = nil
			}
			if _, extra := errorKinds(attrs.Validate(inst)); !slices.Equal(extra, []string{"Timeout", "bogus"}) {
				t.Errorf("%s: JSON Schema rejects the names %v, want only Timeout and bogus", el.Name, extra)
			}
		}
	})
}

func TestOracleChildren(t *testing.T) {
	eachDialect(t, func(t *testing.T, d *Dialect) {
		candidates := append(d.ElementNames(), "Bogus", "speak", "Say", "GetDigits")
		for _, el := range d.Elements() {
			children := oracleFor(t, d, el.Name).Properties["children"]
			for _, child := range candidates {
				if want, got := children.Validate([]any{child}) == nil, el.AllowsChild(child); got != want {
					t.Errorf("<%s> inside <%s>: typed view says %v, JSON Schema %v", child, el.Name, got, want)
				}
			}
		}
	})
}

func TestOracleText(t *testing.T) {
	eachDialect(t, func(t *testing.T, d *Dialect) {
		var texts []string
		for _, v := range valuePool(d) {
			if v = strings.TrimSpace(v); v != "" {
				texts = append(texts, v, strings.Repeat(v, 200))
			}
		}
		for _, el := range d.Elements() {
			text := oracleFor(t, d, el.Name).Properties["text"]
			for _, v := range texts {
				if want, got := text.Validate(v) == nil, el.Text.Accepts(v); got != want {
					t.Errorf("text %q of <%s>: typed view says %v, JSON Schema %v", clipForTest(v), el.Name, got, want)
				}
			}
		}
	})
}

func clipForTest(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// FuzzAttributeAccepts compares Attribute.Accepts with the JSON Schema verdict on arbitrary
// values of arbitrary attributes. The seed corpus runs as part of go test.
func FuzzAttributeAccepts(f *testing.F) {
	for i, v := range []string{"5", "auto", "https://example.com/x", "+14155550100", "true", "1234w#", "日本語"} {
		f.Add(uint16(i*7), uint16(i), v)
	}
	f.Fuzz(func(t *testing.T, elIndex, attrIndex uint16, v string) {
		names := Dialects()
		d, err := Get(names[int(elIndex)%len(names)])
		if err != nil {
			t.Fatal(err)
		}
		els := d.Elements()
		el := els[int(elIndex)%len(els)]
		if len(el.Attributes) == 0 {
			return
		}
		a := el.Attributes[int(attrIndex)%len(el.Attributes)]
		prop := oracleFor(t, d, el.Name).Properties["attributes"].Properties[a.Name]
		if want, got := prop.Validate(readAs(a, v)) == nil, a.Accepts(v); got != want {
			t.Errorf("%s.%s accepts %q = %v, JSON Schema says %v", el.Name, a.Name, v, got, want)
		}
	})
}
