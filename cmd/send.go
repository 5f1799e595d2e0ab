package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/send"
)

type sendOptions struct {
	tokenOptions
	Dialect  string
	List     bool
	Describe bool
	To       string
	SignURL  string
	NoSign   bool
	Schemes  string
	Insecure bool
	Timeout  time.Duration
	Format   string
	Verbose  bool
	sendChoices
	loadOptions
	event string
}

// sendChoices are the flags that shape the request.
type sendChoices struct {
	Outbound    bool
	Action      string
	Digits      string
	Speech      string
	Redirect    bool
	redirectSet bool
	CallUUID    string
	From        string
	Caller      string
	Sets        []string
	Data        []string
	Method      string
	Headers     []string
}

// loadOptions are the load-mode flags.
type loadOptions struct {
	Count       int64
	Duration    time.Duration
	Concurrency int
	Rate        float64
}

const sendLong = `Send the request Vobiz would send to your server for <event> — the answer URL of a new call,
a Gather's action, a hangup, a Dial or Conference callback… — with realistic, self-consistent
values (UUIDs, E.164 numbers, timestamps), form-encoded and signed with the X-Vobiz-Signature-V2/-V3
headers (and the -MA- variants) using the active profile's token, then check the reply the way
the platform would: a 2xx status; for events whose reply drives the call a Vobiz XML document
served as application/xml or text/xml, at most 100 KB, linted; and the latency budget (answer:
warn over 2 s, fail over 10 s; other XML replies: warn over 2 s; callbacks: warn over 3 s).

--to takes a full URL, host:port/path, :port/path or a bare port (http and localhost by default).
When the platform calls a public URL that forwards to --to (a tunnel), give it as --sign-url: the
signature covers the URL the platform calls. --list shows every event; <event> --describe shows
its parameters, where each value comes from and the reference behind it.

--dialect voxtelesys sends Voxtelesys voice webhooks instead (the incoming call, status and
recording callbacks, Dial/Gather/Record/Pay actions): form-encoded and unsigned, since Voxtelesys
documents no request signature, with replies linted as Voxtelesys VoXML.

Load mode (--count or --duration) sends many requests from --concurrency workers, each freshly
built and signed, optionally at most --rate per second, and reports requests/s, status codes,
errors and latency percentiles. It is always bounded: at most 1,000,000 requests, 10 minutes and
256 workers, whatever is asked (larger values are lowered, with a warning).

Exits 0 when the reply passes every check, 1 when it fails one (in load mode: any error or
non-2xx reply), 3 when the server cannot be reached, 4 when signing needs a token and none is set.`

const sendExample = `  vobizctl send answer --to :3000/answer
  vobizctl send gather --to localhost:3000/ivr --digits 2
  vobizctl send hangup --to https://abc.ngrok.app/hangup --action busy --format json
  vobizctl send answer --to :3000/answer --sign-url https://abc.ngrok.app/answer -v
  vobizctl send conference --to :3000/conf-events --action exit -d ConferenceName=standup
  vobizctl send answer --to :3000/answer --count 5000 --concurrency 50
  vobizctl send --list
  vobizctl send dial-event --describe
  vobizctl send gather --dialect voxtelesys --to :3000/voxml/menu --digits 2 --set output=menu`

func newSendCmd(f *Factory) *cobra.Command {
	opts := &sendOptions{}
	c := &cobra.Command{
		Use:               "send <event> --to URL",
		Short:             "Fire a signed Vobiz webhook at your server and check the reply",
		Long:              sendLong,
		Example:           sendExample,
		GroupID:           groupCore,
		ValidArgsFunction: completeSendEvents(&opts.Dialect),
		RunE: func(c *cobra.Command, args []string) error {
			opts.redirectSet = c.Flags().Changed("redirect")
			if err := sendConfigDialect(c, f, opts); err != nil {
				return inCommand(c, err)
			}
			if err := opts.validate(args); err != nil {
				return inCommand(c, err)
			}
			return inCommand(c, runSend(c, f, opts))
		},
	}
	addSendFlags(c, opts)
	addFormatFlag(c, &opts.Format, "text", "json")
	return c
}

// sendConfigDialect applies the config file's dialect key when --dialect is not given; auto
// there (meant for lint) keeps the default, Vobiz.
func sendConfigDialect(c *cobra.Command, f *Factory, opts *sendOptions) error {
	catalog, err := send.DefaultCatalog()
	if err != nil {
		return err
	}
	name, err := configDialect(c, f, append(catalog.DialectNames(), dialectAuto))
	if name != "" && name != dialectAuto {
		opts.Dialect = name
	}
	return err
}

func addSendFlags(c *cobra.Command, opts *sendOptions) {
	fl := c.Flags()
	fl.StringVar(&opts.To, "to", "", "where to send: URL, host:port/path, :port/path or a port")
	fl.BoolVar(&opts.List, "list", false, "list the events and exit")
	fl.BoolVar(&opts.Describe, "describe", false, "describe the event's parameters and exit")
	fl.StringVar(&opts.Dialect, "dialect", "vobiz", "platform whose webhooks to send (default: the config file's dialect key, else vobiz)")
	fl.StringVar(&opts.SignURL, "sign-url", "", "public URL the platform calls, when it differs from --to (signatures cover it)")
	fl.BoolVar(&opts.NoSign, "no-sign", false, "send without signature headers")
	addSchemeFlag(c, &opts.Schemes, "signature schemes (default v3,ma-v3,v2,ma-v2)")
	addTokenFlags(c, &opts.tokenOptions)
	fl.BoolVar(&opts.Outbound, "outbound", false, "an outbound (API-initiated) call instead of an inbound one")
	fl.StringVar(&opts.Action, "action", "", "the event's variant, e.g. conference enter|exit|start|end (see --describe)")
	fl.StringVar(&opts.Digits, "digits", "", "DTMF digits the caller pressed (gather, dial-event)")
	fl.StringVar(&opts.Speech, "speech", "", "speech the caller said (gather)")
	fl.BoolVar(&opts.Redirect, "redirect", false, "the element's redirect attribute (gather, dial, record)")
	fl.StringVar(&opts.CallUUID, "call-uuid", "", "CallUUID to send (default: a new one per request)")
	fl.StringVar(&opts.From, "from", "", "caller number (E.164 digits)")
	fl.StringVar(&opts.Caller, "caller", "", "caller name (CallerName)")
	fl.StringArrayVar(&opts.Sets, "set", nil, "set a var or fact by name, e.g. --set duration=60 (see --describe; repeatable)")
	fl.StringArrayVarP(&opts.Data, "data", "d", nil, "set or add a parameter Key=Value, sent as given (repeatable)")
	fl.StringVar(&opts.Method, "method", "", "HTTP method: POST (form body) or GET (query string); default the event's")
	fl.StringArrayVarP(&opts.Headers, "header", "H", nil, `add or replace a header "Name: value" (repeatable)`)
	fl.DurationVar(&opts.Timeout, "timeout", 15*time.Second, "give up on a reply after this long")
	fl.BoolVar(&opts.Insecure, "insecure", false, "accept any TLS certificate (self-signed local HTTPS)")
	fl.BoolVarP(&opts.Verbose, "verbose", "v", false, "also show the raw request and reply headers")
	fl.Int64Var(&opts.Count, "count", 0, fmt.Sprintf("load mode: send this many requests (at most %d)", send.MaxLoadCount))
	fl.DurationVar(&opts.Duration, "duration", 0, fmt.Sprintf("load mode: send for this long (at most %s)", send.MaxLoadDuration))
	fl.IntVarP(&opts.Concurrency, "concurrency", "c", 10, fmt.Sprintf("load mode: parallel workers (at most %d)", send.MaxLoadConcurrency))
	fl.Float64Var(&opts.Rate, "rate", 0, "load mode: at most this many requests per second (default: as fast as replies come)")
	_ = c.RegisterFlagCompletionFunc("method", cobra.FixedCompletions([]string{"POST", "GET"}, cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("dialect", completeSendDialects)
	_ = c.RegisterFlagCompletionFunc("action", completeSendActions(&opts.Dialect))
}

// loadMode reports whether the user asked for a load run.
func (o *sendOptions) loadMode() bool { return o.Count > 0 || o.Duration > 0 }

func (o *sendOptions) validate(args []string) error {
	switch {
	case o.List && len(args) > 0:
		return FlagErrorf("--list takes no event (got %q)", args[0])
	case o.List:
		return nil
	case len(args) != 1:
		return FlagErrorf("send takes one event name (got %d arguments); `vobizctl send --list` shows them", len(args))
	}
	o.event = args[0]
	if o.Describe {
		return nil
	}
	if o.To == "" {
		return FlagErrorf("missing --to: where to send the %s webhook (e.g. --to :3000/answer)", o.event)
	}
	if err := o.validateChoices(); err != nil {
		return err
	}
	return o.validateLoad()
}

func (o *sendOptions) validateChoices() error {
	switch {
	case o.Digits != "" && o.Speech != "":
		return FlagErrorf("--digits and --speech cannot be combined: the caller either pressed keys or spoke")
	case o.NoSign && (o.SignURL != "" || o.Schemes != "" || o.ParentProfile != "" || o.ParentToken != "" || o.TokenStdin):
		return FlagErrorf("--no-sign cannot be combined with --sign-url, --scheme, --parent-profile, --parent-token or --token-stdin")
	case o.Timeout <= 0:
		return FlagErrorf("invalid --timeout %s: want a positive duration", o.Timeout)
	}
	if m := strings.ToUpper(o.Method); m != "" && m != "GET" && m != "POST" {
		return FlagErrorf("invalid --method %q: want GET or POST", o.Method)
	}
	return nil
}

func (o *sendOptions) validateLoad() error {
	switch {
	case o.Count < 0:
		return FlagErrorf("invalid --count %d: want 1 or more", o.Count)
	case o.Duration < 0:
		return FlagErrorf("invalid --duration %s: want a positive duration", o.Duration)
	case o.Concurrency < 1:
		return FlagErrorf("invalid --concurrency %d: want 1 or more", o.Concurrency)
	case o.Rate < 0:
		return FlagErrorf("invalid --rate %g: want 0 (no limit) or more", o.Rate)
	case !o.loadMode() && o.Rate > 0:
		return FlagErrorf("--rate needs --count or --duration (load mode)")
	}
	return nil
}

// settings turns the choice flags into the catalog's vars and facts.
func (c *sendChoices) settings() ([]send.Setting, error) {
	var out []send.Setting
	add := func(name, value, flag string, optional bool) {
		out = append(out, send.Setting{Name: name, Value: value, Flag: flag, Optional: optional})
	}
	if c.Outbound {
		add("direction", "outbound", "--outbound", false)
	}
	if c.Action != "" {
		add("action", c.Action, "--action", false)
	}
	if c.Digits != "" {
		add("input_type", "dtmf", "--digits", true)
		add("digits", c.Digits, "--digits", false)
	}
	if c.Speech != "" {
		add("input_type", "speech", "--speech", true)
		add("speech", c.Speech, "--speech", false)
	}
	if c.redirectSet {
		add("redirect", fmt.Sprint(c.Redirect), "--redirect", false)
	}
	for _, kv := range [][2]string{{"call_uuid", c.CallUUID}, {"from", c.From}, {"caller_name", c.Caller}} {
		if kv[1] != "" {
			add(kv[0], kv[1], "--"+strings.ReplaceAll(strings.TrimSuffix(kv[0], "_name"), "_", "-"), false)
		}
	}
	for _, s := range c.Sets {
		name, value, ok := strings.Cut(s, "=")
		if !ok || name == "" {
			return nil, FlagErrorf("invalid --set %q: want name=value", s)
		}
		add(name, value, "--set "+name, false)
	}
	return out, nil
}
