package tunnel

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// deadProvider is a static tunnel that can be made to die.
type deadProvider struct {
	*StaticProvider
	once sync.Once
	died chan struct{}
}

func newDeadProvider(u string) *deadProvider {
	return &deadProvider{StaticProvider: NewStaticProvider(u), died: make(chan struct{})}
}

func (p *deadProvider) Done() <-chan struct{} { return p.died }
func (p *deadProvider) Err() error            { return errors.New("fake provider died") }
func (p *deadProvider) die()                  { p.once.Do(func() { close(p.died) }) }

// sessionEvents records a session's events on channels.
type sessionEvents struct {
	ready    chan Ready
	restored chan error
	local    chan bool
	got      *exchanges
	reports  []*RestoreReport
	mu       sync.Mutex
}

func newSessionEvents() *sessionEvents {
	return &sessionEvents{ready: make(chan Ready, 1), restored: make(chan error, 1), local: make(chan bool, 16), got: newExchanges()}
}

func (e *sessionEvents) events() Events {
	return Events{
		Ready:    func(r Ready) { e.ready <- r },
		Exchange: e.got.add,
		LocalState: func(up bool, _ error) {
			e.local <- up
		},
		Restored: func(rep *RestoreReport, err error) {
			e.mu.Lock()
			e.reports = append(e.reports, rep)
			e.mu.Unlock()
			e.restored <- err
		},
	}
}

func waitFor[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(15 * time.Second):
		t.Fatalf("waited 15s for %s", what)
	}
	var zero T
	return zero
}

// sessionSetup is a local server, a free listen address, a store with one app and options for
// a url-provider session whose public URL is the listen address itself.
func sessionSetup(t *testing.T) (Options, *memStore, *sessionEvents) {
	t.Helper()
	local := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, "<Response><Speak>hello</Speak></Response>")
	}))
	t.Cleanup(local.Close)
	target, _ := url.Parse(local.URL)
	listen, err := freeLoopbackAddr()
	if err != nil {
		t.Fatal(err)
	}
	store := newMemStore(testApp())
	ev := newSessionEvents()
	opts := Options{
		Target: target, Listen: listen, Provider: NewStaticProvider("http://" + listen),
		AppID: testApp().ID, Swapper: newSwapper(t, store), Paths: Paths{Answer: "/answer", Hangup: "/hangup"},
		Proxy:  ProxyOptions{Verifier: hmacVerifier{testToken}, Linter: xmlLinter{}, Secrets: []string{testToken}},
		Health: HealthOptions{Timeout: 10 * time.Second, Interval: 20 * time.Millisecond}, LocalCheckInterval: 20 * time.Millisecond,
		Events: ev.events(),
	}
	return opts, store, ev
}

func runAsync(ctx context.Context, opts Options) <-chan error {
	done := make(chan error, 1)
	go func() { done <- Run(ctx, opts) }()
	return done
}

func TestSessionSwapsProxiesAndRestoresOnInterrupt(t *testing.T) {
	opts, store, ev := sessionSetup(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := runAsync(ctx, opts)
	ready := waitFor(t, ev.ready, "ready")
	public := "http://" + opts.Listen
	wantReady := Ready{Type: "ready", PublicURL: public, Listen: opts.Listen, Target: opts.Target.String(), Provider: "url",
		AppID: testApp().ID, AppName: "ivr", URLs: URLSet{FieldAnswer: public + "/answer", FieldHangup: public + "/hangup"}}
	if diff := cmp.Diff(wantReady, ready); diff != "" {
		t.Fatalf("ready (-want +got):\n%s", diff)
	}
	if got := store.urls(testApp().ID)[FieldAnswer]; got != public+"/answer" {
		t.Fatalf("answer_url during the session = %q", got)
	}
	postForm(t, public+"/answer", url.Values{"Event": {"StartApp"}}, signedHeader(testToken, public+"/answer", "99"))
	ex := ev.got.wait(t, 1)
	if ex.Signature.Status != SignatureValid || ex.Event != "StartApp" || ex.Response.Status != 200 || ex.Lint.Errors != 0 {
		t.Errorf("exchange: signature %+v event %q status %d lint %+v", ex.Signature, ex.Event, ex.Response.Status, ex.Lint)
	}
	cancel()
	if err := waitFor(t, done, "Run to return"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if err := waitFor(t, ev.restored, "restored"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(testApp().URLs, store.urls(testApp().ID)); diff != "" {
		t.Errorf("after the session (-want +got):\n%s", diff)
	}
	if _, err := net.Dial("tcp", opts.Listen); err == nil {
		t.Error("the proxy still listens after Run returned")
	}
}

func TestSessionRestoresWhenTheTunnelDies(t *testing.T) {
	opts, store, ev := sessionSetup(t)
	p := newDeadProvider("http://" + opts.Listen)
	opts.Provider = p
	done := runAsync(context.Background(), opts)
	waitFor(t, ev.ready, "ready")
	p.die()
	err := waitFor(t, done, "Run to return")
	if err == nil || !strings.Contains(err.Error(), "the tunnel ended: fake provider died") {
		t.Fatalf("Run = %v", err)
	}
	if diff := cmp.Diff(testApp().URLs, store.urls(testApp().ID)); diff != "" {
		t.Errorf("after the tunnel died (-want +got):\n%s", diff)
	}
}

func TestSessionHealthFailureLeavesTheAppAlone(t *testing.T) {
	opts, store, _ := sessionSetup(t)
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "not the proxy") }))
	defer elsewhere.Close()
	opts.Provider = NewStaticProvider(elsewhere.URL)
	opts.Health.Timeout = 200 * time.Millisecond
	err := Run(context.Background(), opts)
	var he *HealthError
	if !errors.As(err, &he) || !strings.Contains(err.Error(), "something other than vobizctl's proxy") {
		t.Fatalf("Run = %v, want *HealthError", err)
	}
	if diff := cmp.Diff(testApp().URLs, store.urls(testApp().ID)); diff != "" || store.updateCount() != 0 {
		t.Errorf("app touched (%d updates):\n%s", store.updateCount(), diff)
	}
}

func TestSessionWarnsWhileTheLocalServerIsDown(t *testing.T) {
	opts, _, ev := sessionSetup(t)
	addr, err := freeLoopbackAddr()
	if err != nil {
		t.Fatal(err)
	}
	opts.Target, _ = url.Parse("http://" + addr)
	opts.AppID = ""
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := runAsync(ctx, opts)
	if up := waitFor(t, ev.local, "the local-server warning"); up {
		t.Fatal("first local state = up, want down")
	}
	waitFor(t, ev.ready, "ready despite the local server being down")
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if up := waitFor(t, ev.local, "the local server coming up"); !up {
		t.Fatal("second local state = down, want up")
	}
	cancel()
	waitFor(t, done, "Run to return")
}
