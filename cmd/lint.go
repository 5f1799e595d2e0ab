package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/completions"
	"github.com/vobizctl/vobizctl/lint/format"
	"github.com/vobizctl/vobizctl/schema"
)

// lintOptions are the flags of `vobizctl lint`.
type lintOptions struct {
	// Format is the output format; "" picks one from the environment (see autoFormat).
	Format      string
	Template    bool
	Disable     []string
	MaxWarnings int
	Dialect     string
	ListRules   bool
	Fix         bool
	Diff        bool
	Quiet       bool
	// TranslateTo names the dialect to translate the inputs to ("": lint them).
	TranslateTo string
	// Verbose prints the dialect chosen for each document, and why, to stderr.
	Verbose bool
}

const lintLong = `Check Vobiz XML documents against the element schema and the platform's rules: well-formedness,
elements, attributes and their values, nesting, text content, and flow problems such as elements
that never run after <Hangup> or <Redirect>. Every finding has a position, a severity (error,
warning, info) and a stable rule ID; 'vobizctl lint --list-rules' lists the rules.

Inputs are files, directories (every *.xml file below, hidden directories skipped), glob patterns
(quote them; ** matches any number of directories) and - for standard input. Files are linted in
parallel; the output follows the input order.

Output format (--format): pretty on a terminal (colour, source line, underline), text on a pipe
(one gcc-style line per finding), github when GITHUB_ACTIONS=true (workflow annotations, plus
every finding appended to $GITHUB_STEP_SUMMARY as a Markdown table). json, sarif (GitHub code
scanning), junit and checkstyle are for CI tools. Paths are printed as given; sarif and github
name files relative to $GITHUB_WORKSPACE, else the enclosing git work tree, else the current
directory.

Turn rules off with --disable RULE,… or inline comments in the document:
  <!-- vobizctl-disable-next-line RULE -->   the next line
  <!-- vobizctl-disable RULE -->             the rest of the document

--template lints XML templates from application code: {name}, {{ name }}, ${name} and <%= … %>
placeholders count as valid values. --fix repairs mechanical problems in place (Plivo
GetDigits/GetInput to Gather, renamed attributes, wrong letter case, repeated attributes), keeping
every other byte and the file mode, then reports what is left; on standard input it prints the
repaired document to stdout and the findings to stderr. --diff prints the changes --fix would make
as a unified diff without writing anything, and exits 1 when there is a change.

Dialects: Vobiz XML and Voxtelesys VoXML. --dialect auto (the default) picks one per document
from the elements only one dialect has; a <!-- vobizctl-dialect NAME --> comment in the document
or a top-level "dialect:" key in the config file sets it (precedence: the comment, then
--dialect, then the config file, then auto); -v names the dialect of each document and why. --translate-to DIALECT
translates the mechanical parts (Say/Speak, Pause/Wait, renamed attributes and values) from the
--dialect dialect in place like --fix (standard input to stdout; with --diff, show the changes),
and reports what could not be translated; it exits 1 when anything was left untranslated.

Exit codes: 0 no errors and no more warnings than --max-warnings (-1, the default, allows any
number); 1 errors, or too many warnings; 2 usage error (bad flag, unknown rule or dialect);
3 an input could not be read. An unreadable input is reported in the output like a finding and
the other inputs are still linted, but it decides the exit code (3, even when other files have
findings), because the check is incomplete.`

const lintExample = `  vobizctl lint answer.xml
  vobizctl lint flows/ 'templates/**/*.xml' --template
  cat answer.xml | vobizctl lint -
  vobizctl lint flows/ --disable insecure-url,gather-no-fallback --max-warnings 0
  vobizctl lint flows/ --diff            # show what --fix would change
  vobizctl lint flows/ --fix             # repair in place
  vobizctl lint --list-rules
  vobizctl lint -v flows/                # say which dialect each file is linted as, and why

  # Migrate Voxtelesys VoXML to Vobiz XML: preview, then rewrite in place
  vobizctl lint --translate-to vobiz --diff voxml/
  vobizctl lint --translate-to vobiz voxml/
  vobizctl lint --dialect vobiz --translate-to voxtelesys - < answer.xml > answer.voxml

  # CI: SARIF for GitHub code scanning, JUnit for test reports
  vobizctl lint --format sarif flows/ > lint.sarif
  vobizctl lint --format junit flows/ > lint-junit.xml`

func newLintCmd(f *Factory) *cobra.Command {
	opts := &lintOptions{}
	c := &cobra.Command{
		Use:     "lint [path|dir|glob|-]...",
		Short:   "Check Vobiz XML documents for errors",
		Long:    lintLong,
		Example: lintExample,
		GroupID: groupCore,
		Args:    lintArgs(opts),
		RunE: func(c *cobra.Command, args []string) error {
			if err := lintConfigDialect(c, f, opts); err != nil {
				return inCommand(c, err)
			}
			if err := checkLintFlags(c, opts); err != nil {
				return inCommand(c, err)
			}
			return inCommand(c, runLint(c.Context(), f, opts, args))
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Format, "format", "", "output format: "+strings.Join(format.Names(), ", ")+
		" (default pretty on a terminal, text on a pipe, github when GITHUB_ACTIONS=true)")
	fl.BoolVar(&opts.Template, "template", false, "treat {name}, {{ name }}, ${name} and <%= … %> placeholders as valid values")
	fl.StringSliceVar(&opts.Disable, "disable", nil, "turn off rules by ID (comma-separated or repeated)")
	fl.IntVar(&opts.MaxWarnings, "max-warnings", -1, "exit 1 when there are more warnings than this (-1: any number)")
	fl.StringVar(&opts.Dialect, "dialect", dialectAuto, "XML dialect: "+strings.Join(lintDialectValues(), ", ")+" (auto: detected from each document; default: the config file's dialect key, else auto)")
	fl.BoolVar(&opts.ListRules, "list-rules", false, "list the rules (ID, dialect, severity, fixable, description) and exit")
	fl.BoolVar(&opts.Fix, "fix", false, "repair mechanical problems in place, then report what is left")
	fl.BoolVar(&opts.Diff, "diff", false, "print what --fix would change as a unified diff; write nothing")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print errors only (warnings still count for --max-warnings)")
	fl.StringVar(&opts.TranslateTo, "translate-to", "", "translate the documents to this dialect ("+strings.Join(schema.Dialects(), ", ")+
		") in place like --fix (with --diff: show the changes), reporting what could not be translated")
	fl.BoolVarP(&opts.Verbose, "verbose", "v", false, "print the dialect each document is linted as, and why, to stderr")
	registerLintCompletions(c)
	return c
}

func registerLintCompletions(c *cobra.Command) {
	_ = c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(format.Names(), cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("translate-to", cobra.FixedCompletions(schema.Dialects(), cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("dialect", cobra.FixedCompletions(lintDialectValues(), cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("disable", func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return completions.RuleIDs(toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	c.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"xml"}, cobra.ShellCompDirectiveFilterFileExt
	}
}

// lintConfigDialect applies the config file's dialect key when --dialect is not given.
func lintConfigDialect(c *cobra.Command, f *Factory, opts *lintOptions) error {
	name, err := configDialect(c, f, lintDialectValues())
	if name != "" {
		opts.Dialect = name
	}
	return err
}

// lintArgs requires at least one input, except for --list-rules, which takes none.
func lintArgs(opts *lintOptions) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if opts.ListRules {
			if len(args) > 0 {
				return FlagErrorf("--list-rules takes no arguments, got %q", args[0])
			}
			return nil
		}
		if len(args) == 0 {
			return WithHint(FlagErrorf("no input: give files, directories, glob patterns or - for standard input"),
				"try `vobizctl lint .` or `vobizctl lint --help`")
		}
		return nil
	}
}
