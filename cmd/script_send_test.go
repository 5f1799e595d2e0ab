package cmd

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/vobizctl/vobizctl/internal/sigtest"
)

// webhookServer is the receiver of the `webhook` script command.
type webhookServer struct {
	status      int
	contentType string
	body        []byte
	hang        bool
	token       string
	parent      string
	public      string
	logPath     string
	mu          sync.Mutex
	hits        atomic.Int64
}

// webhookCmd is the `webhook` script command, an in-process receiver for `vobizctl send`:
//
//	webhook start [-status N] [-type CT] [-body FILE] [-hang] [-token T] [-parent T] [-public URL]
//	webhook count N
//
// start exports WEBHOOK (its base URL) and appends every request to $WORK/webhook.log as
// "METHOD PATH?QUERY sig=ok|bad|none" followed by one "  Key=Value" line per parameter, in order.
// Signatures are checked independently (HMAC-SHA256 per the reference) with -token (default
// $VOBIZ_AUTH_TOKEN) and -parent (default the token) against -public + path (default the URL the
// request reached). -hang never replies. count checks the exact number of requests received.
func webhookCmd() func(ts *testscript.TestScript, neg bool, args []string) {
	var mu sync.Mutex
	servers := map[*testscript.TestScript]*webhookServer{} // scripts run in parallel
	return func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) == 0 {
			ts.Fatalf("usage: webhook start [flags] | webhook count N")
		}
		mu.Lock()
		srv := servers[ts]
		mu.Unlock()
		switch args[0] {
		case "start":
			srv = startWebhook(ts, args[1:])
			mu.Lock()
			servers[ts] = srv
			mu.Unlock()
			ts.Defer(func() {
				mu.Lock()
				delete(servers, ts)
				mu.Unlock()
			})
		case "count":
			if srv == nil || len(args) != 2 {
				ts.Fatalf("usage: webhook count N (after webhook start)")
			}
			want, err := strconv.ParseInt(args[1], 10, 64)
			ts.Check(err)
			if got := srv.hits.Load(); got != want {
				ts.Fatalf("webhook received %d requests, want %d", got, want)
			}
		default:
			ts.Fatalf("unknown webhook subcommand %q", args[0])
		}
	}
}

func startWebhook(ts *testscript.TestScript, args []string) *webhookServer {
	fs := flag.NewFlagSet("webhook start", flag.ContinueOnError)
	srv := &webhookServer{logPath: ts.MkAbs("webhook.log")}
	bodyFile := fs.String("body", "", "reply body file")
	fs.IntVar(&srv.status, "status", 200, "reply status")
	fs.StringVar(&srv.contentType, "type", "application/xml", "reply Content-Type")
	fs.BoolVar(&srv.hang, "hang", false, "never reply")
	fs.StringVar(&srv.token, "token", ts.Getenv("VOBIZ_AUTH_TOKEN"), "token to verify with")
	fs.StringVar(&srv.parent, "parent", "", "parent token (default: the token)")
	fs.StringVar(&srv.public, "public", "", "public base URL the signature covers")
	ts.Check(fs.Parse(args))
	if srv.parent == "" {
		srv.parent = srv.token
	}
	srv.body = []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Response>\n  <Speak>Hello</Speak>\n</Response>\n")
	if *bodyFile != "" {
		b, err := os.ReadFile(ts.MkAbs(*bodyFile))
		ts.Check(err)
		srv.body = b
	}
	hs := httptest.NewServer(http.HandlerFunc(srv.handle))
	ts.Defer(hs.Close)
	ts.Setenv("WEBHOOK", hs.URL)
	return srv
}

func (s *webhookServer) handle(w http.ResponseWriter, r *http.Request) {
	s.hits.Add(1)
	body, _ := io.ReadAll(r.Body)
	raw := string(body)
	if r.Method == http.MethodGet {
		raw = r.URL.RawQuery
	}
	publicURL := "http://" + r.Host + r.URL.Path
	if s.public != "" {
		publicURL = s.public + r.URL.Path
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s sig=%s\n", r.Method, r.URL.RequestURI(), checkWebhookSignature(r.Header, publicURL, s.token, s.parent))
	for _, kv := range strings.Split(raw, "&") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			k, _ = url.QueryUnescape(k)
			v, _ = url.QueryUnescape(v)
			fmt.Fprintf(&b, "  %s=%s\n", k, v)
		}
	}
	s.mu.Lock()
	if f, err := os.OpenFile(s.logPath, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
		_, _ = f.WriteString(b.String())
		_ = f.Close()
	}
	s.mu.Unlock()
	if s.hang {
		<-r.Context().Done()
		return
	}
	w.Header().Set("Content-Type", s.contentType)
	w.WriteHeader(s.status)
	_, _ = w.Write(s.body)
}

// checkWebhookSignature verifies V3, MA-V3, V2 and MA-V2 independently of package signature:
// "none" without signature headers, "ok" when all four match, else "bad".
func checkWebhookSignature(h http.Header, publicURL, token, parent string) string {
	if h.Get("X-Vobiz-Signature-V3-Nonce") == "" && h.Get("X-Vobiz-Signature-V2-Nonce") == "" && h.Get("X-Vobiz-Signature-V3") == "" {
		return "none"
	}
	if sigtest.Verify(h, publicURL, token, parent) != nil {
		return "bad"
	}
	return "ok"
}
