package tunnel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"golang.ngrok.com/ngrok/v2"
)

// EnvNgrokAuthtoken is the environment variable ngrok's own tools read the authtoken from.
const EnvNgrokAuthtoken = "NGROK_AUTHTOKEN"

// ErrNoNgrokToken means the ngrok provider was chosen without an authtoken.
var ErrNoNgrokToken = &hintedError{
	err:  errors.New("no ngrok authtoken: ngrok needs one, even on the free plan"),
	hint: "set " + EnvNgrokAuthtoken + " (from https://dashboard.ngrok.com/get-started/your-authtoken) or add ngrok_authtoken to your profile in the config file",
}

// NgrokOptions configures the ngrok provider.
type NgrokOptions struct {
	// Authtoken authenticates the agent session. Required; never logged.
	Authtoken string
	// ConnectURL is the host:port the agent connects to; empty means ngrok's cloud service.
	// Tests point it at a loopback port so that they never reach ngrok's servers.
	ConnectURL string
	// Version is vobizctl's version, sent as client info.
	Version string
	// Logger receives the SDK's log records; nil discards them.
	Logger *slog.Logger
	// StartTimeout bounds the connection attempts (the SDK retries until its context ends);
	// 0 means 30 s.
	StartTimeout time.Duration
}

// Ngrok opens an ngrok endpoint in-process with the official Go SDK; no ngrok binary is needed.
// The endpoint forwards to the proxy's listen address.
type Ngrok struct {
	opts NgrokOptions

	agent    ngrok.Agent
	fwd      ngrok.EndpointForwarder
	done     chan struct{}
	mu       sync.Mutex
	err      error
	stopped  bool
	stopOnce sync.Once
}

// NewNgrok returns an ngrok provider; nothing connects until Start.
func NewNgrok(opts NgrokOptions) *Ngrok {
	return &Ngrok{opts: opts, done: make(chan struct{})}
}

// Name returns "ngrok".
func (n *Ngrok) Name() string { return ProviderNgrok }

// Done is closed when the endpoint stops.
func (n *Ngrok) Done() <-chan struct{} { return n.done }

// Err says why the endpoint stopped on its own; nil while it runs or after Stop.
func (n *Ngrok) Err() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.err
}

// agentOptions are the SDK options for opts; the authtoken goes only to the SDK.
func (n *Ngrok) agentOptions() []ngrok.AgentOption {
	logger := n.opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	version := n.opts.Version
	if version == "" {
		version = "dev"
	}
	opts := []ngrok.AgentOption{
		ngrok.WithAuthtoken(n.opts.Authtoken),
		ngrok.WithLogger(logger),
		ngrok.WithClientInfo("vobizctl", version),
	}
	if n.opts.ConnectURL != "" {
		opts = append(opts, ngrok.WithAgentConnectURL(n.opts.ConnectURL))
	}
	return opts
}

// Start connects to ngrok and opens an HTTPS endpoint forwarding to forwardTo.
func (n *Ngrok) Start(ctx context.Context, forwardTo string) (string, error) {
	if strings.TrimSpace(n.opts.Authtoken) == "" {
		return "", ErrNoNgrokToken
	}
	timeout := n.opts.StartTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	agent, err := ngrok.NewAgent(n.agentOptions()...)
	if err != nil {
		return "", fmt.Errorf("ngrok: %s", n.scrub(err))
	}
	fwd, err := agent.Forward(ctx, ngrok.WithUpstream(forwardTo), ngrok.WithDescription("vobizctl tunnel"))
	if err != nil {
		_ = agent.Disconnect()
		return "", fmt.Errorf("ngrok: cannot open the tunnel: %s", n.scrub(err))
	}
	n.agent, n.fwd = agent, fwd
	go n.watch()
	return strings.TrimRight(fwd.URL().String(), "/"), nil
}

// watch closes Done when the endpoint stops, recording an error unless Stop caused it.
func (n *Ngrok) watch() {
	<-n.fwd.Done()
	n.mu.Lock()
	if !n.stopped {
		n.err = errors.New("the ngrok endpoint was closed by the ngrok service")
	}
	n.mu.Unlock()
	close(n.done)
}

// Stop closes the endpoint and the agent session.
func (n *Ngrok) Stop() error {
	if n.fwd == nil {
		return nil
	}
	var err error
	n.stopOnce.Do(func() {
		n.mu.Lock()
		n.stopped = true
		n.mu.Unlock()
		_ = n.fwd.Close()
		if e := n.agent.Disconnect(); e != nil {
			err = fmt.Errorf("ngrok: %s", n.scrub(e))
		}
		<-n.done
	})
	return err
}

// scrub keeps the authtoken out of an SDK error message.
func (n *Ngrok) scrub(err error) string {
	msg := err.Error()
	if n.opts.Authtoken != "" {
		msg = strings.ReplaceAll(msg, n.opts.Authtoken, "****")
	}
	return msg
}
