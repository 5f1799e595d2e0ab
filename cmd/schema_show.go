package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/completions"
	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/schema"
)

type schemaShowOptions struct {
	Format  string
	Dialect string
}

func newSchemaShowCmd(f *Factory) *cobra.Command {
	opts := &schemaShowOptions{}
	c := &cobra.Command{
		Use:   "show [element]",
		Short: "List the elements, or show one element's attributes, children and text",
		Long: `Without an argument, list the dialect's elements. With an element name, show its attributes (type,
allowed values, default, whether required, description), the elements it may contain and sit in,
and what text it takes. Names are case-sensitive, as in XML.`,
		Example: `  vobizctl schema show
  vobizctl schema show Gather
  vobizctl schema show Speak --format json`,
		Args: cobra.MaximumNArgs(1),
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completions.ElementNames(opts.Dialect, toComplete), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return runSchemaList(f, opts)
			}
			return inCommand(c, runSchemaShow(f, opts, args[0]))
		},
	}
	addFormatFlag(c, &opts.Format, "text", "json")
	addSchemaDialectFlag(c, &opts.Dialect)
	return c
}

// elementSummary is one row of `schema show --format json` without an element.
type elementSummary struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

type dialectListing struct {
	Dialect  string           `json:"dialect"`
	Title    string           `json:"title"`
	Root     string           `json:"root"`
	Elements []elementSummary `json:"elements"`
}

func runSchemaList(f *Factory, opts *schemaShowOptions) error {
	d, err := schema.Get(opts.Dialect)
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		out := dialectListing{Dialect: d.Name(), Title: d.Title(), Root: d.Root()}
		for _, el := range d.Elements() {
			out.Elements = append(out.Elements, elementSummary{el.Name, el.Description})
		}
		return render.JSON(f.IO.Out, out)
	}
	t := f.Renderer().NewTable("ELEMENT", "DESCRIPTION")
	for _, el := range d.Elements() {
		t.AddRow(el.Name, firstSentence(el.Description))
	}
	return t.Render()
}

func runSchemaShow(f *Factory, opts *schemaShowOptions, name string) error {
	d, err := schema.Get(opts.Dialect)
	if err != nil {
		return err
	}
	el, ok := d.Element(name)
	if !ok {
		return unknownElementError(d, name)
	}
	view := newElementView(d, el)
	if opts.Format == "json" {
		return render.JSON(f.IO.Out, view)
	}
	return printElement(f, view)
}

// unknownElementError is a usage error naming the valid elements, with the right spelling, or
// the replacement of another platform's element, as a hint.
func unknownElementError(d *schema.Dialect, name string) error {
	err := FlagErrorf("unknown element %q in %s: want one of %s", name, d.Title(), strings.Join(d.ElementNames(), ", "))
	if fo, ok := d.Foreign(name); ok {
		hint := fmt.Sprintf("%s is a %s element, not a %s one", name, fo.Origin, d.Title())
		if fo.Replacement != "" {
			hint += fmt.Sprintf("; try `vobizctl schema show %s`", fo.Replacement)
		}
		return WithHint(err, hint)
	}
	for _, n := range d.ElementNames() {
		if strings.EqualFold(n, name) {
			return WithHint(err, fmt.Sprintf("element names are case-sensitive: did you mean `%s`?", n))
		}
	}
	if near := closest(name, d.ElementNames()); near != "" {
		return WithHint(err, fmt.Sprintf("did you mean `%s`?", near))
	}
	return err
}

// firstSentence shortens a description to its first sentence for one-line listings.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
