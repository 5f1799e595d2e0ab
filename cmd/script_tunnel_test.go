package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/vobizctl/vobizctl/signature"
	"github.com/vobizctl/vobizctl/tunnel/tunneltest"
)

// tunnelKitCmd is the `tunnelkit` script command, the test doubles of the tunnel scripts:
//
//	tunnelkit freeport NAME             export a free loopback port as $NAME
//	tunnelkit local NAME                start a local server answering VobizXML (with a
//	                                    misspelt element on /broken); export its URL
//	tunnelkit cloudflared               build the fake cloudflared into $WORK/bin, put it on PATH
//	tunnelkit waitapp APP_ID PREFIX     wait (20 s at most) until answer_url starts with PREFIX
//	tunnelkit appget APP_ID             print the application as the fake API stores it
//	tunnelkit appedit APP_ID FIELD URL  change one field, as a colleague in the console would
//	tunnelkit post URL [k=v...]         POST a form signed with $VOBIZ_AUTH_TOKEN for URL
//	tunnelkit postapp APP_ID PATH [k=v...]  the same to the app's answer_url host + PATH
//
// The API verbs talk HTTP to $VOBIZ_API_URL with $FAKEVOBIZ_AUTH_ID/$FAKEVOBIZ_AUTH_TOKEN.
func tunnelKitCmd() func(ts *testscript.TestScript, neg bool, args []string) {
	return func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) == 0 {
			ts.Fatalf("usage: tunnelkit freeport|local|cloudflared|waitapp|appget|appedit|post|postapp ...")
		}
		verbs := map[string]func(*testscript.TestScript, []string){
			"freeport": kitFreePort, "local": kitLocal, "cloudflared": kitCloudflared, "waitapp": kitWaitApp,
			"appget": kitAppGet, "appedit": kitAppEdit, "post": kitPost, "postapp": kitPostApp,
		}
		verb, ok := verbs[args[0]]
		if !ok {
			ts.Fatalf("tunnelkit: unknown verb %q", args[0])
		}
		verb(ts, args[1:])
	}
}

func kitFreePort(ts *testscript.TestScript, args []string) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	ts.Check(l.Close())
	ts.Setenv(args[0], port)
}

func kitLocal(ts *testscript.TestScript, args []string) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		if r.URL.Path == "/broken" {
			io.WriteString(w, "<Response><Spek>Hello from the local server</Spek></Response>")
			return
		}
		io.WriteString(w, "<Response><Speak>Hello from the local server</Speak></Response>")
	}))
	ts.Defer(srv.Close)
	ts.Setenv(args[0], srv.URL)
}

// kitCloudflared builds the fake cloudflared into $WORK/bin (the build cache makes repeats
// cheap) and puts that directory first on PATH.
func kitCloudflared(ts *testscript.TestScript, _ []string) {
	bin := ts.MkAbs("bin")
	ts.Check(os.MkdirAll(bin, 0o755))
	_, err := tunneltest.BuildFakeCloudflared(bin)
	ts.Check(err)
	ts.Setenv("PATH", bin+string(os.PathListSeparator)+ts.Getenv("PATH"))
}

// kitAPI does one request against the fake API and decodes the JSON answer into out.
func kitAPI(ts *testscript.TestScript, method, appID string, body any, out any) {
	u := ts.Getenv("VOBIZ_API_URL") + "/Account/" + ts.Getenv("FAKEVOBIZ_AUTH_ID") + "/Application/" + appID + "/"
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		ts.Check(err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, u, rd)
	ts.Check(err)
	req.Header.Set("X-Auth-ID", ts.Getenv("FAKEVOBIZ_AUTH_ID"))
	req.Header.Set("X-Auth-Token", ts.Getenv("FAKEVOBIZ_AUTH_TOKEN"))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	ts.Check(err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		ts.Fatalf("%s %s: HTTP %d %s", method, u, resp.StatusCode, b)
	}
	if out != nil {
		ts.Check(json.Unmarshal(b, out))
	}
}

func kitAppGet(ts *testscript.TestScript, args []string) {
	var app map[string]any
	kitAPI(ts, http.MethodGet, args[0], nil, &app)
	delete(app, "api_id") // a fresh request ID per GET
	b, err := json.MarshalIndent(app, "", "  ")
	ts.Check(err)
	fmt.Fprintf(ts.Stdout(), "%s\n", b)
}

func kitAppEdit(ts *testscript.TestScript, args []string) {
	kitAPI(ts, http.MethodPost, args[0], map[string]string{args[1]: args[2]}, nil)
}

func kitWaitApp(ts *testscript.TestScript, args []string) {
	deadline := time.Now().Add(20 * time.Second)
	for {
		var app map[string]any
		kitAPI(ts, http.MethodGet, args[0], nil, &app)
		if s, _ := app["answer_url"].(string); strings.HasPrefix(s, args[1]) {
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("waited 20s for answer_url of %s to start with %q; it is %v", args[0], args[1], app["answer_url"])
		}
		time.Sleep(50 * time.Millisecond) // polling interval of a bounded wait, not a timing assertion
	}
}

func kitPostApp(ts *testscript.TestScript, args []string) {
	var app map[string]any
	kitAPI(ts, http.MethodGet, args[0], nil, &app)
	u, err := url.Parse(fmt.Sprint(app["answer_url"]))
	ts.Check(err)
	u.Path = args[1]
	kitPost(ts, append([]string{u.String()}, args[2:]...))
}

func kitPost(ts *testscript.TestScript, args []string) {
	form := url.Values{}
	for _, kv := range args[1:] {
		k, v, _ := strings.Cut(kv, "=")
		form.Add(k, v)
	}
	req, err := http.NewRequest(http.MethodPost, args[0], strings.NewReader(form.Encode()))
	ts.Check(err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if token := ts.Getenv("VOBIZ_AUTH_TOKEN"); token != "" {
		s, err := signature.NewSigner(signature.SignOptions{Token: token})
		ts.Check(err)
		ts.Check(s.SignTo(req.Header, signature.Request{URL: args[0]}))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(ts.Stdout(), "no response: %v\n", err)
		return
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	fmt.Fprintf(ts.Stdout(), "HTTP %d\n%s\n", resp.StatusCode, b)
}
