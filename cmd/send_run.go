package cmd

import (
	"errors"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/lint"
	"github.com/vobizctl/vobizctl/send"
	"github.com/vobizctl/vobizctl/signature"
)

func runSend(c *cobra.Command, f *Factory, opts *sendOptions) error {
	catalog, err := send.DefaultCatalog()
	if err != nil {
		return err
	}
	dialect, err := catalog.Dialect(opts.Dialect)
	if err != nil {
		return &FlagError{Err: err}
	}
	switch {
	case opts.List:
		return printEventList(f, dialect, opts.Format)
	case opts.Describe:
		return describeEvent(f, dialect, opts)
	}
	job, err := prepareSend(f, catalog, dialect, opts)
	if err != nil {
		return err
	}
	if opts.loadMode() {
		return runLoad(c, f, opts, job)
	}
	return runSendOnce(c, f, opts, job)
}

// sendJob is everything a send or a load run needs.
type sendJob struct {
	plan   *send.Plan
	target send.Target
	signer send.Signer
	header http.Header
	client *http.Client
	linter send.ReplyLinter
}

func prepareSend(f *Factory, catalog *send.Catalog, dialect *send.Dialect, opts *sendOptions) (*sendJob, error) {
	target, err := send.ParseTarget(opts.To, opts.SignURL)
	if err != nil {
		return nil, &FlagError{Err: err}
	}
	plan, err := planFor(f, catalog, dialect, opts)
	if err != nil {
		return nil, err
	}
	header, err := parseHeaders(opts.Headers)
	if err != nil {
		return nil, err
	}
	job := &sendJob{plan: plan, target: target, header: header, linter: replyLinter(plan, opts.loadMode())}
	if !opts.NoSign && dialect.Signing == "vobiz" {
		if job.signer, err = newSigner(f, opts); err != nil {
			return nil, err
		}
	}
	job.client = sendClient(f, opts)
	return job, nil
}

func planFor(f *Factory, catalog *send.Catalog, dialect *send.Dialect, opts *sendOptions) (*send.Plan, error) {
	settings, err := opts.settings()
	if err != nil {
		return nil, err
	}
	if authID := profileAuthID(f); authID != "" {
		settings = append(settings, send.Setting{Name: "auth_id", Value: authID, Optional: true})
	}
	data, err := parseSendData(opts.Data)
	if err != nil {
		return nil, err
	}
	plan, err := catalog.Plan(send.PlanOptions{
		Dialect: dialect.Name, Event: opts.event, Settings: settings, Data: data, Method: opts.Method,
	})
	if err != nil {
		return nil, &FlagError{Err: err}
	}
	return plan, nil
}

// profileAuthID is the configured auth ID, used for auth_id/ParentAuthID parameters so that the
// payload names the real account; "" when none is configured or the config cannot be read (the
// signing step reports a bad config).
func profileAuthID(f *Factory) string {
	cfg, err := f.Config()
	if err != nil {
		return ""
	}
	return cfg.AuthID.Value
}

func parseSendData(data []string) ([]send.Param, error) {
	out := make([]send.Param, 0, len(data))
	for _, d := range data {
		key, value, ok := strings.Cut(d, "=")
		if !ok || key == "" {
			return nil, FlagErrorf("invalid -d %q: want Key=Value", d)
		}
		out = append(out, send.Param{Name: key, Value: value})
	}
	return out, nil
}

func parseHeaders(lines []string) (http.Header, error) {
	h := http.Header{}
	for _, line := range lines {
		name, value, ok := strings.Cut(line, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, FlagErrorf(`invalid --header %q: want "Name: value"`, line)
		}
		h.Add(name, strings.TrimSpace(value))
	}
	return h, nil
}

// newSigner signs with the profile's token (or --token-stdin) and, for the MA variants, the token
// of --parent-profile (default: the same token, as Vobiz sends for a main account).
func newSigner(f *Factory, opts *sendOptions) (send.Signer, error) {
	schemes, err := parseSchemeFlag(opts.Schemes)
	if err != nil {
		return nil, err
	}
	token, parent, err := signingTokens(f, opts.tokenOptions)
	if err != nil {
		var h hinter
		if errors.As(err, &h) && ExitCode(err) == ExitAuth {
			return nil, WithHint(err, h.Hint()+"; or send unsigned with --no-sign")
		}
		return nil, err
	}
	s, err := send.NewVobizSigner(signature.SignOptions{Token: token, ParentToken: parent, Schemes: schemes})
	if err != nil {
		return nil, &FlagError{Err: err}
	}
	return s, nil
}

// sendClient is the HTTP client of a run: keep-alive connections sized to the concurrency, the
// --debug logger on top, and redirects not followed (a 3xx reply is reported, as the platform
// does not document following it).
func sendClient(f *Factory, opts *sendOptions) *http.Client {
	if f.BaseTransport == nil {
		conns := 1
		if opts.loadMode() {
			conns = min(opts.Concurrency, send.MaxLoadConcurrency)
		}
		f.BaseTransport = send.NewTransport(send.TransportOptions{Conns: conns, Insecure: opts.Insecure})
	}
	client := f.HTTPClient()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return client
}

// replyLinter returns the lint engine for the plan's reply dialect, or nil when the reply is not
// linted (callbacks, load mode) or the engine has no schema for the dialect: XML replies then get
// send.CheckReply's well-formedness and root-element check, which says so in its message.
func replyLinter(p *send.Plan, loadMode bool) send.ReplyLinter {
	if loadMode || p.Reply != send.ReplyXML {
		return nil
	}
	l, err := lint.New(lint.Options{Dialect: p.Dialect.LintDialect})
	if err != nil {
		return nil
	}
	return l
}

func completeSendEvents(dialect *string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		catalog, err := send.DefaultCatalog()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		d, err := catalog.Dialect(*dialect)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []string
		for _, e := range d.Events {
			out = append(out, e.Name+"\t"+e.Summary)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeSendActions offers the --action values of the event already on the command line.
func completeSendActions(dialect *string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		catalog, err := send.DefaultCatalog()
		if err != nil || len(args) == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		d, err := catalog.Dialect(*dialect)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		e, ok := d.Event(args[0])
		if !ok {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		v, _ := e.Var("action")
		out := make([]string, 0, len(v.Values))
		for _, x := range v.Values {
			out = append(out, x.Value+"\t"+x.Description)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func completeSendDialects(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	catalog, err := send.DefaultCatalog()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	return catalog.DialectNames(), cobra.ShellCompDirectiveNoFileComp
}

// writeJSON prints v as JSON on standard output.
func writeJSON(f *Factory, v any) error { return render.JSON(f.IO.Out, v) }
