package apitest

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
)

// ScriptCmd is the signature of a testscript command.
type ScriptCmd = func(ts *testscript.TestScript, neg bool, args []string)

// ScriptCommands returns the "fakevobiz" testscript command, to be added to
// testscript.Params.Cmds. Each script gets its own server:
//
//	fakevobiz start                  start it; sets VOBIZ_API_URL, FAKEVOBIZ_AUTH_ID, FAKEVOBIZ_AUTH_TOKEN
//	fakevobiz app NAME ANSWER_URL    add an application; prints its ID
//	fakevobiz apps N                 add N applications app-1 … app-N (https://example.com/answer/i)
//	fakevobiz attach APP_ID NUMBER   attach an E.164 number (deleting the app then answers 409)
//	fakevobiz fail N STATUS [retry-after=S] [method=M] [path=P]
//	                                 answer the next N (matching) requests with STATUS
//	fakevobiz drop N [method=M] [path=P]  close the connection on the next N (matching) requests
//	fakevobiz requests               print the request log, one "METHOD PATH[?QUERY]" per line
//	fakevobiz clear                  empty the request log
//
// Call it once per testscript.Params; the servers are kept in the returned closure, not in a
// package variable.
func ScriptCommands() map[string]ScriptCmd {
	servers := &scriptServers{byScript: map[*testscript.TestScript]*Server{}}
	return map[string]ScriptCmd{
		"fakevobiz": func(ts *testscript.TestScript, neg bool, args []string) {
			if neg {
				ts.Fatalf("fakevobiz does not support negation")
			}
			if len(args) == 0 {
				ts.Fatalf("usage: fakevobiz start|app|apps|attach|fail|drop|requests|clear ...")
			}
			if args[0] == "start" {
				startScriptServer(ts, servers)
				return
			}
			s := servers.get(ts)
			if s == nil {
				ts.Fatalf("fakevobiz %s: run \"fakevobiz start\" first", args[0])
			}
			runScriptVerb(ts, s, args[0], args[1:])
		},
	}
}

// scriptServers maps each running script to its server; scripts run in parallel.
type scriptServers struct {
	mu       sync.Mutex
	byScript map[*testscript.TestScript]*Server
}

func (m *scriptServers) get(ts *testscript.TestScript) *Server {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.byScript[ts]
}

func (m *scriptServers) set(ts *testscript.TestScript, s *Server) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s == nil {
		delete(m.byScript, ts)
		return
	}
	m.byScript[ts] = s
}

// startScriptServer starts the script's server, exports its URL and credentials, and stops it
// when the script ends.
func startScriptServer(ts *testscript.TestScript, servers *scriptServers) {
	if servers.get(ts) != nil {
		ts.Fatalf("fakevobiz start: already started")
	}
	s, err := Start(Config{})
	ts.Check(err)
	servers.set(ts, s)
	ts.Defer(func() {
		s.Close()
		servers.set(ts, nil)
	})
	ts.Setenv("VOBIZ_API_URL", s.URL)
	ts.Setenv("FAKEVOBIZ_AUTH_ID", s.AuthID)
	ts.Setenv("FAKEVOBIZ_AUTH_TOKEN", s.AuthToken)
}

func runScriptVerb(ts *testscript.TestScript, s *Server, verb string, args []string) {
	switch {
	case verb == "app" && len(args) == 2:
		fmt.Fprintln(ts.Stdout(), s.AddApp(args[0], args[1]))
	case verb == "apps" && len(args) == 1:
		for i := 1; i <= atoi(ts, args[0]); i++ {
			s.AddApp(fmt.Sprintf("app-%d", i), fmt.Sprintf("https://example.com/answer/%d", i))
		}
	case verb == "attach" && len(args) == 2:
		if !s.AttachNumber(args[0], args[1]) {
			ts.Fatalf("fakevobiz attach: no application %q", args[0])
		}
	case verb == "fail" && len(args) >= 2:
		f := failureOptions(ts, args[2:])
		f.Status = atoi(ts, args[1])
		s.FailNext(atoi(ts, args[0]), f)
	case verb == "drop" && len(args) >= 1:
		f := failureOptions(ts, args[1:])
		f.Drop = true
		s.FailNext(atoi(ts, args[0]), f)
	case verb == "clear" && len(args) == 0:
		s.ClearRequests()
	case verb == "requests" && len(args) == 0:
		out := ts.Stdout() // resets stdout even when the log is empty
		for _, r := range s.Requests() {
			line := r.Method + " " + r.Path
			if r.Query != "" {
				line += "?" + r.Query
			}
			fmt.Fprintln(out, line)
		}
	default:
		ts.Fatalf("fakevobiz %s %v: unknown verb or wrong number of arguments", verb, args)
	}
}

// failureOptions parses retry-after=, method= and path= options.
func failureOptions(ts *testscript.TestScript, opts []string) Failure {
	var f Failure
	for _, opt := range opts {
		key, value, _ := strings.Cut(opt, "=")
		switch key {
		case "retry-after":
			f.RetryAfter = value
		case "method":
			f.Method = value
		case "path":
			f.Path = value
		default:
			ts.Fatalf("fakevobiz: unknown option %q: want retry-after=, method= or path=", opt)
		}
	}
	return f
}

func atoi(ts *testscript.TestScript, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		ts.Fatalf("fakevobiz: %q is not a count", s)
	}
	return n
}
