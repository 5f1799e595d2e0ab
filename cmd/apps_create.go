package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/render"
)

// appFieldFlags are an Application's settable fields as flags, shared by create and update.
type appFieldFlags struct {
	Name, AnswerURL, AnswerMethod, HangupURL, HangupMethod       string
	FallbackAnswerURL, FallbackMethod, MessageURL, MessageMethod string
	Subaccount                                                   string
	DefaultNumberApp, DefaultEndpointApp, LogIncomingMessages    bool
}

func (a *appFieldFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&a.Name, "name", "", `application name: letters, digits, "-" and "_", up to 60`)
	fs.StringVar(&a.AnswerURL, "answer-url", "", "URL Vobiz fetches VobizXML from when a call arrives (absolute http(s))")
	fs.StringVar(&a.AnswerMethod, "answer-method", "", "HTTP method for the answer URL: GET or POST (API default POST)")
	fs.StringVar(&a.HangupURL, "hangup-url", "", "URL notified when a call ends (API default: the answer URL)")
	fs.StringVar(&a.HangupMethod, "hangup-method", "", "HTTP method for the hangup URL: GET or POST")
	fs.StringVar(&a.FallbackAnswerURL, "fallback-answer-url", "", `URL used when the answer URL fails ("" clears it on update)`)
	fs.StringVar(&a.FallbackMethod, "fallback-method", "", "HTTP method for the fallback URL: GET or POST")
	fs.StringVar(&a.MessageURL, "message-url", "", `URL notified of inbound messages ("" clears it on update)`)
	fs.StringVar(&a.MessageMethod, "message-method", "", "HTTP method for the message URL: GET or POST")
	fs.BoolVar(&a.DefaultNumberApp, "default-number-app", false, "route numbers added later without an app here")
	fs.BoolVar(&a.DefaultEndpointApp, "default-endpoint-app", false, "route SIP endpoints added later without an app here")
	fs.StringVar(&a.Subaccount, "subaccount", "", "sub-account auth ID (SA_…) that owns the app; fixed once created")
	fs.BoolVar(&a.LogIncomingMessages, "log-incoming-messages", false, "log the content of inbound messages (API default true)")
}

// updateParams turns the flags that were given (only those) into an update request. Methods
// are upper-cased so "post" works too.
func (a *appFieldFlags) updateParams(fs *pflag.FlagSet) api.UpdateParams {
	var p api.UpdateParams
	str := func(flag string, v string, target **string) {
		if fs.Changed(flag) {
			if strings.HasSuffix(flag, "-method") {
				v = strings.ToUpper(v)
			}
			*target = &v
		}
	}
	flag := func(name string, v bool, target **bool) {
		if fs.Changed(name) {
			*target = &v
		}
	}
	str("name", a.Name, &p.AppName)
	str("answer-url", a.AnswerURL, &p.AnswerURL)
	str("answer-method", a.AnswerMethod, &p.AnswerMethod)
	str("hangup-url", a.HangupURL, &p.HangupURL)
	str("hangup-method", a.HangupMethod, &p.HangupMethod)
	str("fallback-answer-url", a.FallbackAnswerURL, &p.FallbackAnswerURL)
	str("fallback-method", a.FallbackMethod, &p.FallbackMethod)
	str("message-url", a.MessageURL, &p.MessageURL)
	str("message-method", a.MessageMethod, &p.MessageMethod)
	str("subaccount", a.Subaccount, &p.Subaccount)
	flag("default-number-app", a.DefaultNumberApp, &p.DefaultNumberApp)
	flag("default-endpoint-app", a.DefaultEndpointApp, &p.DefaultEndpointApp)
	flag("log-incoming-messages", a.LogIncomingMessages, &p.LogIncomingMessages)
	return p
}

// createParams is the create request: the update request's fields, unset ones left empty.
func (a *appFieldFlags) createParams(fs *pflag.FlagSet) api.CreateParams {
	u := a.updateParams(fs)
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return api.CreateParams{
		AppName: s(u.AppName), AnswerURL: s(u.AnswerURL), AnswerMethod: s(u.AnswerMethod),
		HangupURL: s(u.HangupURL), HangupMethod: s(u.HangupMethod),
		FallbackAnswerURL: s(u.FallbackAnswerURL), FallbackMethod: s(u.FallbackMethod),
		MessageURL: s(u.MessageURL), MessageMethod: s(u.MessageMethod),
		DefaultNumberApp: u.DefaultNumberApp, DefaultEndpointApp: u.DefaultEndpointApp,
		LogIncomingMessages: u.LogIncomingMessages, Subaccount: s(u.Subaccount),
	}
}

// urls returns the callback URLs given, for the plain-http warning.
func (a *appFieldFlags) urls() map[string]string {
	return map[string]string{"answer_url": a.AnswerURL, "hangup_url": a.HangupURL,
		"fallback_answer_url": a.FallbackAnswerURL, "message_url": a.MessageURL}
}

type appsCreateOptions struct {
	Fields appFieldFlags
	Format string
}

func newAppsCreateCmd(f *Factory) *cobra.Command {
	opts := &appsCreateOptions{}
	c := &cobra.Command{
		Use:   "create --name NAME --answer-url URL [flags]",
		Short: "Create an application",
		Long: `Create an application and print its ID.

The values are checked before anything is sent: the name's characters, absolute http(s) URLs, and
GET or POST methods. A plain http URL gets a warning, since Vobiz only calls public HTTPS URLs.
The create request is sent exactly once, never retried, so a network failure can never create a
duplicate: check with 'vobizctl apps list' before running it again. --format json prints the
API's response.`,
		Example: `  vobizctl apps create --name support --answer-url https://example.com/answer
  vobizctl apps create --name ivr --answer-url https://example.com/ivr --hangup-url https://example.com/hangup \
      --fallback-answer-url https://static.example.com/fallback.xml --default-number-app
  id=$(vobizctl apps create --name ci-test --answer-url https://ci.example.com/answer)`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return inCommand(c, runAppsCreate(c.Context(), f, opts, opts.Fields.createParams(c.Flags())))
		},
	}
	opts.Fields.register(c.Flags())
	_ = c.MarkFlagRequired("name")
	_ = c.MarkFlagRequired("answer-url")
	addFormatFlag(c, &opts.Format, "text", "json")
	return c
}

func runAppsCreate(ctx context.Context, f *Factory, opts *appsCreateOptions, params api.CreateParams) error {
	if err := params.Validate(); err != nil {
		return apiError(err)
	}
	warnPlainHTTP(f, opts.Fields.urls())
	client, err := newAPIClient(f, api.RetryPolicy{}, 0)
	if err != nil {
		return err
	}
	res, err := client.CreateApplication(ctx, params)
	if err != nil {
		return apiError(err)
	}
	if opts.Format == "json" {
		return render.JSON(f.IO.Out, res)
	}
	r := f.Renderer()
	fmt.Fprintf(r.Err, "%s Created application %q\n", r.ErrStyles.Success("✓"), params.AppName)
	_, err = fmt.Fprintln(f.IO.Out, res.AppID)
	return err
}
