package debuglog

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestTransportRedactsSecrets(t *testing.T) {
	const token = "super-secret-token-value"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Set-Cookie", "session=abc")
		io.WriteString(w, `{"echo":"`+r.Header.Get("X-Auth-Token")+`"}`)
	}))
	defer srv.Close()

	var logBuf bytes.Buffer
	log := New(&logBuf, token)
	client := &http.Client{Transport: log.Transport(nil)}
	req, _ := http.NewRequest("POST", srv.URL+"/Account/MA_X/?t="+token, strings.NewReader(`{"token":"`+token+`"}`))
	req.Header.Set("X-Auth-Token", token)
	req.Header.Set("X-Vobiz-Signature-V3", "c2lnbmF0dXJl")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), token) {
		t.Fatalf("the response body seen by the caller was altered: %q", body)
	}
	out := logBuf.String()
	if strings.Contains(out, token) || strings.Contains(out, "c2lnbmF0dXJl") {
		t.Errorf("debug log leaks a secret:\n%s", out)
	}
	for _, want := range []string{"> POST", "X-Auth-Token: ****", "< 200 OK", `{"echo":"****"}`} {
		if !strings.Contains(out, want) {
			t.Errorf("debug log lacks %q:\n%s", want, out)
		}
	}
}

func TestNilLoggerIsSilent(t *testing.T) {
	var l *Logger
	l.Printf("nothing %d", 1)
	if got := l.Redact("abc"); got != "abc" {
		t.Errorf("nil Redact = %q", got)
	}
	if tr := l.Transport(http.DefaultTransport); tr != http.DefaultTransport {
		t.Error("nil logger wrapped the transport")
	}
}
