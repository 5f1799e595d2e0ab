package send

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vobizctl/vobizctl/signature"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

const (
	testToken       = "test_auth_token_123"
	testParentToken = "parent_token_456"
)

var testNow = time.Date(2026, 7, 1, 9, 30, 0, 0, time.UTC)

func fixedClock() time.Time { return testNow }

// newTestSigner returns the real signer over the test tokens; nonces count up from 1 when
// counting is set (reproducible goldens), else they are random.
func newTestSigner(t testing.TB, counting bool) *VobizSigner {
	t.Helper()
	o := signature.SignOptions{Token: testToken, ParentToken: testParentToken}
	if counting {
		var n atomic.Int64
		o.Nonce = func() (string, error) { return fmt.Sprintf("%020d", n.Add(1)), nil }
	}
	s, err := NewVobizSigner(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// received is one request a receiver saw.
type received struct {
	method, path, rawQuery string
	header                 http.Header
	body                   []byte
	params                 []Param
}

// receiver is an httptest server that records requests and replies as told.
type receiver struct {
	srv   *httptest.Server
	mu    sync.Mutex
	got   []received
	hits  atomic.Int64
	reply http.HandlerFunc
}

func newReceiver(t *testing.T, reply http.HandlerFunc) *receiver {
	t.Helper()
	rv := &receiver{reply: reply}
	rv.srv = httptest.NewServer(http.HandlerFunc(rv.handle))
	t.Cleanup(rv.srv.Close)
	return rv
}

func (rv *receiver) handle(w http.ResponseWriter, r *http.Request) {
	rv.hits.Add(1)
	body, _ := io.ReadAll(r.Body)
	raw := string(body)
	if r.Method == http.MethodGet {
		raw = r.URL.RawQuery
	}
	rv.mu.Lock()
	rv.got = append(rv.got, received{
		method: r.Method, path: r.URL.Path, rawQuery: r.URL.RawQuery, header: r.Header.Clone(),
		body: body, params: parseOrdered(raw),
	})
	rv.mu.Unlock()
	rv.reply(w, r)
}

func (rv *receiver) last(t *testing.T) received {
	t.Helper()
	rv.mu.Lock()
	defer rv.mu.Unlock()
	if len(rv.got) == 0 {
		t.Fatal("the receiver got no request")
	}
	return rv.got[len(rv.got)-1]
}

// parseOrdered decodes a form body keeping the parameter order.
func parseOrdered(raw string) []Param {
	var out []Param
	for _, kv := range strings.Split(raw, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		out = append(out, Param{Name: k, Value: v})
	}
	return out
}

// replyXML answers with a small valid Vobiz document.
func replyXML(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/xml")
	_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Speak>Hello</Speak></Response>`)
}

func mustPlan(t testing.TB, opts PlanOptions) *Plan {
	t.Helper()
	c, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if opts.Dialect == "" {
		opts.Dialect = "vobiz"
	}
	p, err := c.Plan(opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func paramMap(ps []Param) map[string]string {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.Name] = p.Value
	}
	return m
}
