// Package send builds the webhooks a voice platform sends to an application (from an embedded
// catalog of events, as data), signs and delivers them, checks the reply as the platform would
// (status, content type, size, XML lint, latency budget), and runs bounded load tests.
//
// The catalog has a dialect dimension: each dialect (Vobiz, Voxtelesys) is a directory under events/
// with a dialect.yaml (transport, signing, facts, shared parameter groups) and one file per event.
// Adding a dialect or an event needs no Go change.
package send

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vobizctl/vobizctl/lint"
)

// ReplyKind says what the platform does with the reply to an event, and so which checks apply.
type ReplyKind string

// The reply kinds.
const (
	// ReplyXML: the reply drives the call; it must be XML of the dialect (type, size, lint).
	ReplyXML ReplyKind = "xml"
	// ReplyEmpty: the platform only notifies; it expects an empty root element (e.g. Record with
	// redirect="false" must get an empty <Response>).
	ReplyEmpty ReplyKind = "empty-response"
	// ReplyAck: the reply body is ignored; only a 2xx status counts.
	ReplyAck ReplyKind = "ack"
)

var replyKinds = []ReplyKind{ReplyXML, ReplyEmpty, ReplyAck}

// Duration is a time.Duration written as "2s" in the catalog and in JSON.
type Duration time.Duration

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("invalid duration %q (want e.g. 2s or 500ms)", b)
	}
	*d = Duration(v)
	return nil
}

// String returns the duration as Go writes it ("2s").
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalText writes the duration as a Go duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// Budget is a latency budget: over Warn is a warning, over Fail a failed check (0 = none).
type Budget struct {
	Warn Duration `yaml:"warn" json:"warn,omitempty"`
	Fail Duration `yaml:"fail" json:"fail,omitempty"`
}

// Category groups events in listings.
type Category struct {
	ID    string `yaml:"id" json:"id"`
	Title string `yaml:"title" json:"title"`
}

// Dialect is one platform's way of sending webhooks, with its events.
type Dialect struct {
	Name        string `yaml:"name" json:"name"`
	Title       string `yaml:"title" json:"title"`
	Description string `yaml:"description" json:"description"`
	Source      string `yaml:"source" json:"source"`
	// Encoding is "form" (application/x-www-form-urlencoded) or "json".
	Encoding string `yaml:"encoding" json:"encoding"`
	Method   string `yaml:"method" json:"method"`
	// Signing names the signature scheme family: "vobiz", or "none" when the platform documents
	// no request signature.
	Signing     string `yaml:"signing" json:"signing"`
	SigningNote string `yaml:"signing_note" json:"signing_note"`
	// LintDialect is the lint engine's name for the dialect of XML replies.
	LintDialect string `yaml:"lint_dialect" json:"lint_dialect"`
	// ReplyRoot is the root element of a reply document (used for the empty-reply check).
	ReplyRoot string `yaml:"reply_root" json:"reply_root"`
	// MaxReplyBytes is the largest reply the platform accepts; 0 when none is documented.
	MaxReplyBytes int64 `yaml:"max_reply_bytes" json:"max_reply_bytes,omitempty"`
	// ReplyTypeDocumented says whether the platform documents the reply's content type: without
	// it, a reply that is not application/xml or text/xml is a warning, not a failure.
	ReplyTypeDocumented bool                  `yaml:"reply_type_documented" json:"reply_type_documented"`
	UserAgent           string                `yaml:"user_agent" json:"user_agent,omitempty"`
	TimeFormat          string                `yaml:"time_format" json:"time_format"`
	Budgets             map[ReplyKind]Budget  `yaml:"budgets" json:"budgets"`
	Categories          []Category            `yaml:"categories" json:"categories"`
	Facts               map[string]FactDef    `yaml:"facts" json:"facts"`
	Groups              map[string][]ParamDef `yaml:"groups" json:"-"`
	Events              []*Event              `yaml:"-" json:"-"`
	byName              map[string]*Event
}

// FactDef defines a fact: a value drawn once per request that parameters refer to as {name}.
// Exactly one of Gen (a generator, see generators.go) and Value (a template) is set.
type FactDef struct {
	Gen         string `yaml:"gen" json:"gen,omitempty"`
	Value       string `yaml:"value" json:"value,omitempty"`
	Description string `yaml:"description" json:"description"`
}

// Event is one kind of request the platform sends.
type Event struct {
	Name        string            `yaml:"name" json:"name"`
	Category    string            `yaml:"category" json:"category"`
	Summary     string            `yaml:"summary" json:"summary"`
	Description string            `yaml:"description" json:"description"`
	Reply       ReplyKind         `yaml:"reply" json:"reply"`
	Latency     *Budget           `yaml:"latency" json:"latency,omitempty"`
	Method      string            `yaml:"method" json:"method,omitempty"`
	Encoding    string            `yaml:"encoding" json:"encoding,omitempty"`
	Sources     []string          `yaml:"sources" json:"sources"`
	Vars        []VarDef          `yaml:"vars" json:"vars,omitempty"`
	Set         map[string]string `yaml:"set" json:"set,omitempty"`
	Params      []ParamDef        `yaml:"params" json:"params"`
	dialect     *Dialect
}

// VarDef is a choice the user makes on the command line (--outbound, --action, --redirect, or
// --set name=value): it selects values that set facts, filter parameters and change the reply
// kind. A var without Values takes any text.
type VarDef struct {
	Name        string     `yaml:"name" json:"name"`
	Flag        string     `yaml:"flag" json:"flag,omitempty"`
	Description string     `yaml:"description" json:"description"`
	Default     string     `yaml:"default" json:"default"`
	Values      []VarValue `yaml:"values" json:"values,omitempty"`
}

// VarValue is one allowed value of a var.
type VarValue struct {
	Value       string            `yaml:"value" json:"value"`
	Description string            `yaml:"description" json:"description"`
	Set         map[string]string `yaml:"set" json:"set,omitempty"`
	Reply       ReplyKind         `yaml:"reply" json:"reply,omitempty"`
}

// ParamDef is one parameter of an event, or an include of a dialect group.
type ParamDef struct {
	Include     string     `yaml:"include" json:"include,omitempty"`
	Name        string     `yaml:"name" json:"name"`
	Value       string     `yaml:"value" json:"value"`
	Type        string     `yaml:"type" json:"type,omitempty"`
	When        Conditions `yaml:"when" json:"when,omitempty"`
	Description string     `yaml:"description" json:"description"`
	Source      string     `yaml:"source" json:"source"`
	literal     bool       // a -d value: never parsed for references
}

// Conditions select a parameter: every named var (or constant fact) must have one of the values.
type Conditions map[string]StringList

// StringList is a YAML scalar or sequence of strings.
type StringList []string

// UnmarshalYAML accepts "a" as well as [a, b].
func (l *StringList) UnmarshalYAML(unmarshal func(any) error) error {
	var one string
	if err := unmarshal(&one); err == nil {
		*l = StringList{one}
		return nil
	}
	var many []string
	if err := unmarshal(&many); err != nil {
		return err
	}
	*l = many
	return nil
}

// match reports whether env satisfies every condition.
func (c Conditions) match(env map[string]string) bool {
	for name, values := range c {
		if !slices.Contains(values, env[name]) {
			return false
		}
	}
	return true
}

// Dialect returns the dialect the event belongs to.
func (e *Event) Dialect() *Dialect { return e.dialect }

// Var returns the event's var called name.
func (e *Event) Var(name string) (VarDef, bool) {
	for _, v := range e.Vars {
		if v.Name == name {
			return v, true
		}
	}
	return VarDef{}, false
}

// Budget returns the event's latency budget: its own, else its dialect's for the reply kind.
func (e *Event) Budget(kind ReplyKind) Budget {
	if e.Latency != nil && kind == e.Reply {
		return *e.Latency
	}
	return e.dialect.Budgets[kind]
}

// ValueNames lists a var's allowed values ("" for free text).
func (v VarDef) ValueNames() []string {
	names := make([]string, len(v.Values))
	for i, x := range v.Values {
		names[i] = x.Value
	}
	return names
}

func (v VarDef) value(name string) (VarValue, bool) {
	for _, x := range v.Values {
		if x.Value == name {
			return x, true
		}
	}
	return VarValue{}, false
}

// Event returns the event called name (exact, case-sensitive: "hangup" and "Hangup" differ).
func (d *Dialect) Event(name string) (*Event, bool) {
	e, ok := d.byName[name]
	return e, ok
}

// EventNames lists the dialect's events in listing order.
func (d *Dialect) EventNames() []string {
	names := make([]string, len(d.Events))
	for i, e := range d.Events {
		names[i] = e.Name
	}
	return names
}

// categoryRank orders events by their category's position, then by name.
func (d *Dialect) categoryRank(id string) int {
	for i, c := range d.Categories {
		if c.ID == id {
			return i
		}
	}
	return len(d.Categories)
}

// suggest returns the known names close to name, for "did you mean" hints: names it is a prefix
// of, and names within a small edit distance, closest first.
func suggest(name string, known []string) []string {
	lower := strings.ToLower(name)
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	for _, k := range known {
		kl := strings.ToLower(k)
		d := lint.EditDistance(lower, kl)
		if strings.HasPrefix(kl, lower) && lower != "" {
			d = 0
		}
		if d <= max(2, len(lower)/3) {
			cands = append(cands, cand{k, d})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return a.dist - b.dist })
	out := make([]string, 0, len(cands))
	for _, c := range cands {
		out = append(out, c.name)
	}
	return out
}
