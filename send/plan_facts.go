package send

import (
	"fmt"
)

// tableBuilder compiles the facts a plan's parameters need, resolving each name in order of
// precedence: the user's setting, a set of the event or a selected var value, the var itself, the
// dialect's fact, the built-in clock fact.
type tableBuilder struct {
	e        *Event
	sets     map[string]template
	user     map[string]string
	vars     map[string]string
	visiting map[string]bool
	t        factTable
}

func (b *tableBuilder) compileParams(defs []ParamDef) ([]planParam, error) {
	out := make([]planParam, 0, len(defs))
	for _, d := range defs {
		t := literal(d.Value)
		if !d.literal {
			var err error
			if t, err = parseTemplate(d.Value); err != nil {
				return nil, fmt.Errorf("event %q: parameter %s: %w", b.e.Name, d.Name, err)
			}
		}
		ct, err := b.compile(t)
		if err != nil {
			return nil, fmt.Errorf("event %q: parameter %s: %w", b.e.Name, d.Name, err)
		}
		out = append(out, planParam{name: d.Name, typ: d.Type, tpl: ct})
	}
	return out, nil
}

func (b *tableBuilder) compile(t template) (compiledTemplate, error) {
	ct := make(compiledTemplate, 0, len(t.segs))
	for _, s := range t.segs {
		if s.fact == "" {
			ct = append(ct, compiledSeg{lit: s.lit, fact: -1})
			continue
		}
		i, err := b.need(s.fact)
		if err != nil {
			return nil, err
		}
		ct = append(ct, compiledSeg{fact: i, json: s.json})
	}
	return ct, nil
}

// need returns the index of fact name, compiling it (and what it depends on) on first use.
func (b *tableBuilder) need(name string) (int, error) {
	if i, ok := b.t.index[name]; ok {
		return i, nil
	}
	if b.visiting[name] {
		return 0, fmt.Errorf("fact {%s} depends on itself", name)
	}
	b.visiting[name] = true
	defer delete(b.visiting, name)
	fn, err := b.define(name)
	if err != nil {
		return 0, err
	}
	i := len(b.t.names)
	b.t.names = append(b.t.names, name)
	b.t.fns = append(b.t.fns, fn)
	b.t.index[name] = i
	return i, nil
}

func (b *tableBuilder) define(name string) (factFn, error) {
	if v, ok := b.user[name]; ok {
		return constFact(v), nil
	}
	if t, ok := b.sets[name]; ok {
		return b.templateFact(t)
	}
	if v, ok := b.vars[name]; ok {
		return constFact(v), nil
	}
	if f, ok := b.e.dialect.Facts[name]; ok {
		return b.dialectFact(f)
	}
	if cf, ok := clockFacts()[name]; ok {
		for _, dep := range cf.deps {
			if _, err := b.need(dep); err != nil {
				return nil, err
			}
		}
		return cf.fn, nil
	}
	return nil, fmt.Errorf("unknown fact {%s}", name)
}

func (b *tableBuilder) dialectFact(f FactDef) (factFn, error) {
	if f.Gen != "" {
		gen, err := parseGen(f.Gen)
		if err != nil {
			return nil, err
		}
		return func(e *evalEnv) string { return gen(e.g) }, nil
	}
	t, err := parseTemplate(f.Value)
	if err != nil {
		return nil, err
	}
	return b.templateFact(t)
}

func (b *tableBuilder) templateFact(t template) (factFn, error) {
	if c, ok := t.constant(); ok {
		return constFact(c), nil
	}
	ct, err := b.compile(t)
	if err != nil {
		return nil, err
	}
	return ct.eval, nil
}

func constFact(v string) factFn { return func(*evalEnv) string { return v } }
