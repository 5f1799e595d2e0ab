package cmd

import (
	"fmt"
	"io"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/config"
	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/signature"
)

// tokenOptions are the flags that choose the signing keys, shared by sign and verify.
type tokenOptions struct {
	TokenStdin    bool
	ParentProfile string
	ParentToken   string
}

type signOptions struct {
	tokenOptions
	URL     string
	Schemes string
	Nonce   string
	Method  string
	Data    []string
	Format  string
}

func newSignCmd(f *Factory) *cobra.Command {
	opts := &signOptions{}
	c := &cobra.Command{
		Use:   "sign --url URL",
		Short: "Compute the signature headers Vobiz sends with a callback",
		Long: `Compute the X-Vobiz-Signature-* headers Vobiz would send to URL, to test a server's
verification or to replay a request by hand.

The documented schemes sign the URL without its query string and a random 20-digit nonce; the
form body (-d) is only signed by plivo-v3 and v1. The token comes from --token-stdin, VOBIZ_AUTH_TOKEN
or the active profile; MA- schemes use the token of --parent-profile, or the same token (as Vobiz
sends for a main account). The token is never printed.`,
		Example: `  vobizctl sign --url https://example.com/answer
  vobizctl sign --url https://abc.ngrok.app/answer -d CallUUID=abc -d Event=StartApp --format curl
  vobizctl sign --url https://example.com/answer --scheme v3,plivo-v3 --nonce 12345678901234567890 --format json`,
		GroupID: groupCore,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.URL == "" {
				return FlagErrorf("missing --url: the callback URL as configured at Vobiz")
			}
			return runSign(f, opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.URL, "url", "", "callback URL as configured at Vobiz (the public URL)")
	addSchemeFlag(c, &opts.Schemes, "schemes to sign (default v3,ma-v3,v2,ma-v2)")
	fl.StringVar(&opts.Nonce, "nonce", "", "nonce for every scheme (default: 20 random digits, one per V3/V2 family)")
	fl.StringVar(&opts.Method, "method", "POST", "HTTP method (plivo-v3 signs GET and POST differently)")
	fl.StringArrayVarP(&opts.Data, "data", "d", nil, "form parameter key=value (repeatable)")
	addTokenFlags(c, &opts.tokenOptions)
	addFormatFlag(c, &opts.Format, "headers", "json", "curl")
	return c
}

func addSchemeFlag(c *cobra.Command, target *string, usage string) {
	c.Flags().StringVar(target, "scheme", "", usage+"; one or more of "+strings.Join(schemeNames(), ","))
	_ = c.RegisterFlagCompletionFunc("scheme", cobra.FixedCompletions(schemeNames(), cobra.ShellCompDirectiveNoFileComp))
}

func addTokenFlags(c *cobra.Command, opts *tokenOptions) {
	c.Flags().BoolVar(&opts.TokenStdin, "token-stdin", false, "read the auth token from standard input")
	c.Flags().StringVar(&opts.ParentProfile, "parent-profile", "", "profile holding the parent (main) account token for ma-v3/ma-v2")
	c.Flags().StringVar(&opts.ParentToken, "parent-token", "", "parent (main) account token for ma-v3/ma-v2 (visible in ps and shell history: prefer --parent-profile)")
	c.MarkFlagsMutuallyExclusive("parent-profile", "parent-token")
}

func schemeNames() []string {
	names := make([]string, len(signature.AllSchemes))
	for i, s := range signature.AllSchemes {
		names[i] = string(s)
	}
	return names
}

// signedScheme is one scheme's result in `sign --format json`.
type signedScheme struct {
	Scheme       signature.Scheme `json:"scheme"`
	Header       string           `json:"header"`
	Nonce        string           `json:"nonce,omitempty"`
	SignedString string           `json:"signed_string"`
	Signature    string           `json:"signature"`
}

type signOutput struct {
	URL        string            `json:"url"`
	Method     string            `json:"method"`
	Params     url.Values        `json:"params,omitempty"`
	Headers    signature.Headers `json:"headers"`
	Signatures []signedScheme    `json:"signatures"`
}

func runSign(f *Factory, opts *signOptions) error {
	schemes, err := parseSchemeFlag(opts.Schemes)
	if err != nil {
		return err
	}
	params, err := parseData(opts.Data)
	if err != nil {
		return err
	}
	token, parent, err := signingTokens(f, opts.tokenOptions)
	if err != nil {
		return err
	}
	so := signature.SignOptions{Token: token, ParentToken: parent, Schemes: schemes}
	if opts.Nonce != "" {
		so.Nonce = signature.FixedNonce(opts.Nonce)
	}
	req := signature.Request{URL: opts.URL, Method: strings.ToUpper(opts.Method), Params: params}
	headers, err := signature.Sign(so, req)
	if err != nil {
		return &FlagError{Err: err}
	}
	switch opts.Format {
	case "json":
		out := signOutput{URL: req.URL, Method: req.Method, Params: params, Headers: headers}
		if out.Signatures, err = describeSignatures(so, req, headers); err != nil {
			return err
		}
		return render.JSON(f.IO.Out, out)
	case "curl":
		return printCurl(f.IO.Out, req, headers)
	}
	r := f.Renderer()
	for _, h := range headers {
		if _, err := fmt.Fprintf(r.Out, "%s %s\n", r.Styles.Bold(h.Name+":"), h.Value); err != nil {
			return err
		}
	}
	return nil
}

// describeSignatures recomputes each scheme alone, with the nonce the headers carry, to show the
// exact string it signed.
func describeSignatures(so signature.SignOptions, req signature.Request, hs signature.Headers) ([]signedScheme, error) {
	out := make([]signedScheme, 0, len(so.Schemes))
	for _, s := range schemesOrDefault(so.Schemes) {
		nonce := hs.Get(s.NonceHeader())
		key := so.Token
		if s.UsesParentToken() && so.ParentToken != "" {
			key = so.ParentToken
		}
		msg, err := signature.StringToSign(s, req, nonce)
		if err != nil {
			return nil, err
		}
		sig, err := signature.Compute(s, key, req, nonce)
		if err != nil {
			return nil, err
		}
		out = append(out, signedScheme{Scheme: s, Header: s.Header(), Nonce: nonce, SignedString: msg, Signature: sig})
	}
	return out, nil
}

func schemesOrDefault(list []signature.Scheme) []signature.Scheme {
	if len(list) == 0 {
		return signature.DefaultSchemes
	}
	return list
}

// printCurl writes a curl command that sends the signed request.
func printCurl(w io.Writer, req signature.Request, hs signature.Headers) error {
	var b strings.Builder
	b.WriteString("curl")
	if req.Method == "GET" && len(req.Params) > 0 {
		b.WriteString(" -G")
	} else if req.Method != "GET" {
		b.WriteString(" -X " + shellQuote(req.Method))
	}
	b.WriteString(" " + shellQuote(req.URL))
	for _, h := range hs {
		b.WriteString(" \\\n  -H " + shellQuote(h.Name+": "+h.Value))
	}
	for _, k := range slices.Sorted(maps.Keys(req.Params)) {
		for _, v := range req.Params[k] {
			b.WriteString(" \\\n  --data-urlencode " + shellQuote(k+"="+v))
		}
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// shellQuote quotes s for a POSIX shell, leaving plain words (such as POST) bare.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// parseSchemeFlag parses --scheme; an empty value means each command's default (nil).
func parseSchemeFlag(v string) ([]signature.Scheme, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	list, err := signature.ParseSchemes(v)
	if err != nil {
		return nil, FlagErrorf("invalid --scheme: %v", err)
	}
	return list, nil
}

// parseData parses repeated -d key=value flags into form values.
func parseData(data []string) (url.Values, error) {
	if len(data) == 0 {
		return nil, nil
	}
	v := url.Values{}
	for _, d := range data {
		key, value, ok := strings.Cut(d, "=")
		if !ok || key == "" {
			return nil, FlagErrorf("invalid -d %q: want key=value", d)
		}
		v.Add(key, value)
	}
	return v, nil
}

// signingTokens returns the account token (--token-stdin, env, profile) and the parent token of
// --parent-profile ("" when not given). A missing token is a credentials error (exit 4).
func signingTokens(f *Factory, opts tokenOptions) (token, parent string, err error) {
	if opts.TokenStdin {
		if f.TokenOverride, err = readToken(f.IO.In); err != nil {
			return "", "", err
		}
	}
	cfg, err := f.Config()
	if err != nil {
		return "", "", err
	}
	if token = cfg.AuthToken.Value; token == "" {
		return "", "", &config.MissingCredentialsError{Missing: []string{"auth token"}, Profile: cfg.Profile.Value,
			Path: cfg.Path, ProfileMissing: !cfg.ProfileExists && cfg.Profile.Source != "default", Known: cfg.File.ProfileNames()}
	}
	if opts.ParentToken != "" {
		f.Logger().AddSecrets(opts.ParentToken)
		return token, strings.TrimSpace(opts.ParentToken), nil
	}
	if opts.ParentProfile == "" {
		return token, "", nil
	}
	p, ok := cfg.File.Profiles[opts.ParentProfile]
	if !ok || p.AuthToken == "" {
		known := strings.Join(cfg.File.ProfileNames(), ", ")
		if known == "" {
			known = "none"
		}
		return "", "", FlagErrorf("invalid --parent-profile %q: no profile with a token by that name in %s (known: %s)",
			opts.ParentProfile, cfg.Path, known)
	}
	f.Logger().AddSecrets(p.AuthToken)
	return token, p.AuthToken, nil
}
