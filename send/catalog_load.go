package send

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed events
var eventsFS embed.FS

// Catalog holds every dialect and its events.
type Catalog struct {
	dialects []*Dialect
}

var loadDefault = sync.OnceValues(func() (*Catalog, error) { return LoadCatalog(eventsFS, "events") })

// DefaultCatalog returns the embedded catalog (parsed once).
func DefaultCatalog() (*Catalog, error) { return loadDefault() }

// Dialects lists the dialects by name.
func (c *Catalog) Dialects() []*Dialect { return c.dialects }

// DialectNames lists the dialect names.
func (c *Catalog) DialectNames() []string {
	names := make([]string, len(c.dialects))
	for i, d := range c.dialects {
		names[i] = d.Name
	}
	return names
}

// Dialect returns the dialect called name, or an error naming the valid set.
func (c *Catalog) Dialect(name string) (*Dialect, error) {
	for _, d := range c.dialects {
		if d.Name == name {
			return d, nil
		}
	}
	return nil, fmt.Errorf("unknown dialect %q (want one of %s)", name, strings.Join(c.DialectNames(), ", "))
}

// LoadCatalog reads every dialect directory under root in fsys and validates it.
func LoadCatalog(fsys fs.FS, root string) (*Catalog, error) {
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		return nil, err
	}
	c := &Catalog{}
	for _, ent := range entries {
		if !ent.IsDir() {
			continue
		}
		d, err := loadDialect(fsys, path.Join(root, ent.Name()))
		if err != nil {
			return nil, err
		}
		if d.Name != ent.Name() {
			return nil, fmt.Errorf("%s: dialect name %q must match its directory", root, d.Name)
		}
		c.dialects = append(c.dialects, d)
	}
	if len(c.dialects) == 0 {
		return nil, fmt.Errorf("%s: no dialects", root)
	}
	return c, nil
}

func loadDialect(fsys fs.FS, dir string) (*Dialect, error) {
	d := &Dialect{}
	if err := decodeFile(fsys, path.Join(dir, "dialect.yaml"), d); err != nil {
		return nil, err
	}
	if err := d.validate(); err != nil {
		return nil, fmt.Errorf("%s/dialect.yaml: %w", dir, err)
	}
	files, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	d.byName = map[string]*Event{}
	for _, f := range files {
		if path.Base(f) == "dialect.yaml" {
			continue
		}
		e := &Event{dialect: d}
		if err := decodeFile(fsys, f, e); err != nil {
			return nil, err
		}
		if err := d.addEvent(e); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
	}
	sort.SliceStable(d.Events, func(i, j int) bool {
		ri, rj := d.categoryRank(d.Events[i].Category), d.categoryRank(d.Events[j].Category)
		if ri != rj {
			return ri < rj
		}
		return d.Events[i].Name < d.Events[j].Name
	})
	return d, nil
}

// decodeFile decodes one YAML file strictly: an unknown key is an error, so a typo in the
// catalog cannot silently drop a parameter.
func decodeFile(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func (d *Dialect) addEvent(e *Event) error {
	if e.Name == "" {
		return errors.New("event without a name")
	}
	if _, dup := d.byName[e.Name]; dup {
		return fmt.Errorf("event %q defined twice", e.Name)
	}
	if err := e.validate(); err != nil {
		return fmt.Errorf("event %q: %w", e.Name, err)
	}
	d.byName[e.Name] = e
	d.Events = append(d.Events, e)
	return nil
}

func (d *Dialect) validate() error {
	switch {
	case d.Name == "":
		return errors.New("missing name")
	case d.Encoding != "form" && d.Encoding != "json":
		return fmt.Errorf("encoding %q (want form or json)", d.Encoding)
	case d.Method != "GET" && d.Method != "POST":
		return fmt.Errorf("method %q (want GET or POST)", d.Method)
	case d.Signing != "vobiz" && d.Signing != "none":
		return fmt.Errorf("signing %q (want vobiz or none)", d.Signing)
	case d.TimeFormat == "":
		return errors.New("missing time_format")
	}
	for name, f := range d.Facts {
		if err := validateFact(name, f); err != nil {
			return err
		}
	}
	for name, group := range d.Groups {
		for _, p := range group {
			if err := d.validateParam(p, nil); err != nil {
				return fmt.Errorf("group %q: %w", name, err)
			}
		}
	}
	return nil
}

func validateFact(name string, f FactDef) error {
	if !isFactName(name) {
		return fmt.Errorf("fact %q: names are lower_snake_case", name)
	}
	if _, builtin := clockFacts[name]; builtin {
		return fmt.Errorf("fact %q is built in and cannot be redefined", name)
	}
	if f.Gen != "" && f.Value != "" {
		return fmt.Errorf("fact %q: set gen or value, not both", name)
	}
	if f.Gen != "" {
		if _, err := parseGen(f.Gen); err != nil {
			return fmt.Errorf("fact %q: %w", name, err)
		}
		return nil
	}
	_, err := parseTemplate(f.Value)
	return err
}

// knownFacts are the names an event's templates may refer to: the dialect's facts, the built-in
// clock facts, the event's vars and every name a set assigns.
func (e *Event) knownFacts() map[string]bool {
	known := map[string]bool{}
	for name := range e.dialect.Facts {
		known[name] = true
	}
	for name := range clockFacts {
		known[name] = true
	}
	for name := range e.Set {
		known[name] = true
	}
	for _, v := range e.Vars {
		known[v.Name] = true
		for _, x := range v.Values {
			for name := range x.Set {
				known[name] = true
			}
		}
	}
	return known
}

func (e *Event) validate() error {
	if err := e.validateHeader(); err != nil {
		return err
	}
	known := e.knownFacts()
	for k, v := range e.Set {
		if err := checkRefs(v, known); err != nil {
			return fmt.Errorf("set %s: %w", k, err)
		}
	}
	for _, v := range e.Vars {
		if err := validateVar(v, known); err != nil {
			return err
		}
	}
	params, err := e.expandParams()
	if err != nil {
		return err
	}
	for _, p := range params {
		if err := e.dialect.validateParam(p, known); err != nil {
			return err
		}
	}
	return nil
}

func (e *Event) validateHeader() error {
	d := e.dialect
	switch {
	case e.Summary == "" || e.Description == "" || len(e.Sources) == 0:
		return errors.New("summary, description and sources are required")
	case !slices.Contains(replyKinds, e.Reply):
		return fmt.Errorf("reply %q (want xml, empty-response or ack)", e.Reply)
	case d.categoryRank(e.Category) == len(d.Categories):
		return fmt.Errorf("unknown category %q", e.Category)
	case e.Method != "" && e.Method != "GET" && e.Method != "POST":
		return fmt.Errorf("method %q (want GET or POST)", e.Method)
	case e.Encoding != "" && e.Encoding != "form" && e.Encoding != "json":
		return fmt.Errorf("encoding %q (want form or json)", e.Encoding)
	}
	return nil
}

func validateVar(v VarDef, known map[string]bool) error {
	if !isFactName(v.Name) {
		return fmt.Errorf("var %q: names are lower_snake_case", v.Name)
	}
	if len(v.Values) > 0 && !slices.Contains(v.ValueNames(), v.Default) {
		return fmt.Errorf("var %q: default %q is not one of its values", v.Name, v.Default)
	}
	for _, x := range v.Values {
		if x.Reply != "" && !slices.Contains(replyKinds, x.Reply) {
			return fmt.Errorf("var %q value %q: reply %q (want xml, empty-response or ack)", v.Name, x.Value, x.Reply)
		}
		for k, s := range x.Set {
			if err := checkRefs(s, known); err != nil {
				return fmt.Errorf("var %q value %q: set %s: %w", v.Name, x.Value, k, err)
			}
		}
	}
	return nil
}

// expandParams replaces includes by their dialect group.
func (e *Event) expandParams() ([]ParamDef, error) {
	var out []ParamDef
	for _, p := range e.Params {
		if p.Include == "" {
			out = append(out, p)
			continue
		}
		group, ok := e.dialect.Groups[p.Include]
		if !ok {
			return nil, fmt.Errorf("include of unknown group %q", p.Include)
		}
		out = append(out, group...)
	}
	return out, nil
}

var paramTypes = []string{"", "string", "number", "bool", "json"}

// validateParam checks a parameter; with known == nil (a group) references are checked per event.
func (d *Dialect) validateParam(p ParamDef, known map[string]bool) error {
	if p.Name == "" || p.Description == "" || p.Source == "" {
		return fmt.Errorf("parameter %q: name, description and source are required", p.Name)
	}
	if !slices.Contains(paramTypes, p.Type) {
		return fmt.Errorf("parameter %q: type %q (want string, number, bool or json)", p.Name, p.Type)
	}
	if known == nil {
		_, err := parseTemplate(p.Value)
		return err
	}
	if err := checkRefs(p.Value, known); err != nil {
		return fmt.Errorf("parameter %q: %w", p.Name, err)
	}
	return nil
}

func checkRefs(value string, known map[string]bool) error {
	t, err := parseTemplate(value)
	if err != nil {
		return err
	}
	for _, name := range t.refs() {
		if !known[name] {
			return fmt.Errorf("unknown fact {%s}", name)
		}
	}
	return nil
}
