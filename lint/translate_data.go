package lint

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"

	"github.com/vobizctl/vobizctl/schema"
)

// Translation rules are data in the source dialect's schema (docs/schema.md, x-translate): per
// element and target dialect, a list of rules, the first whose `when` attribute is present
// applying; a dialect-level x-translate gives drops common to every element (history). The
// translator itself names no element.
type translateRule struct {
	// When names an attribute that must be present for the rule to apply, or "name=value" for a
	// value it must have ("" always applies).
	When string `json:"when"`
	// Untranslatable, when set, says why an element the rule matches cannot be translated.
	Untranslatable string `json:"untranslatable"`
	// Element is the target element ("": the same name).
	Element string `json:"element"`
	// Rename maps source attribute names to target names.
	Rename map[string]string `json:"rename"`
	// Values maps, per source attribute, source values to target values.
	Values map[string]map[string]string `json:"values"`
	// Drop explains attributes the target lacks; others the target lacks get a general note.
	Drop map[string]string `json:"drop"`
	// Lossless gives, per dropped attribute, the value whose loss changes nothing.
	Lossless map[string]string `json:"lossless"`
	// Add lists attributes to add when absent (and, with If, when that attribute is present).
	Add []translateAdd `json:"add"`
	// TextToAttribute moves the text into this attribute (TextReplace applied); AttributeToText
	// moves this attribute into the text.
	TextToAttribute string            `json:"textToAttribute"`
	TextReplace     map[string]string `json:"textReplace"`
	AttributeToText string            `json:"attributeToText"`
	// Remove deletes the element, which the target does not need.
	Remove bool   `json:"remove"`
	Note   string `json:"note"`
	// Caveats are behaviour differences reported when If is present and Unless does not hold.
	Caveats []translateCaveat `json:"caveats"`
}

type translateAdd struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	If    string `json:"if"`
}

type translateCaveat struct {
	If     string            `json:"if"`
	Unless map[string]string `json:"unless"`
	Note   string            `json:"note"`
}

// translateKey identifies the rules of one element towards one dialect.
type translateKey struct {
	el *schema.Element
	to string
}

// translateCache holds parsed x-translate data; the schemas never change, so neither does it.
var translateCache sync.Map // translateKey → []translateRule, *schema.Dialect+to → translateRule

// elementRules returns an element's rules towards the dialect to (nil when it has none).
func elementRules(el *schema.Element, to string) []translateRule {
	key := translateKey{el, to}
	if r, ok := translateCache.Load(key); ok {
		return r.([]translateRule)
	}
	var all map[string][]translateRule
	_ = decodeStrict(el.Annotation("x-translate"), &all) // TestTranslateData checks every entry
	translateCache.Store(key, all[to])
	return all[to]
}

// dialectDefaults returns the dialect-level drops towards the dialect to.
func dialectDefaults(d *schema.Dialect, to string) translateRule {
	type dkey struct {
		d  *schema.Dialect
		to string
	}
	if r, ok := translateCache.Load(dkey{d, to}); ok {
		return r.(translateRule)
	}
	var all map[string]translateRule
	_ = decodeStrict(d.Annotation("x-translate"), &all)
	translateCache.Store(dkey{d, to}, all[to])
	return all[to]
}

// decodeStrict decodes JSON, rejecting unknown fields (a misspelt key would silently do nothing).
func decodeStrict(raw json.RawMessage, v any) error {
	if raw == nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// pickRule returns the first rule whose When attribute is present, or the implicit rule that
// keeps the name (ok false when the element has rules and none applies).
func pickRule(rules []translateRule, value func(string) (string, bool)) (translateRule, bool) {
	if len(rules) == 0 {
		return translateRule{}, true
	}
	for _, r := range rules {
		name, want, withValue := strings.Cut(r.When, "=")
		v, present := value(name)
		if r.When == "" || present && (!withValue || v == want) {
			return r, true
		}
	}
	return translateRule{}, false
}

// targetName returns the attribute name a source attribute becomes, and false when it has none.
func (r *translateRule) targetName(name string, target *schema.Element) (string, bool) {
	if _, dropped := r.Drop[name]; dropped {
		return "", false
	}
	if n, ok := r.Rename[name]; ok {
		name = n
	}
	_, ok := target.Attribute(name)
	return name, ok
}

// mapValue applies the rule's value map.
func (r *translateRule) mapValue(attr, value string) string {
	if v, ok := r.Values[attr][value]; ok {
		return v
	}
	return value
}
