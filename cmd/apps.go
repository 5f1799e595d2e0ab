package cmd

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/completions"
	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/build"
)

// appIDCacheTTL is how long completion reuses a fetched list of app IDs: long enough for the
// several TAB presses of one command line, short enough that a new app shows up soon.
const appIDCacheTTL = 60 * time.Second

func newAppsCmd(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "apps <command>",
		Short: "Manage Vobiz Applications through the REST API",
		Long: `List, inspect, create, update and delete Vobiz Applications — the objects that hold the answer,
hangup, fallback and message URLs of a voice app — or keep them in a vobiz.yaml file and apply it.

The credentials of the active profile are used (see 'vobizctl auth status'). Missing or rejected
credentials exit 4; an unknown app ID or a value the API rejects exits 2; network trouble, API
5xx and a delete refused because numbers are attached exit 3.`,
		Example: `  vobizctl apps list
  vobizctl apps create --name support --answer-url https://example.com/answer
  vobizctl apps apply -f vobiz.yaml --dry-run`,
		GroupID: groupPlatform,
		Args:    cobra.NoArgs,
	}
	c.AddCommand(newAppsListCmd(f), newAppsGetCmd(f), newAppsCreateCmd(f), newAppsUpdateCmd(f),
		newAppsDeleteCmd(f), newAppsApplyCmd(f))
	return c
}

// newAPIClient builds a REST client from the resolved credentials; missing credentials are a
// *config.MissingCredentialsError (exit 4 with a hint).
func newAPIClient(f *Factory, retry api.RetryPolicy, timeout time.Duration) (*api.Client, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	authID, token, err := cfg.Credentials()
	if err != nil {
		return nil, err
	}
	return api.New(api.Options{
		BaseURL: cfg.APIURL.Value, AuthID: authID, AuthToken: token,
		HTTPClient: f.HTTPClient(), UserAgent: build.UserAgent(),
		Retry: retry, Timeout: timeout, Now: f.Now,
	}), nil
}

// apiError maps REST errors to the CLI's exit codes and hints: local validation, 400/422 and 404
// are usage errors (exit 2), 401/403 authentication (exit 4, via AuthFailure), the rest exit 3.
func apiError(err error) error {
	var he *api.HTTPError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, api.ErrNothingToUpdate):
		return &FlagError{Err: WithHint(err, "give at least one field flag, e.g. --answer-url URL")}
	case api.IsValidationError(err):
		return &FlagError{Err: err}
	case !errors.As(err, &he):
		return err
	case he.AuthFailure():
		return WithHint(err, "run `vobizctl auth status` to see which credentials were used and where they came from")
	case he.StatusCode == http.StatusNotFound:
		return &FlagError{Err: WithHint(err, "run `vobizctl apps list` to see the application IDs")}
	case he.StatusCode == http.StatusBadRequest || he.StatusCode == http.StatusUnprocessableEntity:
		return &FlagError{Err: err}
	}
	return err
}

// appIDCompletion completes the app-ID argument with "ID<TAB>name" candidates from the account,
// cached briefly. Any failure yields no candidates: nothing may be printed into the shell.
func appIDCompletion(f *Factory) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		client, err := newAPIClient(f, api.RetryPolicy{MaxAttempts: 1}, 3*time.Second)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ctx := c.Context()
		if ctx == nil {
			ctx = context.Background()
		}
		list := func(ctx context.Context) ([]api.Application, error) { return client.ListAllApplications(ctx, 0) }
		key := client.BaseURL() + " " + client.AuthID()
		var out []string
		for _, cand := range completions.AppIDs(ctx, list, completions.AppIDCacheFile(key), appIDCacheTTL, f.Now()) {
			if strings.HasPrefix(cand, toComplete) {
				out = append(out, cand)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// inCommand makes the default hint of a usage error name this command's help rather than the
// root's ("run 'vobizctl apps create --help'").
func inCommand(c *cobra.Command, err error) error {
	if err == nil || ExitCode(err) != ExitUsage {
		return err
	}
	return &usageContext{path: c.CommandPath(), err: err}
}

// appArg is the positional app-ID argument check shared by get, update and delete.
func appArg() cobra.PositionalArgs { return exactArgs(1, "an app ID (see `vobizctl apps list`)") }

// describeDefaults renders the default-app flags as "number,endpoint" or "-".
func describeDefaults(a api.Application) string {
	var parts []string
	if a.DefaultNumberApp {
		parts = append(parts, "number")
	}
	if a.DefaultEndpointApp {
		parts = append(parts, "endpoint")
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ",")
}

// orDash shows an unset value as "-".
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// warnPlainHTTP warns on stderr about callback URLs Vobiz will not call in production.
func warnPlainHTTP(f *Factory, fields map[string]string) {
	r := f.Renderer()
	for _, name := range []string{"answer_url", "hangup_url", "fallback_answer_url", "message_url"} {
		if u := fields[name]; api.IsPlainHTTP(u) {
			fmt.Fprintf(r.Err, "%s %s %q uses plain http: Vobiz calls only public HTTPS URLs, so use https outside local tests\n",
				r.ErrStyles.Warning("warning:"), name, u)
		}
	}
}
