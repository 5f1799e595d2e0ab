package cmd

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/signature"
)

type verifyOptions struct {
	tokenOptions
	URL       string
	Nonce     string
	Signature string
	Schemes   string
	Method    string
	Data      []string
	Request   string
	PublicURL string
	Explain   bool
	Format    string
}

func newVerifyCmd(f *Factory) *cobra.Command {
	opts := &verifyOptions{}
	c := &cobra.Command{
		Use:   "verify (--url URL --nonce N --signature SIG | --request FILE)",
		Short: "Check a Vobiz request signature and explain a mismatch",
		Long: `Check a signature given on the command line, or every X-Vobiz-Signature-* header of a raw
HTTP request (request line, headers, body) as captured by nc -l, a proxy or a log; "-" reads it
from standard input. The URL of a raw request is rebuilt from X-Forwarded-Proto/Host or Host
(https by default, as Vobiz only calls HTTPS URLs); --public-url gives the URL the platform called.

--explain shows, per scheme, the exact string signed, the expected and received signatures and,
on a mismatch, the likely cause: http vs https, host or port, trailing slash, path encoding, query
string, parent vs sub-account token, the Plivo-style string, the other version's formula, the other
header's nonce.

Exits 0 when a signature matches, 1 when none does, 2 on usage errors.`,
		Example: `  vobizctl verify --url https://example.com/answer --nonce 12345678901234567890 --signature k2DmGg3h…=
  vobizctl verify --request captured.http --explain
  nc -l 8080 | vobizctl verify --request - --public-url https://abc.ngrok.app/answer --explain`,
		GroupID: groupCore,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := opts.validate(c); err != nil {
				return err
			}
			return runVerify(f, opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.URL, "url", "", "callback URL the platform called")
	fl.StringVar(&opts.Nonce, "nonce", "", "nonce header value (V3 or V2 nonce)")
	fl.StringVar(&opts.Signature, "signature", "", "signature header value (comma-separated values allowed)")
	fl.StringVar(&opts.Method, "method", "POST", "HTTP method (for plivo-v3)")
	fl.StringArrayVarP(&opts.Data, "data", "d", nil, "form parameter key=value (repeatable; for plivo-v3 and v1)")
	fl.StringVar(&opts.Request, "request", "", `raw HTTP request file, or "-" for standard input`)
	fl.StringVar(&opts.PublicURL, "public-url", "", "URL the platform called, when it differs from the request's")
	fl.BoolVar(&opts.Explain, "explain", false, "show the signed strings and the likely cause of a mismatch")
	addSchemeFlag(c, &opts.Schemes, "schemes to check (default v3,ma-v3,v2,ma-v2; with --request also v1)")
	addTokenFlags(c, &opts.tokenOptions)
	addFormatFlag(c, &opts.Format, "text", "json")
	return c
}

// validate checks flag combinations: one input mode, and only the flags that mode uses.
func (o *verifyOptions) validate(c *cobra.Command) error {
	switch {
	case o.URL == "" && o.Request == "":
		return FlagErrorf("missing input: give --url with --nonce and --signature, or --request FILE")
	case o.URL != "" && o.Request != "":
		return FlagErrorf("--url and --request cannot be combined: a raw request carries its own URL (use --public-url to override it)")
	case o.Request != "":
		for _, name := range []string{"nonce", "signature", "data", "method"} {
			if c.Flags().Changed(name) {
				return FlagErrorf("--%s cannot be combined with --request: the request carries it", name)
			}
		}
		if o.Request == "-" && o.TokenStdin {
			return FlagErrorf("--request - and --token-stdin both read standard input; put the request in a file")
		}
		return nil
	case o.PublicURL != "":
		return FlagErrorf("--public-url only applies to --request; with --url, pass the public URL itself")
	case o.Signature == "":
		return FlagErrorf("missing --signature: the X-Vobiz-Signature-* header value")
	}
	schemes, err := parseSchemeFlag(o.Schemes)
	if err != nil {
		return err
	}
	needNonce := slices.ContainsFunc(schemesOrDefault(schemes), func(s signature.Scheme) bool { return s.NonceHeader() != "" })
	if o.Nonce == "" && needNonce {
		return FlagErrorf("missing --nonce: the X-Vobiz-Signature-V3-Nonce or -V2-Nonce header value")
	}
	return nil
}

// verifyOutput is the JSON shape of verify.
type verifyOutput struct {
	URL     string                   `json:"url"`
	Valid   bool                     `json:"valid"`
	Checked []signature.Scheme       `json:"checked"`
	Matches []signature.Match        `json:"matches"`
	Schemes []signature.SchemeReport `json:"explain,omitempty"`
}

func runVerify(f *Factory, opts *verifyOptions) error {
	schemes, err := parseSchemeFlag(opts.Schemes)
	if err != nil {
		return err
	}
	req, h, err := verifyInput(f, opts, schemes)
	if err != nil {
		return err
	}
	if opts.Request != "" && schemes == nil {
		// Every header Vobiz sends; plivo-v3 shares the V3 header and stays opt-in, as the
		// compatibility fallback it is (--explain names it when it would have matched).
		schemes = slices.Concat(signature.DefaultSchemes, []signature.Scheme{signature.V1})
	}
	token, parent, err := signingTokens(f, opts.tokenOptions)
	if err != nil {
		return err
	}
	vo := signature.VerifyOptions{Token: token, ParentToken: parent, Schemes: schemes}
	res, verr := signature.Verify(vo, req, h)
	if verr != nil && !errors.Is(verr, signature.ErrMismatch) && !errors.Is(verr, signature.ErrNoSignature) {
		if opts.Request != "" {
			return WithHint(&FlagError{Err: verr}, "give the URL the platform called with --public-url")
		}
		return &FlagError{Err: fmt.Errorf("invalid --url: %w", verr)}
	}
	out := verifyOutput{URL: req.URL, Valid: verr == nil, Checked: res.Checked, Matches: res.Matches}
	if opts.Explain {
		ex, err := signature.Explain(signature.ExplainOptions{VerifyOptions: vo}, req, h)
		if err != nil {
			return err
		}
		out.Schemes = ex.Schemes
	}
	if err := writeVerify(f, opts, out); err != nil {
		return err
	}
	if !out.Valid {
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

func writeVerify(f *Factory, opts *verifyOptions, out verifyOutput) error {
	if opts.Format == "json" {
		return render.JSON(f.IO.Out, out)
	}
	if err := printVerify(f, out, opts.Schemes != ""); err != nil || out.Valid || opts.Request == "" || opts.PublicURL != "" {
		return err
	}
	_, err := fmt.Fprintln(f.Renderer().Out, f.Renderer().Styles.Dim(
		"if a proxy or tunnel rewrote the Host header, give the URL the platform called with --public-url"))
	return err
}

// verifyInput returns the request and headers to check: from the flags, or from a raw request.
func verifyInput(f *Factory, opts *verifyOptions, schemes []signature.Scheme) (signature.Request, http.Header, error) {
	if opts.Request == "" {
		params, err := parseData(opts.Data)
		req := signature.Request{URL: opts.URL, Method: strings.ToUpper(opts.Method), Params: params}
		h := http.Header{}
		for _, s := range schemesOrDefault(schemes) {
			if !slices.Contains(h.Values(s.Header()), opts.Signature) {
				h.Add(s.Header(), opts.Signature)
			}
			if s.NonceHeader() != "" {
				h.Set(s.NonceHeader(), opts.Nonce)
			}
		}
		return req, h, err
	}
	in := f.IO.In
	if opts.Request != "-" {
		file, err := os.Open(opts.Request)
		if err != nil {
			return signature.Request{}, nil, FlagErrorf("invalid --request: %v", err)
		}
		defer file.Close()
		in = file
	}
	raw, err := signature.ReadRawRequest(in)
	if err != nil {
		return signature.Request{}, nil, FlagErrorf("invalid --request %q: %v", opts.Request, err)
	}
	req, err := raw.Request(opts.PublicURL)
	if err != nil {
		return req, nil, FlagErrorf("invalid --request %q: %v", opts.Request, err)
	}
	return req, raw.Header, nil
}

// printVerify writes the human report. Schemes whose header is absent are listed only when the
// user chose the schemes.
func printVerify(f *Factory, out verifyOutput, chosen bool) error {
	r := f.Renderer()
	w, st := r.Out, r.Styles
	fmt.Fprintf(w, "%s %s\n", st.Dim("URL checked:"), out.URL)
	for _, rep := range out.Schemes {
		if rep.Present || chosen {
			printReport(w, st, rep)
		}
	}
	switch {
	case out.Valid:
		_, err := fmt.Fprintf(w, "%s signature valid (%s)\n", st.Success("✓"), matchNames(out.Matches))
		return err
	case len(out.Checked) == 0:
		_, err := fmt.Fprintf(w, "%s no signature header for the schemes checked (Vobiz only signs callbacks whose URL has auth credentials configured)\n", st.Error("✗"))
		return err
	}
	_, err := fmt.Fprintf(w, "%s no signature matched (checked %s)\n", st.Error("✗"), schemeNamesOf(out.Checked))
	if err == nil && out.Schemes == nil {
		_, err = fmt.Fprintln(w, st.Dim("run again with --explain to see the signed strings and the likely cause"))
	}
	return err
}

func printReport(w io.Writer, st render.Styles, rep signature.SchemeReport) {
	status := st.Success("match")
	switch {
	case !rep.Present:
		status = st.Warning("header missing")
	case !rep.Match:
		status = st.Error("mismatch")
	}
	inferred := ""
	if rep.Inferred {
		inferred = st.Dim(" (formula inferred, not documented by Vobiz)")
	}
	fmt.Fprintf(w, "\n%s %s: %s%s\n", st.Bold(string(rep.Scheme)), rep.Header, status, inferred)
	if rep.NonceHeader != "" {
		fmt.Fprintf(w, "  nonce          %s (%s)\n", rep.Nonce, rep.NonceHeader)
	}
	fmt.Fprintf(w, "  signed string  %s\n  expected       %s\n", rep.SignedString, rep.Expected)
	if rep.Present {
		fmt.Fprintf(w, "  received       %s\n", strings.Join(rep.Received, ", "))
	}
	if c := rep.Cause; c != nil {
		fmt.Fprintf(w, "  cause          %s\n  %s\n", kindNames(c.Kinds), c.Description)
		if c.SignedString != "" {
			fmt.Fprintf(w, "  would match    %s (signed string %s)\n", c.URL, c.SignedString)
		}
	}
}

func matchNames(ms []signature.Match) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = string(m.Scheme)
	}
	return strings.Join(names, ", ")
}

func schemeNamesOf(list []signature.Scheme) string {
	names := make([]string, len(list))
	for i, s := range list {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func kindNames(kinds []signature.CauseKind) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
