package tunnel

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// Options configure a tunnel session (Run).
type Options struct {
	// Target is the local server. Required.
	Target *url.URL
	// Listen is where the proxy listens and the tunnel forwards to; "" means a free loopback port.
	Listen string
	// Provider opens the tunnel. Required.
	Provider Provider
	// AppID is the Application to point at the tunnel; "" leaves Applications alone.
	AppID string
	// Swapper swaps the Application's URLs; required with AppID.
	Swapper *Swapper
	// Paths are the Application URLs' paths below the public URL.
	Paths Paths
	// Proxy holds the inspection settings; Target and OnExchange are set by Run.
	Proxy ProxyOptions
	// Health bounds the check that the public URL reaches the proxy.
	Health HealthOptions
	// LocalCheckInterval is how often the local server is probed; 0 means 2 s.
	LocalCheckInterval time.Duration
	// CleanupTimeout bounds restoring the Application and stopping the tunnel; 0 means 30 s.
	CleanupTimeout time.Duration
	// Events receive what happens; nil callbacks are skipped.
	Events Events
}

// Events are the session's callbacks. Exchange and LocalState are called from other goroutines.
type Events struct {
	// Recovered reports a crashed session's journal restored before this one starts.
	Recovered func(RestoreReport)
	// Progress reports a step, such as "starting cloudflared".
	Progress func(step string)
	// Ready reports the tunnel is up (and the Application points at it).
	Ready func(Ready)
	// Exchange reports one proxied request.
	Exchange func(Exchange)
	// LocalState reports the local server going down or coming up.
	LocalState func(up bool, err error)
	// Restored reports the Application put back at the end (nil report without an app), or
	// why it was not.
	Restored func(*RestoreReport, error)
}

// Ready is the "tunnel is up" announcement; with --format json it is one NDJSON line.
type Ready struct {
	Type      string `json:"type"` // always "ready"
	PublicURL string `json:"public_url"`
	Listen    string `json:"listen"`
	Target    string `json:"target"`
	Provider  string `json:"provider"`
	AppID     string `json:"app_id,omitempty"`
	AppName   string `json:"app_name,omitempty"`
	URLs      URLSet `json:"urls,omitempty"`
}

// session is the state of one Run.
type session struct {
	opts  Options
	ln    net.Listener
	srv   *http.Server
	proxy *Proxy
	lease *Lease
	stop  context.CancelFunc
}

// Run opens the tunnel, points the Application at it, proxies until ctx ends or the tunnel dies,
// then restores the Application and closes everything. It returns ctx's error after an
// interrupt, the provider's error when the tunnel died, or the restore error.
func Run(ctx context.Context, opts Options) error {
	if opts.Target == nil || opts.Provider == nil || (opts.AppID != "" && opts.Swapper == nil) {
		return errors.New("tunnel.Run: Target, Provider and (with AppID) Swapper are required")
	}
	s := &session{opts: opts}
	cause := s.start(ctx)
	if cause == nil { // started: run until stopped
		cause = s.wait(ctx)
	}
	restoreErr := s.cleanup(ctx)
	switch {
	case restoreErr == nil:
		return cause
	case cause == nil:
		return restoreErr
	case errors.Is(cause, context.Canceled):
		return cause // Events.Restored has reported restoreErr; an interrupt stays an interrupt
	}
	return fmt.Errorf("%w; then %w", cause, restoreErr)
}

// start runs every step up to Ready; on error, cleanup undoes what was done.
func (s *session) start(ctx context.Context) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	if err := s.listen(); err != nil {
		return err
	}
	watchCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.stop = stop
	go WatchLocal(watchCtx, s.opts.Target, s.opts.LocalCheckInterval, s.localState)
	s.progress("starting " + s.opts.Provider.Name())
	public, err := s.opts.Provider.Start(ctx, "http://"+s.ln.Addr().String())
	if err != nil {
		return err
	}
	if err := s.proxy.SetPublicURL(public); err != nil {
		return err
	}
	s.progress("checking that " + public + " reaches the proxy")
	if err := CheckPublicURL(ctx, public, s.proxy, s.opts.Health, s.opts.Provider.Done()); err != nil {
		return err
	}
	ready := Ready{Type: "ready", PublicURL: public, Listen: s.ln.Addr().String(), Target: s.opts.Target.String(), Provider: s.opts.Provider.Name()}
	if s.lease != nil {
		if err := s.apply(ctx, public, &ready); err != nil {
			return err
		}
	}
	if s.opts.Events.Ready != nil {
		s.opts.Events.Ready(ready)
	}
	return nil
}

// begin takes the Application (restoring a crashed session's journal first).
func (s *session) begin(ctx context.Context) error {
	if s.opts.AppID == "" {
		return nil
	}
	lease, recovered, err := s.opts.Swapper.Begin(ctx, s.opts.AppID)
	if err != nil {
		return err
	}
	s.lease = lease
	if recovered != nil && s.opts.Events.Recovered != nil {
		s.opts.Events.Recovered(*recovered)
	}
	return nil
}

// listen starts the proxy's HTTP server.
func (s *session) listen() error {
	addr := s.opts.Listen
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return &hintedError{err: fmt.Errorf("cannot listen on %q: %v", addr, err), hint: "pick a free address with --listen 127.0.0.1:PORT, or leave --listen out"}
	}
	po := s.opts.Proxy
	po.Target, po.OnExchange = s.opts.Target, s.opts.Events.Exchange
	s.proxy, err = NewProxy(po)
	if err != nil {
		ln.Close()
		return err
	}
	s.ln = ln
	s.srv = &http.Server{Handler: s.proxy, ReadHeaderTimeout: 30 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return nil
}

func (s *session) apply(ctx context.Context, public string, ready *Ready) error {
	urls, err := s.opts.Paths.URLs(public)
	if err != nil {
		return err
	}
	s.progress("pointing application " + s.opts.AppID + " at " + public)
	app, err := s.lease.Apply(ctx, public, urls)
	if err != nil {
		return err
	}
	ready.AppID, ready.AppName, ready.URLs = s.opts.AppID, app.Name, urls
	return nil
}

// wait blocks until the user stops the session or the tunnel dies.
func (s *session) wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-s.opts.Provider.Done():
		if err := s.opts.Provider.Err(); err != nil {
			return fmt.Errorf("the tunnel ended: %w", err)
		}
		return errors.New("the tunnel ended")
	}
}

// cleanup restores the Application first (while the tunnel still answers), then stops the
// tunnel and the proxy. It runs on a context of its own: ctx may already be cancelled.
func (s *session) cleanup(ctx context.Context) error {
	timeout := s.opts.CleanupTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	defer cancel()
	var restoreErr error
	if s.lease != nil {
		var rep *RestoreReport
		rep, restoreErr = s.lease.End(cctx)
		if s.opts.Events.Restored != nil {
			s.opts.Events.Restored(rep, restoreErr)
		}
	}
	_ = s.opts.Provider.Stop()
	if s.srv != nil {
		_ = s.srv.Shutdown(cctx)
	}
	if s.stop != nil {
		s.stop()
	}
	return restoreErr
}

func (s *session) progress(step string) {
	if s.opts.Events.Progress != nil {
		s.opts.Events.Progress(step)
	}
}

func (s *session) localState(up bool, err error) {
	if s.opts.Events.LocalState != nil {
		s.opts.Events.LocalState(up, err)
	}
}
