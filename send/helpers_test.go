package send

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
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

func hmacB64(key, msg string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(msg))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// referenceBaseURL is scheme://host[:port]/path with query and fragment removed (§3.2).
func referenceBaseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	return u.Scheme + "://" + u.Host + u.Path, nil
}

// verifyVobizSignature checks the four documented headers of r against publicURL, computing the
// HMACs independently of the code under test.
func verifyVobizSignature(h http.Header, publicURL, token, parent string) error {
	base, err := referenceBaseURL(publicURL)
	if err != nil {
		return err
	}
	n3, n2 := h.Get("X-Vobiz-Signature-V3-Nonce"), h.Get("X-Vobiz-Signature-V2-Nonce")
	if len(n3) == 0 || len(n2) == 0 {
		return fmt.Errorf("missing nonce headers")
	}
	checks := []struct{ header, key, msg string }{
		{"X-Vobiz-Signature-V3", token, base + "." + n3},
		{"X-Vobiz-Signature-MA-V3", parent, base + "." + n3},
		{"X-Vobiz-Signature-V2", token, base + n2},
		{"X-Vobiz-Signature-MA-V2", parent, base + n2},
	}
	for _, c := range checks {
		got, err := base64.StdEncoding.DecodeString(h.Get(c.header))
		if err != nil || len(got) == 0 {
			return fmt.Errorf("%s missing or not base64", c.header)
		}
		m := hmac.New(sha256.New, []byte(c.key))
		m.Write([]byte(c.msg))
		if !hmac.Equal(got, m.Sum(nil)) {
			return fmt.Errorf("%s does not verify for %s", c.header, base)
		}
	}
	return nil
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
