package apitest

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestScriptCommands(t *testing.T) {
	cmds := ScriptCommands()
	cmds["httpget"] = httpGet
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Cmds: cmds})
}

// httpGet sends "GET $VOBIZ_API_URL/PATH" with the FAKEVOBIZ_* credentials and prints the
// status code, so scripts can check what fakevobiz start exported.
func httpGet(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: httpget PATH")
	}
	req, err := http.NewRequest("GET", ts.Getenv("VOBIZ_API_URL")+args[0], nil)
	ts.Check(err)
	req.Header.Set("X-Auth-ID", ts.Getenv("FAKEVOBIZ_AUTH_ID"))
	req.Header.Set("X-Auth-Token", ts.Getenv("FAKEVOBIZ_AUTH_TOKEN"))
	// A fresh transport per call: net/http itself re-sends a GET whose reused connection is
	// dropped, which would hide an injected drop.
	res, err := (&http.Client{Transport: &http.Transport{}}).Do(req)
	if err != nil {
		if !neg {
			ts.Fatalf("httpget: %v", err)
		}
		return
	}
	res.Body.Close()
	fmt.Fprintln(ts.Stdout(), res.StatusCode)
}
