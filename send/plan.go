package send

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// Setting is a value the user chose for a var or a fact (--action, --from, --set name=value …).
type Setting struct {
	Name  string
	Value string
	// Flag is how the user spelled it, for messages ("--action", "--set duration").
	Flag string
	// Optional settings are dropped silently when the event has no use for them (e.g. the
	// profile's auth ID, or the input type implied by --digits).
	Optional bool
}

// PlanOptions selects an event and the user's choices for it.
type PlanOptions struct {
	Dialect  string
	Event    string
	Settings []Setting
	// Data replaces or adds parameters (-d Key=Value), taken literally.
	Data []Param
	// Method overrides the event's HTTP method ("GET" or "POST").
	Method string
}

// Plan is an event with every choice made: the parameters to send and how to compute their
// values. A plan is immutable and safe for concurrent use; each request draws fresh values from
// its own Generator.
type Plan struct {
	Event    *Event
	Dialect  *Dialect
	Vars     map[string]string
	Method   string
	Encoding string
	Reply    ReplyKind
	Budget   Budget
	params   []planParam
	facts    factTable
}

type planParam struct {
	name, typ string
	tpl       compiledTemplate
}

// UnknownEventError names an event that is not in the catalog.
type UnknownEventError struct {
	Dialect, Name string
	Suggestions   []string
}

func (e *UnknownEventError) Error() string {
	return fmt.Sprintf("unknown %s event %q", e.Dialect, e.Name)
}

// Hint suggests close names or the listing command.
func (e *UnknownEventError) Hint() string {
	if len(e.Suggestions) > 0 {
		return "did you mean " + strings.Join(e.Suggestions, " or ") + "? (`vobizctl send --list` shows every event)"
	}
	return "run `vobizctl send --list` to see every event"
}

// Plan resolves an event and the user's choices into a Plan.
func (c *Catalog) Plan(opts PlanOptions) (*Plan, error) {
	d, err := c.Dialect(opts.Dialect)
	if err != nil {
		return nil, err
	}
	e, ok := d.Event(opts.Event)
	if !ok {
		return nil, &UnknownEventError{Dialect: d.Name, Name: opts.Event, Suggestions: suggest(opts.Event, d.EventNames())}
	}
	vars, user, err := e.resolveVars(opts.Settings)
	if err != nil {
		return nil, err
	}
	env, sets := e.planEnv(vars, user)
	p := &Plan{Event: e, Dialect: d, Vars: vars, Reply: e.replyKind(vars)}
	p.Budget = e.Budget(p.Reply)
	if p.Method, err = e.method(opts.Method); err != nil {
		return nil, err
	}
	p.Encoding = cmpOr(e.Encoding, d.Encoding)
	defs, err := e.activeParams(env, opts.Data)
	if err != nil {
		return nil, err
	}
	b := &tableBuilder{e: e, sets: sets, user: user, vars: vars, visiting: map[string]bool{}}
	b.t.index = map[string]int{}
	if p.params, err = b.compileParams(defs); err != nil {
		return nil, err
	}
	p.facts = b.t
	return p, checkSettingsUsed(e, opts.Settings, vars, &b.t)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (e *Event) method(override string) (string, error) {
	m := strings.ToUpper(cmpOr(override, cmpOr(e.Method, e.dialect.Method)))
	if m != "GET" && m != "POST" {
		return "", fmt.Errorf("invalid method %q (want GET or POST)", override)
	}
	return m, nil
}

// resolveVars returns the var values (defaults, then the user's) and the user's settings by name.
func (e *Event) resolveVars(settings []Setting) (vars, user map[string]string, err error) {
	vars, user = map[string]string{}, map[string]string{}
	for _, v := range e.Vars {
		vars[v.Name] = v.Default
	}
	for _, s := range settings {
		v, isVar := e.Var(s.Name)
		if isVar && len(v.Values) > 0 && !slices.Contains(v.ValueNames(), s.Value) {
			if s.Optional {
				continue
			}
			return nil, nil, fmt.Errorf("invalid %s %q for event %q (want one of %s)",
				s.Flag, s.Value, e.Name, strings.Join(v.ValueNames(), ", "))
		}
		if isVar {
			vars[s.Name] = s.Value
		}
		user[s.Name] = s.Value
	}
	return vars, user, nil
}

// planEnv applies the event's and the selected values' sets (later vars win; the user's settings
// win over all) and returns the constant names `when` can test plus the template sets.
func (e *Event) planEnv(vars, user map[string]string) (env map[string]string, sets map[string]template) {
	raw := maps.Clone(e.Set)
	if raw == nil {
		raw = map[string]string{}
	}
	for _, v := range e.Vars {
		val, _ := v.value(vars[v.Name])
		maps.Copy(raw, val.Set)
	}
	env, sets = map[string]string{}, map[string]template{}
	for name, f := range e.dialect.Facts {
		if t, err := parseTemplate(f.Value); err == nil && f.Gen == "" {
			if c, ok := t.constant(); ok {
				env[name] = c
			}
		}
	}
	maps.Copy(env, vars)
	for name, s := range raw {
		if _, mine := user[name]; mine {
			continue
		}
		t, _ := parseTemplate(s) // validated when the catalog was loaded
		sets[name] = t
		if c, ok := t.constant(); ok {
			env[name] = c
			if _, isVar := vars[name]; isVar {
				vars[name] = c
			}
		}
	}
	maps.Copy(env, user) // --set direction=outbound selects the outbound-only parameters too
	return env, sets
}

// replyKind is the event's reply kind unless a selected var value changes it.
func (e *Event) replyKind(vars map[string]string) ReplyKind {
	kind := e.Reply
	for _, v := range e.Vars {
		if val, ok := v.value(vars[v.Name]); ok && val.Reply != "" {
			kind = val.Reply
		}
	}
	return kind
}

// activeParams returns the parameters whose conditions hold, with -d data applied, sorted by name
// (byte order: the reference does not say in which order Vobiz sends them).
func (e *Event) activeParams(env map[string]string, data []Param) ([]ParamDef, error) {
	all, err := e.expandParams()
	if err != nil {
		return nil, err
	}
	var out []ParamDef
	seen := map[string]bool{}
	for _, p := range all {
		for name := range p.When {
			if _, ok := env[name]; !ok {
				return nil, fmt.Errorf("event %q: parameter %s has a condition on %q, which is neither a var nor a constant fact", e.Name, p.Name, name)
			}
		}
		if !p.When.match(env) {
			continue
		}
		if seen[p.Name] {
			return nil, fmt.Errorf("event %q: parameter %s is defined twice", e.Name, p.Name)
		}
		seen[p.Name] = true
		out = append(out, p)
	}
	out = applyData(out, data)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// applyData replaces the value of a parameter named in data, or adds it. Data values are literal:
// never parsed for {fact} references.
func applyData(params []ParamDef, data []Param) []ParamDef {
	for _, d := range data {
		i := slices.IndexFunc(params, func(p ParamDef) bool { return p.Name == d.Name })
		if i >= 0 {
			params[i].Value, params[i].literal = d.Value, true
			continue
		}
		params = append(params, ParamDef{Name: d.Name, Value: d.Value, Description: "added with -d", Source: "command line", literal: true})
	}
	return params
}

// checkSettingsUsed rejects a setting that changes nothing in this event.
func checkSettingsUsed(e *Event, settings []Setting, vars map[string]string, t *factTable) error {
	for _, s := range settings {
		_, isVar := vars[s.Name]
		_, used := t.index[s.Name]
		if isVar || used || s.Optional {
			continue
		}
		return fmt.Errorf("%s has no effect on event %q: it sends no parameter that uses %s", s.Flag, e.Name, s.Name)
	}
	return nil
}
