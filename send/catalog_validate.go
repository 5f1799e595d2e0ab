package send

import (
	"errors"
	"fmt"
	"slices"
)

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
	if _, builtin := clockFacts()[name]; builtin {
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
	for name := range clockFacts() {
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
