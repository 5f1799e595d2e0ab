package send

import (
	"fmt"
	"sort"
)

// EventInfo describes an event for `send <event> --describe`: every parameter (including those
// only some variants send), the facts their values come from, and the sources.
type EventInfo struct {
	Dialect     string     `json:"dialect"`
	Name        string     `json:"name"`
	Category    string     `json:"category"`
	Summary     string     `json:"summary"`
	Description string     `json:"description"`
	Reply       ReplyKind  `json:"reply"`
	Latency     Budget     `json:"latency_budget"`
	Method      string     `json:"method"`
	Encoding    string     `json:"encoding"`
	Signing     string     `json:"signing"`
	SigningNote string     `json:"signing_note"`
	Vars        []VarDef   `json:"vars"`
	Params      []ParamDef `json:"params"`
	Facts       []FactInfo `json:"facts"`
	Sources     []string   `json:"sources"`
	// Example is one request's parameters with the default choices.
	Example []Param `json:"example"`
}

// FactInfo says where a fact's value comes from.
type FactInfo struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Default is the dialect's generator or template, or "built in" for the clock facts.
	Default string `json:"default,omitempty"`
	// SetBy lists the event's and its variants' assignments, e.g. "action=busy: USER_BUSY".
	SetBy []string `json:"set_by,omitempty"`
}

// Describe returns the event's description; g draws the example values.
func (c *Catalog) Describe(dialect, event string, g *Generator) (EventInfo, error) {
	p, err := c.Plan(PlanOptions{Dialect: dialect, Event: event})
	if err != nil {
		return EventInfo{}, err
	}
	e, d := p.Event, p.Dialect
	params, err := e.expandParams()
	if err != nil {
		return EventInfo{}, err
	}
	info := EventInfo{
		Dialect: d.Name, Name: e.Name, Category: e.Category, Summary: e.Summary, Description: e.Description,
		Reply: e.Reply, Latency: e.Budget(e.Reply), Method: p.Method, Encoding: p.Encoding,
		Signing: d.Signing, SigningNote: d.SigningNote, Vars: e.Vars, Params: params,
		Sources: e.Sources, Example: p.Values(g),
	}
	if info.Vars == nil {
		info.Vars = []VarDef{}
	}
	info.Facts = e.factInfos(params)
	return info, nil
}

// factInfos lists the facts the parameters refer to, directly or through other facts.
func (e *Event) factInfos(params []ParamDef) []FactInfo {
	seen := map[string]bool{}
	var queue []string
	push := func(value string) {
		t, _ := parseTemplate(value)
		for _, name := range t.refs() {
			if !seen[name] {
				seen[name] = true
				queue = append(queue, name)
			}
		}
	}
	for _, p := range params {
		push(p.Value)
	}
	var out []FactInfo
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		fi := e.factInfo(name)
		for _, v := range e.assignments(name) {
			push(v)
		}
		if f, ok := e.dialect.Facts[name]; ok && f.Value != "" {
			push(f.Value)
		}
		for _, dep := range clockFacts()[name].deps {
			push("{" + dep + "}")
		}
		out = append(out, fi)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (e *Event) factInfo(name string) FactInfo {
	fi := FactInfo{Name: name}
	if f, ok := e.dialect.Facts[name]; ok {
		fi.Description = f.Description
		fi.Default = f.Value
		if f.Gen != "" {
			fi.Default = "gen " + f.Gen
		}
	} else if cf, ok := clockFacts()[name]; ok {
		fi.Description, fi.Default = cf.description, "built in"
	}
	if v, ok := e.Var(name); ok {
		fi.Description = fmt.Sprintf("var: %s (default %q)", v.Description, v.Default)
	}
	if s, ok := e.Set[name]; ok {
		fi.SetBy = append(fi.SetBy, fmt.Sprintf("event: %q", s))
	}
	for _, v := range e.Vars {
		for _, x := range v.Values {
			if s, ok := x.Set[name]; ok {
				fi.SetBy = append(fi.SetBy, fmt.Sprintf("%s=%s: %q", v.Name, x.Value, s))
			}
		}
	}
	return fi
}

// assignments returns every value the event or its variants assign to name.
func (e *Event) assignments(name string) []string {
	var out []string
	if s, ok := e.Set[name]; ok {
		out = append(out, s)
	}
	for _, v := range e.Vars {
		for _, x := range v.Values {
			if s, ok := x.Set[name]; ok {
				out = append(out, s)
			}
		}
	}
	return out
}
