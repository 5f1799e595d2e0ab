package send

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
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
