package cmd

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/schema"
)

func newSchemaCmd(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "schema <command>",
		Short: "Show and export the Vobiz XML element schema",
		Long: `The element schema is what 'vobizctl lint' checks against: every element, its attributes with
their types, allowed values and defaults, its children and its text. Show it here, or export it as
JSON Schema or as an XSD for XML editors (VS Code, IntelliJ) and xmllint.`,
		Example: `  vobizctl schema show
  vobizctl schema show Gather
  vobizctl schema export --format xsd --output vobiz.xsd`,
		GroupID: groupCore,
		Args:    cobra.NoArgs,
	}
	c.AddCommand(newSchemaShowCmd(f), newSchemaExportCmd(f))
	return c
}

// addSchemaDialectFlag adds --dialect with the known dialects, checked before RunE (exit 2).
func addSchemaDialectFlag(c *cobra.Command, target *string) {
	c.Flags().StringVar(target, "dialect", schema.DefaultDialect, "XML dialect: "+strings.Join(schema.Dialects(), ", "))
	_ = c.RegisterFlagCompletionFunc("dialect", cobra.FixedCompletions(schema.Dialects(), cobra.ShellCompDirectiveNoFileComp))
	prev := c.PreRunE
	c.PreRunE = func(c *cobra.Command, args []string) error {
		*target = strings.ToLower(*target)
		if !slices.Contains(schema.Dialects(), *target) {
			return FlagErrorf("invalid --dialect %q: want one of %s", *target, strings.Join(schema.Dialects(), ", "))
		}
		if prev != nil {
			return prev(c, args)
		}
		return nil
	}
}

type schemaExportOptions struct {
	Format  string
	Dialect string
	Output  string
}

func newSchemaExportCmd(f *Factory) *cobra.Command {
	opts := &schemaExportOptions{}
	c := &cobra.Command{
		Use:   "export",
		Short: "Export the element schema as JSON Schema or XSD",
		Long: `Export the element schema. json-schema is the embedded JSON Schema (draft 2020-12), the single
source of truth. xsd is an XML Schema generated from it for XML editors and xmllint: attribute
types, allowed values, ranges, patterns and documentation (hover text). The rules a schema cannot
express (unreachable elements, voice availability, …) stay with 'vobizctl lint'.

Wire the XSD into an editor with the xsi:noNamespaceSchemaLocation attribute on <Response>, or by
file pattern (VS Code: xml.fileAssociations of the Red Hat XML extension); see docs/lint.md.`,
		Example: `  vobizctl schema export --format xsd --output vobiz.xsd
  vobizctl schema export --format json-schema > vobiz.schema.json
  xmllint --noout --schema vobiz.xsd answer.xml`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runSchemaExport(f, opts) },
	}
	addFormatFlag(c, &opts.Format, "json-schema", "xsd")
	addSchemaDialectFlag(c, &opts.Dialect)
	c.Flags().StringVarP(&opts.Output, "output", "o", "", "write to FILE instead of standard output")
	return c
}

func runSchemaExport(f *Factory, opts *schemaExportOptions) error {
	export := schema.ExportJSONSchema
	if opts.Format == "xsd" {
		export = schema.ExportXSD
	}
	data, err := export(opts.Dialect)
	if err != nil {
		return err
	}
	if opts.Output == "" || opts.Output == "-" {
		_, err = f.IO.Out.Write(data)
		return err
	}
	return writeFileAtomic(opts.Output, data, 0o644)
}
