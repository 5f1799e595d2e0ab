package send

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func buildFor(t *testing.T, url string) *Request {
	t.Helper()
	p := mustPlan(t, PlanOptions{Event: "answer"})
	r, err := p.Build(NewGenerator(1, fixedClock), BuildOptions{Target: Target{URL: url, SignURL: url}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDeliveryErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedURL := "http://" + ln.Addr().String() + "/answer"
	_ = ln.Close()

	blocking := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // then the server notices the client hanging up
		<-r.Context().Done()
	}))
	defer blocking.Close()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(replyXML))
	defer tlsSrv.Close()
	plain := httptest.NewServer(http.HandlerFunc(replyXML))
	defer plain.Close()
	closing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		_ = conn.Close()
	}))
	defer closing.Close()

	tests := []struct {
		name     string
		url      string
		timeout  time.Duration
		wantKind ErrorKind
		wantMsg  string
		wantHint string
	}{
		{"refused", refusedURL, time.Second, ErrRefused, "connection refused by 127.0.0.1:", "is your server running"},
		{"timeout", blocking.URL + "/slow", 50 * time.Millisecond, ErrTimeout, "no reply from " + blocking.URL + "/slow within 50ms", "--timeout"},
		{"unknown CA", tlsSrv.URL + "/a", time.Second, ErrTLS, "TLS handshake with 127.0.0.1:", "--insecure"},
		{"plain HTTP server", strings.Replace(plain.URL, "http://", "https://", 1) + "/a", time.Second, ErrTLS, "the server speaks plain HTTP", "use an http:// URL"},
		{"closed", closing.URL + "/a", time.Second, ErrClosed, "closed before a reply", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Deliver(context.Background(), &http.Client{Transport: NewTransport(TransportOptions{})}, buildFor(t, tt.url), tt.timeout)
			var de *DeliveryError
			if !errors.As(err, &de) {
				t.Fatalf("error %v (%T), want a *DeliveryError", err, err)
			}
			if de.Kind != tt.wantKind || !strings.Contains(de.Error(), tt.wantMsg) || !strings.Contains(de.Hint(), tt.wantHint) {
				t.Errorf("got kind %s, %q (hint %q); want %s, %q, hint %q", de.Kind, de.Error(), de.Hint(), tt.wantKind, tt.wantMsg, tt.wantHint)
			}
			if strings.Contains(de.Error(), "\n") {
				t.Errorf("message is not one line: %q", de.Error())
			}
		})
	}
}

func TestClassifyDNS(t *testing.T) {
	err := classify(context.Background(), "http://nowhere.invalid:3000/a", 0,
		&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}})
	var de *DeliveryError
	if !errors.As(err, &de) || de.Kind != ErrDNS || de.Error() != `cannot resolve host "nowhere.invalid" (http://nowhere.invalid:3000/a)` {
		t.Fatalf("got %v", err)
	}
}

func TestDeliverCancelledIsNotADeliveryError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(replyXML))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Deliver(ctx, http.DefaultClient, buildFor(t, srv.URL), time.Second)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

func TestDeliverMeasuresOversizedReplies(t *testing.T) {
	const size = 3 * MaxReplyBytes
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		_, _ = w.Write([]byte(strings.Repeat("x", size)))
	}))
	defer srv.Close()
	resp, err := Deliver(context.Background(), http.DefaultClient, buildFor(t, srv.URL), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Size != size || len(resp.Body) != MaxReplyBytes+1 || resp.Status != 200 {
		t.Errorf("size %d, kept %d, status %d; want %d, %d, 200", resp.Size, len(resp.Body), resp.Status, size, MaxReplyBytes+1)
	}
}
