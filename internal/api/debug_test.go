package api_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/api/apitest"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of parallel calls.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestDebugLogShowsExchangesWithoutTheToken(t *testing.T) {
	s := apitest.NewServer(t)
	var log syncBuffer
	tick := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c, _ := newTestClient(t, s, func(o *api.Options) {
		o.Debug = &log
		o.Now = func() time.Time { tick = tick.Add(5 * time.Millisecond); return tick }
	})
	// A user who pastes the token into a field must not see it echoed in the debug log.
	_, err := c.CreateApplication(t.Context(), api.CreateParams{AppName: "a", AnswerURL: "https://example.com/?k=" + s.AuthToken})
	if err != nil {
		t.Fatal(err)
	}
	out := log.String()
	for _, want := range []string{
		"> POST " + s.URL + "/Account/MA_FAKE0001/Application/\n",
		"> X-Auth-ID: MA_FAKE0001\n",
		"> X-Auth-Token: [REDACTED]\n",
		"> Content-Type: application/json\n",
		`> {"app_name":"a","answer_url":"https://example.com/?k=[REDACTED]"}`,
		"< 201 Created (5ms)\n",
		`< {"api_id":"00000000-0000-4000-8000-000000000001","app_id":"10000000000000001","message":"created"}`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("debug log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, s.AuthToken) {
		t.Errorf("debug log leaks the token:\n%s", out)
	}
}

func TestDebugTransportKeepsBodiesIntact(t *testing.T) {
	big := strings.Repeat("x", 100<<10) // larger than what the log shows
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Set-Cookie", "session=abc")
		_, _ = io.WriteString(w, big)
	}))
	defer srv.Close()
	var log syncBuffer
	rt := api.NewDebugTransport(nil, &log, "secret", nil)
	req, _ := http.NewRequest("GET", srv.URL+"/?token=secret", nil)
	res, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(body) != big {
		t.Errorf("caller got %d bytes, want %d", len(body), len(big))
	}
	out := log.String()
	for _, want := range []string{"/?token=[REDACTED]", "< Set-Cookie: [REDACTED]", "… (truncated at 65536 bytes)"} {
		if !strings.Contains(out, want) {
			t.Errorf("debug log lacks %q", want)
		}
	}
}

func TestDebugTransportLogsErrors(t *testing.T) {
	var log syncBuffer
	rt := api.NewDebugTransport(nil, &log, "secret", nil)
	req, _ := http.NewRequest("GET", "http://127.0.0.1:1/", nil)
	if _, err := rt.RoundTrip(req); err == nil {
		t.Fatal("RoundTrip to port 1 succeeded")
	}
	if !strings.Contains(log.String(), "! dial tcp 127.0.0.1:1") {
		t.Errorf("debug log lacks the error:\n%s", log.String())
	}
}
