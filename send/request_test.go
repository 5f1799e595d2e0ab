package send

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGoldenRequests pins the exact bytes of every event (and every var value) with a fixed seed,
// clock and nonces: method, URL, headers and body. Regenerate with go test ./send/ -update.
func TestGoldenRequests(t *testing.T) {
	c, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	target := Target{URL: "http://localhost:3000/vobiz/answer", SignURL: "https://abc.tunnel.example/vobiz/answer"}
	for _, d := range c.Dialects() {
		for _, e := range d.Events {
			for _, settings := range variantSettings(e) {
				name := goldenName(d.Name, e.Name, settings)
				t.Run(name, func(t *testing.T) {
					p := mustPlan(t, PlanOptions{Dialect: d.Name, Event: e.Name, Settings: settings})
					var signer Signer
					if d.Signing == "vobiz" {
						signer = newTestSigner(t, true)
					}
					r, err := p.Build(NewGenerator(42, fixedClock), BuildOptions{Target: target, Signer: signer})
					if err != nil {
						t.Fatal(err)
					}
					compareGolden(t, filepath.Join("testdata", "requests", name+".txt"), dumpRequest(r))
				})
			}
		}
	}
}

// variantSettings returns the default choice plus one setting per non-default var value.
func variantSettings(e *Event) [][]Setting {
	out := [][]Setting{nil}
	for _, v := range e.Vars {
		for _, x := range v.Values {
			if x.Value != v.Default {
				out = append(out, []Setting{{Name: v.Name, Value: x.Value, Flag: "--set " + v.Name}})
			}
		}
	}
	return out
}

func goldenName(dialect, event string, settings []Setting) string {
	name := dialect + "_" + event
	for _, s := range settings {
		name += "_" + s.Name + "=" + s.Value
	}
	return name
}

func dumpRequest(r *Request) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s\n", r.Method, r.URL)
	for _, h := range r.HeaderList() {
		fmt.Fprintf(&b, "%s: %s\n", h.Name, h.Value)
	}
	fmt.Fprintf(&b, "\n%s\n", r.Body)
	return b.Bytes()
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./send/ -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// TestEncodeFormMatchesURLValues checks the hand-written encoder against net/url for tricky text.
func TestEncodeFormMatchesURLValues(t *testing.T) {
	params := []Param{
		{"A", "plain"}, {"B", "a b+c&d=e"}, {"C", "ünïcødé ✓"}, {"D", ""}, {"E e", "~-._*'()!"},
		{"F", "%41%"}, {"G", "line\nbreak\t"},
	}
	v := url.Values{}
	for _, p := range params {
		v.Add(p.Name, p.Value)
	}
	if diff := cmp.Diff(v.Encode(), string(encodeForm(params))); diff != "" {
		t.Errorf("encodeForm differs from url.Values.Encode (-want +got):\n%s", diff)
	}
}

func TestBuildGETPutsParamsInTheQuery(t *testing.T) {
	tests := []struct{ name, target, wantPrefix string }{
		{"no query", "http://localhost:3000/answer", "http://localhost:3000/answer?CallStatus=ringing&"},
		{"existing query", "http://localhost:3000/answer?app=7", "http://localhost:3000/answer?app=7&CallStatus=ringing&"},
		{"trailing question mark", "http://localhost:3000/answer?", "http://localhost:3000/answer?CallStatus=ringing&"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlan(t, PlanOptions{Event: "answer", Method: "get"})
			r, err := p.Build(NewGenerator(1, fixedClock), BuildOptions{Target: Target{URL: tt.target, SignURL: tt.target}})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(r.URL, tt.wantPrefix) || r.Body != nil || r.Header.Get("Content-Type") != "" {
				t.Errorf("GET request = %s (body %q, type %q), want prefix %s and no body", r.URL, r.Body, r.Header.Get("Content-Type"), tt.wantPrefix)
			}
			q, _ := url.Parse(r.URL)
			if got := q.Query().Get("Event"); got != "StartApp" {
				t.Errorf("Event in query = %q", got)
			}
		})
	}
}

func TestBuildHeadersOverrideLast(t *testing.T) {
	p := mustPlan(t, PlanOptions{Event: "hangup"})
	extra := http.Header{"User-Agent": {"custom"}, "X-Vobiz-Signature-V3": {"tampered"}, "X-Trace": {"1"}}
	r, err := p.Build(NewGenerator(1, fixedClock), BuildOptions{
		Target: Target{URL: "http://h/x", SignURL: "http://h/x"}, Signer: newTestSigner(t, false), Header: extra,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, h := range r.HeaderList() {
		got[h.Name] = h.Value
	}
	for name, want := range map[string]string{"User-Agent": "custom", "X-Vobiz-Signature-V3": "tampered", "X-Trace": "1"} {
		if got[name] != want {
			t.Errorf("%s = %q, want %q", name, got[name], want)
		}
	}
	if got["X-Vobiz-Signature-V2"] == "" {
		t.Error("the other signature headers are gone")
	}
}

func TestAppendJSONValue(t *testing.T) {
	tests := []struct{ name, typ, value, want string }{
		{"string", "", `say "hi"\n`, `"say \"hi\"\\n"`},
		{"control", "string", "a\x01b\tc", `"a\u0001b\tc"`},
		{"utf8", "", "ünï ✓", `"ünï ✓"`},
		{"invalid utf8", "", "a\xffb", `"a\ufffdb"`},
		{"number", "number", "12.5", `12.5`},
		{"not a number", "number", "0x10", `"0x10"`},
		{"bool", "bool", "true", `true`},
		{"bad bool", "bool", "yes", `"yes"`},
		{"json", "json", `{"a":[1,2]}`, `{"a":[1,2]}`},
		{"bad json", "json", `{a}`, `"{a}"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendJSONValue(nil, tt.typ, tt.value)); got != tt.want {
				t.Errorf("appendJSONValue(%q, %q) = %s, want %s", tt.typ, tt.value, got, tt.want)
			}
		})
	}
}

func TestHeaderListIsSorted(t *testing.T) {
	r := &Request{Header: http.Header{"B": {"2"}, "A": {"1", "0"}, "C": {"3"}}}
	got := r.HeaderList()
	names := make([]string, len(got))
	for i, h := range got {
		names[i] = h.Name
	}
	if !sort.StringsAreSorted(names) || len(got) != 4 {
		t.Errorf("HeaderList = %v", got)
	}
}
