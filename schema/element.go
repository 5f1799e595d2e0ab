package schema

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Element is the typed, read-only view of one $defs entry. Treat every field as read-only: the
// values are shared by all users of the dialect.
type Element struct {
	Name        string
	Description string
	// Attributes in schema order.
	Attributes []*Attribute
	// Children lists the allowed child element names in schema order.
	Children []string
	// UnconfirmedChildren maps an allowed child to the reason the docs disagree about it.
	UnconfirmedChildren map[string]string
	Text                TextRule
	// Markup maps inline markup tags allowed inside the text (Speak's SSML) to their attributes.
	Markup map[string][]string
	// AttributeHints maps attribute names that do not belong here, but are often written by
	// habit, to advice.
	AttributeHints map[string]AttributeHint

	attrs       map[string]*Attribute
	annotations map[string]string // raw JSON, copied out by Annotation
}

// Attribute returns the attribute called name.
func (e *Element) Attribute(name string) (*Attribute, bool) {
	a, ok := e.attrs[name]
	return a, ok
}

// AttributeNames returns the attribute names in schema order.
func (e *Element) AttributeNames() []string {
	names := make([]string, len(e.Attributes))
	for i, a := range e.Attributes {
		names[i] = a.Name
	}
	return names
}

// RequiredAttributes returns the names of the required attributes in schema order.
func (e *Element) RequiredAttributes() []string {
	var names []string
	for _, a := range e.Attributes {
		if a.Required {
			names = append(names, a.Name)
		}
	}
	return names
}

// AllowsChild reports whether an element called name may appear directly inside e.
func (e *Element) AllowsChild(name string) bool { return slices.Contains(e.Children, name) }

// MarkupTags returns the inline markup tag names, sorted.
func (e *Element) MarkupTags() []string {
	tags := make([]string, 0, len(e.Markup))
	for t := range e.Markup {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	return tags
}

// Annotation returns the raw JSON of an x- keyword on the element's definition (nil if absent).
// Dialect rules use it for data only they understand, such as Speak's voice availability.
func (e *Element) Annotation(key string) json.RawMessage {
	raw, ok := e.annotations[key]
	if !ok {
		return nil
	}
	return json.RawMessage(raw)
}

// TextRule says what text content an element takes.
type TextRule struct {
	// Kind names the value class ("none", "text", "url", "e164", ...); see Dialect.Kind.
	Kind string
	// Required reports whether the element needs non-empty text.
	Required bool
	// Inferred is set when Required is not stated by the vendor but inferred; a finding based on
	// it is at most a warning.
	Inferred string
	// Pattern is the regular expression non-empty text must match ("" for any text).
	Pattern string
	// MinLength is the smallest length of non-empty text in characters (0 for none).
	MinLength int
	// MaxLength is the largest length in characters (-1 for no limit; 0 means no text allowed).
	MaxLength   int
	Description string
}

// AllowsText reports whether the element may contain non-whitespace text.
func (t TextRule) AllowsText() bool { return t.MaxLength != 0 }

// Accepts reports whether trimmed, non-empty text is valid by the rule's length and pattern: the
// verdict of the element's "text" property schema, which the oracle tests check against a JSON
// Schema validator.
func (t TextRule) Accepts(text string) bool {
	n := len([]rune(text))
	if t.MaxLength >= 0 && n > t.MaxLength || n < t.MinLength {
		return false
	}
	return t.Pattern == "" || compiledPattern(t.Pattern).MatchString(text)
}

// AttributeHint is advice for an attribute name that does not belong on an element.
type AttributeHint struct {
	Message string
	// Rename is the attribute to use instead when the change is mechanical ("" if none).
	Rename string
}

// Attribute is the typed view of one attribute.
type Attribute struct {
	Name string
	// Type is "string", "integer" or "boolean": how the XML value is read before validation.
	Type string
	// Kind names the value class of a patterned string ("url", "e164", ...), or "".
	Kind string
	// Enum lists the accepted literal values. For integer attributes and patterned strings they
	// are accepted in addition to the range or pattern (Gather's digitEndTimeout takes 2-10 or
	// "auto"); for other strings they are the only accepted values.
	Enum []string
	// Min and Max bound integer values (nil when unbounded).
	Min, Max *int64
	// Pattern is the regular expression a string value must match ("" for none).
	Pattern string
	// MaxLength bounds the value length in characters (0 for none).
	MaxLength int
	// Default is the platform default written as the XML value, or "" when not documented.
	Default     string
	Description string
	Required    bool
	// KnownValues lists the documented values of an open set: others are accepted with a warning.
	KnownValues []string
	// Unconfirmed is set when the docs disagree whether the attribute exists.
	Unconfirmed string
}

// EnumOnly reports whether only the Enum values are valid.
func (a *Attribute) EnumOnly() bool {
	return len(a.Enum) > 0 && a.Type == "string" && a.Pattern == ""
}

// Accepts reports whether the XML attribute value is valid by the attribute's type, range, enum,
// pattern and length: the verdict of its property schema on the value read as Type (an integer
// attribute's value as a number when it parses as one, a boolean's `true`/`false` as booleans,
// anything else as a string). The linter validates with it; the oracle tests check it against a
// JSON Schema validator on every attribute.
func (a *Attribute) Accepts(value string) bool {
	if slices.Contains(a.Enum, value) {
		return true
	}
	if a.MaxLength > 0 && len([]rune(value)) > a.MaxLength {
		return false
	}
	switch a.Type {
	case "integer":
		n, err := strconv.ParseInt(value, 10, 64)
		return err == nil && (a.Min == nil || n >= *a.Min) && (a.Max == nil || n <= *a.Max)
	case "boolean":
		return value == "true" || value == "false"
	}
	if a.EnumOnly() {
		return false
	}
	return a.Pattern == "" || compiledPattern(a.Pattern).MatchString(value)
}

// Constraint describes the valid values in words, e.g. "an integer from 5 to 60".
func (a *Attribute) Constraint(d *Dialect) string {
	var parts []string
	switch {
	case a.Type == "boolean":
		return "`true` or `false`"
	case a.Type == "integer":
		parts = append(parts, integerRange(a.Min, a.Max))
	case a.Kind != "":
		parts = append(parts, d.Kind(a.Kind).Description)
	case a.Pattern != "":
		parts = append(parts, "a value matching `"+a.Pattern+"`")
	}
	if len(a.Enum) > 0 {
		parts = append(parts, oneOf(a.Enum))
	}
	if len(parts) == 0 {
		parts = append(parts, "any text")
	}
	s := strings.Join(parts, " or ")
	if a.MaxLength > 0 {
		s += " of at most " + strconv.Itoa(a.MaxLength) + " characters"
	}
	return s
}

func integerRange(lo, hi *int64) string {
	switch {
	case lo != nil && hi != nil:
		return "an integer from " + strconv.FormatInt(*lo, 10) + " to " + strconv.FormatInt(*hi, 10)
	case lo != nil && *lo == 1:
		return "a positive integer"
	case lo != nil:
		return "an integer of at least " + strconv.FormatInt(*lo, 10)
	case hi != nil:
		return "an integer of at most " + strconv.FormatInt(*hi, 10)
	}
	return "an integer"
}

func oneOf(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	if len(quoted) == 1 {
		return quoted[0]
	}
	return "one of " + strings.Join(quoted, ", ")
}
