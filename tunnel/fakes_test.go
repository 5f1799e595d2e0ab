package tunnel

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vobizctl/vobizctl/internal/sigtest"
	"github.com/vobizctl/vobizctl/lint"
)

// hmacVerifier is a local stand-in for the signature package: it checks the documented V3 scheme
// (base64 HMAC-SHA256 of baseURL + "." + nonce) against the URL it is given.
type hmacVerifier struct{ token string }

func signV3(token, rawURL, nonce string) string {
	base, _ := sigtest.BaseURL(rawURL)
	return sigtest.HMACBase64(token, base+"."+nonce)
}

func (v hmacVerifier) Verify(r SignedRequest) SignatureCheck {
	nonce := r.Header.Get("X-Vobiz-Signature-V3-Nonce")
	if r.Header.Get("X-Vobiz-Signature-V3") == signV3(v.token, r.URL, nonce) {
		return SignatureCheck{Status: SignatureValid, Scheme: "V3"}
	}
	return SignatureCheck{Status: SignatureInvalid, Scheme: "V3", Cause: "signed for another URL than " + r.URL}
}

// xmlLinter is a local stand-in for the lint engine: one error when the reply is not
// well-formed XML, one warning when its root is not <Response>.
type xmlLinter struct{}

func (xmlLinter) LintReply(name string, body []byte) (lint.Result, error) {
	res := lint.Result{File: name}
	dec := xml.NewDecoder(strings.NewReader(string(body)))
	root := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.Diagnostics = append(res.Diagnostics, lint.Diagnostic{File: name, Rule: "xml-syntax", Message: err.Error()})
			return res, nil
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "Response" {
		res.Diagnostics = append(res.Diagnostics, lint.Diagnostic{File: name, Severity: lint.Warning, Rule: "root-element", Message: "root is <" + root + ">"})
	}
	return res, nil
}

// exchanges collects what a proxy reports. The proxy reports an exchange after the client may
// already have its response, so tests wait for the report.
type exchanges struct {
	mu     sync.Mutex
	list   []Exchange
	notify chan struct{}
}

func newExchanges() *exchanges { return &exchanges{notify: make(chan struct{}, 1000)} }

func (e *exchanges) add(ex Exchange) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.list = append(e.list, ex)
	e.notify <- struct{}{}
}

// wait blocks until n exchanges were reported (10 s at most) and returns the n-th.
func (e *exchanges) wait(t testing.TB, n int) Exchange {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		if all := e.all(); len(all) >= n {
			return all[n-1]
		}
		select {
		case <-e.notify:
		case <-deadline:
			t.Fatalf("waited 10s for exchange %d; have %d", n, len(e.all()))
		}
	}
}

func (e *exchanges) all() []Exchange {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]Exchange(nil), e.list...)
}

// signedHeader returns the V3 headers for rawURL.
func signedHeader(token, rawURL, nonce string) http.Header {
	h := http.Header{}
	h.Set("X-Vobiz-Signature-V3", signV3(token, rawURL, nonce))
	h.Set("X-Vobiz-Signature-V3-Nonce", nonce)
	return h
}
