package cmd

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/tunnel"
)

// envCloudflared names a cloudflared binary to use instead of the one on PATH.
const envCloudflared = "VOBIZCTL_CLOUDFLARED"

type tunnelOptions struct {
	Port          int
	To            string
	Provider      string
	PublicURL     string
	AppID         string
	AppName       string
	Paths         tunnel.Paths
	Listen        string
	Log           string
	Format        string
	HealthTimeout time.Duration
	ParentProfile string
}

// tunnelLong is the help text of `vobizctl tunnel`.
const tunnelLong = `Give a local server a public URL, point an Application's answer and hangup URLs at it for as long
as the tunnel runs, and show every webhook as it arrives: time, method, path, event, status,
latency, the signature checked against the PUBLIC URL (with the likely cause of a mismatch) and
the lint result of an XML reply.

Providers (--provider, default: url with --public-url, else cloudflared when installed, else ngrok
when NGROK_AUTHTOKEN is set):
  cloudflared  runs the cloudflared binary for a quick tunnel (no account needed)
  ngrok        in-process with the ngrok Go SDK; authtoken from NGROK_AUTHTOKEN or the profile's
               ngrok_authtoken
  url          a tunnel you already run (ssh -R, Tailscale Funnel, a reverse proxy) that forwards
               --public-url to --listen

With --app the Application's URLs are written to a restore journal (config dir, mode 0600) before
they are changed, and put back on Ctrl-C, SIGTERM or when the tunnel dies. After a crash, the next
'vobizctl tunnel' or 'vobizctl tunnel restore' puts them back; an Application edited meanwhile is
left alone unless --force.

--log FILE appends every exchange (full request and response, never the auth token) as NDJSON;
'vobizctl tunnel replay ID --log FILE' re-sends one, freshly signed. With --format json the first
stdout line is a "ready" object, then one object per exchange.

Environment: NGROK_AUTHTOKEN (ngrok), VOBIZCTL_CLOUDFLARED (cloudflared binary to run).`

func newTunnelCmd(f *Factory) *cobra.Command {
	opts := &tunnelOptions{}
	c := &cobra.Command{
		Use:   "tunnel (--port PORT | --to URL) [--app APP_ID | --app-name NAME]",
		Short: "Expose a local server, point an Application at it and inspect every call",
		Long:  tunnelLong,
		Example: `  vobizctl tunnel --port 3000
  vobizctl tunnel --port 3000 --app 12345678901234567 --log calls.ndjson
  vobizctl tunnel --to http://localhost:8080/vobiz --app-name support --provider ngrok
  vobizctl tunnel --port 3000 --provider url --public-url https://dev.example.com --listen 127.0.0.1:8443
  vobizctl tunnel --port 3000 --format json | jq -r 'select(.type=="ready").public_url'`,
		GroupID: groupCore,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			target, err := opts.validate()
			if err != nil {
				return inCommand(c, err)
			}
			return inCommand(c, runTunnel(c.Context(), f, opts, target))
		},
	}
	addTunnelFlags(c, opts)
	addFormatFlag(c, &opts.Format, "text", "json")
	c.AddCommand(newTunnelRestoreCmd(f), newTunnelReplayCmd(f))
	return c
}

func addTunnelFlags(c *cobra.Command, opts *tunnelOptions) {
	fl := c.Flags()
	fl.IntVar(&opts.Port, "port", 0, "port of the local server on localhost")
	fl.StringVar(&opts.To, "to", "", "URL of the local server, e.g. http://localhost:8080 (instead of --port)")
	fl.StringVar(&opts.Provider, "provider", "", "tunnel provider: "+strings.Join(tunnel.ProviderNames, ", "))
	fl.StringVar(&opts.PublicURL, "public-url", "", "public URL of a tunnel you run yourself (--provider url)")
	fl.StringVar(&opts.AppID, "app", "", "Application ID to point at the tunnel while it runs")
	fl.StringVar(&opts.AppName, "app-name", "", "Application name to point at the tunnel (instead of --app)")
	fl.StringVar(&opts.Paths.Answer, "answer-path", "/answer", "path of the answer URL below the public URL")
	fl.StringVar(&opts.Paths.Hangup, "hangup-path", "/hangup", "path of the hangup URL below the public URL")
	fl.StringVar(&opts.Paths.Fallback, "fallback-path", "", "path of the fallback answer URL (default: leave it unchanged)")
	fl.StringVar(&opts.Paths.Message, "message-path", "", "path of the message URL (default: leave it unchanged)")
	fl.StringVar(&opts.Listen, "listen", "", "address of the inspecting proxy, which the tunnel forwards to (default: a free loopback port)")
	fl.StringVar(&opts.Log, "log", "", "append every exchange to FILE as NDJSON (for replay)")
	fl.DurationVar(&opts.HealthTimeout, "health-timeout", 60*time.Second, "how long to wait for the public URL to reach the proxy")
	fl.StringVar(&opts.ParentProfile, "parent-profile", "", "profile holding the parent (main) account token, for ma-v3/ma-v2 signatures")
	_ = c.RegisterFlagCompletionFunc("provider", cobra.FixedCompletions(tunnel.ProviderNames, cobra.ShellCompDirectiveNoFileComp))
	c.MarkFlagsMutuallyExclusive("port", "to")
	c.MarkFlagsMutuallyExclusive("app", "app-name")
}

// validate checks the flag combinations and returns the local server's URL.
func (o *tunnelOptions) validate() (*url.URL, error) {
	target, err := localTarget(o.Port, o.To)
	if err != nil {
		return nil, err
	}
	if target == nil {
		return nil, FlagErrorf("missing local server: give --port PORT or --to URL")
	}
	switch {
	case o.Provider != "" && o.Provider != tunnel.ProviderURL && o.Provider != tunnel.ProviderCloudflared && o.Provider != tunnel.ProviderNgrok:
		return nil, FlagErrorf("invalid --provider %q: want one of %s", o.Provider, strings.Join(tunnel.ProviderNames, ", "))
	case o.Provider == tunnel.ProviderURL && o.PublicURL == "":
		return nil, FlagErrorf("--provider url needs --public-url: the URL of the tunnel you run, which forwards to --listen")
	case o.PublicURL != "" && o.Provider != "" && o.Provider != tunnel.ProviderURL:
		return nil, FlagErrorf("--public-url only works with --provider url (%s makes its own URL)", o.Provider)
	case o.HealthTimeout <= 0:
		return nil, FlagErrorf("invalid --health-timeout %s: want a positive duration such as 60s", o.HealthTimeout)
	}
	if o.PublicURL != "" {
		if _, err := tunnel.NormalizePublicURL(o.PublicURL); err != nil {
			return nil, &FlagError{Err: err}
		}
	}
	if _, err := o.Paths.URLs("https://example.invalid"); err != nil {
		return nil, &FlagError{Err: err}
	}
	if o.Listen != "" {
		if _, port, err := net.SplitHostPort(o.Listen); err != nil || port == "" {
			return nil, FlagErrorf("invalid --listen %q: want host:port, such as 127.0.0.1:8443", o.Listen)
		}
	}
	return target, nil
}

// localTarget turns --port or --to into the local server's URL; nil when neither is given.
func localTarget(port int, to string) (*url.URL, error) {
	switch {
	case port != 0 && (port < 1 || port > 65535):
		return nil, FlagErrorf("invalid --port %d: want 1 to 65535", port)
	case port != 0:
		return &url.URL{Scheme: "http", Host: "localhost:" + strconv.Itoa(port)}, nil
	case to == "":
		return nil, nil
	}
	u, err := url.Parse(to)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, FlagErrorf("invalid --to %q: want the local server's base URL, such as http://localhost:3000", to)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// describeURLs lists Application URLs as "field URL, field URL" in field order.
func describeURLs(urls tunnel.URLSet) string {
	parts := make([]string, 0, len(urls))
	for _, f := range urls.Fields() {
		v := urls[f]
		if v == "" {
			v = "(unset)"
		}
		parts = append(parts, fmt.Sprintf("%s %s", f, v))
	}
	return strings.Join(parts, ", ")
}
