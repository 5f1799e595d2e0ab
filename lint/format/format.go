package format

import (
	"fmt"
	"io"
	"strings"

	"github.com/vobizctl/vobizctl/lint"
)

// Printer writes lint results in one output format. Printers only present findings: they never
// decide exit codes, and they write the same bytes for the same input.
type Printer interface {
	Print(w io.Writer, results []lint.Result) error
}

// Options configures a printer. Every field is optional; each format uses the fields it needs.
type Options struct {
	// Rules describes every rule the linter knows; SARIF lists them as the tool's rules.
	Rules []lint.RuleInfo
	// Root is the repository root. SARIF and GitHub output name files relative to it, so that code
	// scanning and annotations find them; empty means "use file names as given".
	Root string
	// Styler colours the pretty format; nil means PlainStyler.
	Styler Styler
	// ToolVersion is vobizctl's version, written into JSON and SARIF output when not empty.
	ToolVersion string
	// Width is the terminal width the pretty format clips source lines to; 0 or less means
	// DefaultWidth.
	Width int
}

// DefaultWidth is the terminal width assumed when Options.Width is not set.
const DefaultWidth = 80

// ToolName is the tool name written into machine-readable formats.
const ToolName = "vobizctl"

// ToolInformationURI is the tool's home page in SARIF output. The project publishes no other
// address yet, so it is derived from the module path github.com/vobizctl/vobizctl.
const ToolInformationURI = "https://github.com/vobizctl/vobizctl"

// Names returns the valid format names, in the order help text should list them.
func Names() []string {
	return []string{"text", "pretty", "json", "sarif", "junit", "checkstyle", "github"}
}

// New returns the printer for the format called name.
func New(name string, opts Options) (Printer, error) {
	if opts.Styler == nil {
		opts.Styler = PlainStyler{}
	}
	if opts.Width <= 0 {
		opts.Width = DefaultWidth
	}
	switch name {
	case "text":
		return textPrinter{}, nil
	case "pretty":
		return prettyPrinter{opts: opts}, nil
	case "json":
		return jsonPrinter{opts: opts}, nil
	case "sarif":
		return sarifPrinter{opts: opts}, nil
	case "junit":
		return junitPrinter{}, nil
	case "checkstyle":
		return checkstylePrinter{}, nil
	case "github":
		return githubPrinter{opts: opts}, nil
	}
	return nil, fmt.Errorf("unknown format %q (valid: %s)", name, strings.Join(Names(), ", "))
}
