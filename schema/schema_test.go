package schema

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func vobiz(t *testing.T) *Dialect { return dialect(t, "vobiz") }

func dialect(t *testing.T, name string) *Dialect {
	t.Helper()
	d, err := Get(name)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// eachDialect runs f for every registered dialect as a subtest.
// mustParseJSON parses a whole schema document, $defs entries included (a Dialect parses them
// on demand).
func mustParseJSON(raw string) *jvalue {
	v, err := parseJSON(raw)
	if err != nil {
		panic(err)
	}
	return v
}

// TestEveryElementParses parses every $defs entry, which a Dialect otherwise does on demand.
func TestEveryElementParses(t *testing.T) {
	eachDialect(t, func(t *testing.T, d *Dialect) {
		els, _, err := d.all()
		if err != nil {
			t.Fatal(err)
		}
		if len(els) != len(d.ElementNames()) || len(els) < 15 {
			t.Errorf("%d elements parsed of %d", len(els), len(d.ElementNames()))
		}
	})
}

// TestLazyEntryMatchesFullParse checks that the lazily delimited $defs entries are exactly the
// entries a full parse finds.
func TestLazyEntryMatchesFullParse(t *testing.T) {
	eachDialect(t, func(t *testing.T, d *Dialect) {
		defs := mustParseJSON(d.raw).get("$defs")
		if !slices.Equal(defs.keys, d.ElementNames()) {
			t.Fatalf("names %v, full parse %v", d.ElementNames(), defs.keys)
		}
		for i, name := range defs.keys {
			if got, want := string(d.entries[name].raw), string(d.raw[defs.vals[i].start:defs.vals[i].end]); got != want {
				t.Errorf("%s: lazy span differs from the full parse", name)
			}
		}
	})
}

func eachDialect(t *testing.T, f func(t *testing.T, d *Dialect)) {
	for _, name := range Dialects() {
		t.Run(name, func(t *testing.T) { f(t, dialect(t, name)) })
	}
}

// TestElementsMatchReference checks the element list and the number of attributes against the
// summary table of reference/vobiz-xml.md §2 (Number adds the unconfirmed timeout of §6).
func TestElementsMatchReference(t *testing.T) {
	want := map[string]int{
		"Response": 0, "Speak": 3, "Play": 1, "Gather": 16, "Dial": 17, "Number": 3, "User": 3,
		"Record": 15, "Hangup": 2, "Redirect": 1, "Wait": 4, "Conference": 20, "PreAnswer": 0,
		"DTMF": 1, "Stream": 9,
	}
	d := vobiz(t)
	got := map[string]int{}
	for _, el := range d.Elements() {
		got[el.Name] = len(el.Attributes)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("elements and attribute counts (-reference +schema):\n%s", diff)
	}
	if d.Root() != "Response" || d.Elements()[0].Name != "Response" {
		t.Errorf("root = %q, first element = %q; want Response", d.Root(), d.Elements()[0].Name)
	}
}

func TestChildrenAndParents(t *testing.T) {
	d := vobiz(t)
	tests := []struct {
		element  string
		children []string
		parents  []string
	}{
		{"Response", []string{"Speak", "Play", "Gather", "Dial", "Record", "Hangup", "Redirect", "Wait", "Conference", "PreAnswer", "DTMF", "Stream"}, nil},
		{"Gather", []string{"Speak", "Play"}, []string{"Response"}},
		{"PreAnswer", []string{"Speak", "Play", "Wait"}, []string{"Response"}},
		{"Dial", []string{"Number", "User", "Record"}, []string{"Response"}},
		{"Speak", nil, []string{"Response", "Gather", "PreAnswer"}},
		{"Wait", nil, []string{"Response", "PreAnswer"}},
		{"Number", nil, []string{"Dial"}},
		{"Record", nil, []string{"Response", "Dial"}},
		{"Redirect", nil, []string{"Response"}},
	}
	for _, tt := range tests {
		el, err := Lookup("vobiz", tt.element)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.children, el.Children); diff != "" {
			t.Errorf("%s children (-want +got):\n%s", tt.element, diff)
		}
		if diff := cmp.Diff(tt.parents, d.Parents(tt.element)); diff != "" {
			t.Errorf("%s parents (-want +got):\n%s", tt.element, diff)
		}
	}
}

func TestAttributeView(t *testing.T) {
	i := func(n int64) *int64 { return &n }
	tests := []struct {
		element, attribute string
		want               Attribute
		constraint         string
	}{
		{"Gather", "action", Attribute{Name: "action", Type: "string", Kind: "url", Pattern: `^https?://\S+$`, Required: true},
			"an absolute URL starting with https:// (http:// is accepted but HTTPS is expected)"},
		{"Gather", "executionTimeout", Attribute{Name: "executionTimeout", Type: "integer", Min: i(5), Max: i(60), Default: "15"},
			"an integer from 5 to 60"},
		{"Gather", "digitEndTimeout", Attribute{Name: "digitEndTimeout", Type: "integer", Min: i(2), Max: i(10), Enum: []string{"auto"}, Default: "auto"},
			"an integer from 2 to 10 or `auto`"},
		{"Speak", "voice", Attribute{Name: "voice", Type: "string", Enum: []string{"WOMAN", "MAN"}, Default: "WOMAN"},
			"one of `WOMAN`, `MAN`"},
		{"Dial", "redirect", Attribute{Name: "redirect", Type: "boolean", Default: "true"}, "`true` or `false`"},
		{"Dial", "dialMusic", Attribute{Name: "dialMusic", Type: "string", Kind: "url", Pattern: `^https?://\S+$`, Enum: []string{"real"}, Default: "real"},
			"an absolute URL starting with https:// (http:// is accepted but HTTPS is expected) or `real`"},
		{"Stream", "extraHeaders", Attribute{Name: "extraHeaders", Type: "string", Kind: "key-value-list", MaxLength: 512,
			Pattern: `^[A-Za-z0-9]+=[A-Za-z0-9]+(,[A-Za-z0-9]+=[A-Za-z0-9]+)*$`},
			"comma-separated name=value pairs, letters and digits only of at most 512 characters"},
		{"Wait", "length", Attribute{Name: "length", Type: "integer", Min: i(1), Default: "1"}, "a positive integer"},
	}
	d := vobiz(t)
	for _, tt := range tests {
		el, _ := d.Element(tt.element)
		got, ok := el.Attribute(tt.attribute)
		if !ok {
			t.Fatalf("%s has no attribute %s", tt.element, tt.attribute)
		}
		trimmed := *got
		trimmed.Description = ""
		if diff := cmp.Diff(tt.want, trimmed); diff != "" {
			t.Errorf("%s.%s (-want +got):\n%s", tt.element, tt.attribute, diff)
		}
		if c := got.Constraint(d); c != tt.constraint {
			t.Errorf("%s.%s constraint = %q, want %q", tt.element, tt.attribute, c, tt.constraint)
		}
	}
}

// TestEveryAttributeDocumented checks that the schema says something for every attribute and
// that every pattern is a valid Go (RE2) expression.
func TestEveryAttributeDocumented(t *testing.T) {
	eachDialect(t, checkAttributesDocumented)
}

func checkAttributesDocumented(t *testing.T, d *Dialect) {
	for _, el := range d.Elements() {
		if el.Description == "" {
			t.Errorf("%s has no description", el.Name)
		}
		for _, a := range el.Attributes {
			if a.Description == "" {
				t.Errorf("%s.%s has no description", el.Name, a.Name)
			}
			if a.Pattern != "" {
				if _, err := regexp.Compile(a.Pattern); err != nil {
					t.Errorf("%s.%s pattern: %v", el.Name, a.Name, err)
				}
			}
			if a.Kind != "" && d.Kind(a.Kind).Description == "" {
				t.Errorf("%s.%s kind %q is not in x-kinds", el.Name, a.Name, a.Kind)
			}
		}
		if d.Kind(el.Text.Kind).Description == "" {
			t.Errorf("%s text kind %q is not in x-kinds", el.Name, el.Text.Kind)
		}
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		element, attribute, value string
		want                      bool
	}{
		{"Gather", "numDigits", "32", true},
		{"Gather", "numDigits", "33", false},
		{"Gather", "numDigits", "ten", false},
		{"Gather", "digitEndTimeout", "auto", true},
		{"Gather", "digitEndTimeout", "11", false},
		{"Gather", "finishOnKey", "", true},
		{"Gather", "finishOnKey", "##", false},
		{"Speak", "voice", "woman", false},
		{"Dial", "callerId", "+14155550100", true},
		{"Dial", "callerId", "+1 415 555 0100", false},
		{"Dial", "dialMusic", "real", true},
		{"Dial", "dialMusic", "https://example.com/ring.xml", true},
		{"Dial", "callerName", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij!", false},
		{"Wait", "silence", "TRUE", false},
	}
	for _, tt := range tests {
		el, _ := Lookup("vobiz", tt.element)
		a, _ := el.Attribute(tt.attribute)
		if got := a.Accepts(tt.value); got != tt.want {
			t.Errorf("%s.%s accepts %q = %v, want %v", tt.element, tt.attribute, tt.value, got, tt.want)
		}
	}
}

func TestLookupErrors(t *testing.T) {
	if _, err := Get("twiml"); err == nil || err.Error() != `unknown dialect "twiml" (want vobiz, voxtelesys)` {
		t.Errorf("Get(twiml) error = %v", err)
	}
	if _, err := Lookup("vobiz", "Say"); err == nil {
		t.Error("Lookup(Say) succeeded")
	}
	if _, err := Get(""); err != nil {
		t.Errorf("Get(\"\") = %v, want the default dialect", err)
	}
}

func TestForeignAndAnnotations(t *testing.T) {
	d := vobiz(t)
	f, ok := d.Foreign("GetDigits")
	if !ok || f.Replacement != "Gather" || !f.Fixable || f.RenameAttributes["timeout"] != "executionTimeout" {
		t.Errorf("GetDigits = %+v", f)
	}
	if _, ok := d.Foreign("Speak"); ok {
		t.Error("Speak is listed as foreign")
	}
	speak, _ := d.Element("Speak")
	var voices map[string][]string
	if err := json.Unmarshal(speak.Annotation("x-voice-availability"), &voices); err != nil || len(voices) != 16 {
		t.Errorf("voice availability: %v, %d languages", err, len(voices))
	}
	lang, _ := speak.Attribute("language")
	for code := range voices {
		if !slices.Contains(lang.KnownValues, code) {
			t.Errorf("voice table language %s is not a known Speak language", code)
		}
	}
	if !slices.Contains(speak.MarkupTags(), "say-as") {
		t.Errorf("Speak markup tags = %v", speak.MarkupTags())
	}
	if d.MaxBytes() != 102400 {
		t.Errorf("MaxBytes = %d", d.MaxBytes())
	}
}

func TestParseJSON(t *testing.T) {
	tests := []struct {
		name, in string
		want     any
		wantErr  bool
	}{
		{"object order kept", `{"b": 1, "a": [true, null, "x\"y"]}`, map[string]any{"b": json.Number("1"), "a": []any{true, nil, `x"y`}}, false},
		{"empty containers", `{"o": {}, "a": []}`, map[string]any{"o": map[string]any{}, "a": []any{}}, false},
		{"trailing data", `{} x`, nil, true},
		{"unterminated", `{"a": "b`, nil, true},
		{"bad literal", `{"a": tru}`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := parseJSON(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, v.toAny()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	v, _ := parseJSON(`{"b": 1, "a": 2}`)
	if diff := cmp.Diff([]string{"b", "a"}, v.keys); diff != "" {
		t.Errorf("key order (-want +got):\n%s", diff)
	}
}

// TestMetaSchema validates every element entry, and the whole document, against the draft
// 2020-12 meta-schema.
func TestMetaSchema(t *testing.T) { eachDialect(t, checkMetaSchema) }

func checkMetaSchema(t *testing.T, d *Dialect) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	doc := mustParseJSON(d.raw)
	for i, name := range doc.get("$defs").keys {
		url := "vobizctl:///test/" + name
		if err := c.AddResource(url, doc.get("$defs").vals[i].toAny()); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Compile(url); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	whole := jsonschema.NewCompiler()
	if err := whole.AddResource("vobizctl:///test/whole.json", doc.toAny()); err != nil {
		t.Fatal(err)
	}
	if _, err := whole.Compile("vobizctl:///test/whole.json"); err != nil {
		t.Errorf("the whole schema document: %v", err)
	}
}

// TestEntryKeywords guards the typed view's validation (element entry by property, attribute
// object by shape and by value, see oracle_test.go): an entry may only combine its three
// properties, an attributes object may only use properties, required and additionalProperties,
// and a value schema only the keywords the typed view reads. A keyword that relates properties
// to each other (if/then, dependentRequired, ...) or a new value keyword (format, multipleOf,
// ...) would otherwise be ignored by the linter.
func TestEntryKeywords(t *testing.T) {
	allowed := func(keys []string, ok ...string) []string {
		var bad []string
		for _, k := range keys {
			if !slices.Contains(ok, k) && !strings.HasPrefix(k, "x-") {
				bad = append(bad, k)
			}
		}
		return bad
	}
	eachDialect(t, func(t *testing.T, d *Dialect) { checkEntryKeywords(t, d, allowed) })
}

func checkEntryKeywords(t *testing.T, d *Dialect, allowed func(keys []string, ok ...string) []string) {
	defs := mustParseJSON(d.raw).get("$defs")
	for i, name := range defs.keys {
		entry := defs.vals[i]
		if bad := allowed(entry.keys, "description", "type", "properties", "additionalProperties"); len(bad) > 0 {
			t.Errorf("%s uses %v", name, bad)
		}
		attrs := entry.get("properties").get("attributes")
		if bad := allowed(attrs.keys, "type", "properties", "required", "additionalProperties"); len(bad) > 0 {
			t.Errorf("%s attributes use %v", name, bad)
		}
		props := attrs.get("properties")
		for j, an := range props.keys {
			checkValueKeywords(t, name+"."+an, props.vals[j], allowed)
		}
		checkValueKeywords(t, name+" text", entry.get("properties").get("text"), allowed)
	}
}

// valueKeywords are the keywords of an attribute or text schema that the typed view reads
// (besides annotations).
var valueKeywords = []string{"type", "enum", "minimum", "maximum", "pattern", "minLength", "maxLength", "anyOf", "default", "description", "examples"}

func checkValueKeywords(t *testing.T, where string, v *jvalue, allowed func(keys []string, ok ...string) []string) {
	if bad := allowed(v.keys, valueKeywords...); len(bad) > 0 {
		t.Errorf("%s uses %v", where, bad)
	}
	if branches := v.get("anyOf"); branches != nil {
		for _, b := range branches.vals {
			if bad := allowed(b.keys, slices.DeleteFunc(slices.Clone(valueKeywords), func(k string) bool { return k == "anyOf" })...); len(bad) > 0 {
				t.Errorf("%s anyOf branch uses %v", where, bad)
			}
		}
	}
}

// TestLazyMembers delimits member values that hide brackets in strings, nest, or are literals.
func TestLazyMembers(t *testing.T) {
	src := `{"$defs": {"a": {"x": "}\"{", "y": [1, {"z": []}]}, "b": 5, "c": "s}", "d": [] }, "k": {"$defs": 1}}`
	p := &jparser{src: src, lazyKey: "$defs"}
	doc, err := p.value()
	if err != nil {
		t.Fatal(err)
	}
	full := mustParseJSON(src)
	defs, want := doc.get("$defs"), full.get("$defs")
	if !slices.Equal(defs.keys, want.keys) {
		t.Fatalf("keys %v, want %v", defs.keys, want.keys)
	}
	for i, k := range defs.keys {
		if defs.vals[i].kind != 'l' {
			t.Errorf("%s parsed eagerly", k)
		}
		if got, w := src[defs.vals[i].start:defs.vals[i].end], src[want.vals[i].start:want.vals[i].end]; got != w {
			t.Errorf("%s = %q, want %q", k, got, w)
		}
	}
	k := doc.get("k")
	if k == nil || k.kind != 'l' {
		t.Fatalf("the top-level object k was parsed eagerly: %+v", k)
	}
	if inner := mustParseJSON(src[k.start:k.end]).get("$defs"); inner == nil || inner.kind != 'n' {
		t.Errorf("a nested $defs was delimited lazily: %+v", inner)
	}
	for _, bad := range []string{`{"$defs": {"a": {"x": 1}`, `{"$defs": {"a": "open}}`, `{"$defs": {"a": ]}}`} {
		p := &jparser{src: bad, lazyKey: "$defs"}
		if _, err := p.value(); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
