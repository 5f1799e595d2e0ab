package cmd

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/vobizctl/vobizctl/schema"
)

// elementView is one element as `schema show ELEMENT` prints it; it is also the JSON shape.
type elementView struct {
	Dialect     string          `json:"dialect"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Attributes  []attributeView `json:"attributes"`
	Children    []string        `json:"children"`
	Parents     []string        `json:"parents"`
	Text        textView        `json:"text"`
	Markup      []string        `json:"inlineMarkup,omitempty"`
}

type attributeView struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Kind        string   `json:"kind,omitempty"`
	Allowed     string   `json:"allowed"`
	Enum        []string `json:"enum,omitempty"`
	Min         *int64   `json:"minimum,omitempty"`
	Max         *int64   `json:"maximum,omitempty"`
	Pattern     string   `json:"pattern,omitempty"`
	Default     string   `json:"default,omitempty"`
	Required    bool     `json:"required"`
	Description string   `json:"description"`
	KnownValues []string `json:"knownValues,omitempty"`
	Unconfirmed string   `json:"unconfirmed,omitempty"`
}

type textView struct {
	Kind        string `json:"kind"`
	Required    bool   `json:"required"`
	Pattern     string `json:"pattern,omitempty"`
	Description string `json:"description"`
	Inferred    string `json:"inferred,omitempty"`
}

func newElementView(d *schema.Dialect, el *schema.Element) elementView {
	v := elementView{
		Dialect: d.Name(), Name: el.Name, Description: el.Description,
		Children: nonNil(el.Children), Parents: nonNil(d.Parents(el.Name)),
		Text: textView{Kind: el.Text.Kind, Required: el.Text.Required, Pattern: el.Text.Pattern,
			Description: el.Text.Description, Inferred: el.Text.Inferred},
		Markup: slices.Sorted(maps.Keys(el.Markup)),
	}
	v.Attributes = make([]attributeView, 0, len(el.Attributes))
	for _, a := range el.Attributes {
		v.Attributes = append(v.Attributes, attributeView{
			Name: a.Name, Type: a.Type, Kind: a.Kind, Allowed: a.Constraint(d), Enum: a.Enum,
			Min: a.Min, Max: a.Max, Pattern: a.Pattern, Default: a.Default, Required: a.Required,
			Description: a.Description, KnownValues: a.KnownValues, Unconfirmed: a.Unconfirmed,
		})
	}
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// printElement writes the element for a person: description, one block per attribute (name,
// type and flags; allowed values; description), then children, parents and text. On a
// terminal, descriptions wrap to its width.
func printElement(f *Factory, v elementView) error {
	r := f.Renderer()
	st := r.Styles
	width := 0
	if r.IsTTY {
		width = r.Width
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", st.Bold("<"+v.Name+">"), wrap(v.Description, "", width))
	if len(v.Attributes) > 0 {
		fmt.Fprintf(&b, "\n%s\n", st.Bold("Attributes:"))
	}
	for _, a := range v.Attributes {
		fmt.Fprintf(&b, "  %s  %s\n", st.Path(a.Name), st.Dim(attributeFlags(a)))
		fmt.Fprintf(&b, "%s\n", wrap("allowed: "+a.Allowed, "      ", width))
		if a.Description != "" {
			fmt.Fprintf(&b, "%s\n", wrap(a.Description, "      ", width))
		}
		if a.Unconfirmed != "" {
			fmt.Fprintf(&b, "%s\n", wrap("unconfirmed: "+a.Unconfirmed, "      ", width))
		}
	}
	fmt.Fprintf(&b, "\n%s %s\n", st.Bold("Children:"), listOrNone(v.Children))
	fmt.Fprintf(&b, "%s %s\n", st.Bold("Parents:"), listOrNone(v.Parents))
	fmt.Fprintf(&b, "%s %s\n", st.Bold("Text:"), textSummary(v.Text))
	if len(v.Markup) > 0 {
		fmt.Fprintf(&b, "%s %s\n", st.Bold("Inline markup:"), strings.Join(v.Markup, ", "))
	}
	_, err := io.WriteString(r.Out, b.String())
	return err
}

// attributeFlags is the line after an attribute's name: "integer, default 15", "string (url), required".
func attributeFlags(a attributeView) string {
	parts := []string{a.Type}
	if a.Kind != "" {
		parts[0] += " (" + a.Kind + ")"
	}
	if a.Required {
		parts = append(parts, "required")
	}
	if a.Default != "" {
		parts = append(parts, "default "+a.Default)
	}
	return strings.Join(parts, ", ")
}

func textSummary(t textView) string {
	s := t.Description
	switch {
	case t.Kind == "none":
	case t.Required && t.Inferred != "":
		s += " (required, inferred: " + t.Inferred + ")"
	case t.Required:
		s += " (required)"
	default:
		s += " (optional)"
	}
	return s
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// wrap breaks s into lines of at most width characters, each starting with indent; width 0
// means one line.
func wrap(s, indent string, width int) string {
	words := strings.Fields(s)
	if width <= len(indent)+20 {
		return indent + strings.Join(words, " ")
	}
	var b strings.Builder
	line := 0
	for _, w := range words {
		n := len([]rune(w))
		switch {
		case line == 0:
			b.WriteString(indent + w)
			line = len(indent) + n
		case line+1+n > width:
			b.WriteString("\n" + indent + w)
			line = len(indent) + n
		default:
			b.WriteString(" " + w)
			line += 1 + n
		}
	}
	return b.String()
}
