// Command fakevobiz serves the fake Vobiz API of package apitest on a loopback port, for trying
// vobizctl by hand or from scripts: it prints the API URL on the first line of stdout, then
// serves until interrupted.
//
//	fakevobiz [-addr 127.0.0.1:0] [-auth-id ID] [-auth-token TOKEN] [-apps N]
//	VOBIZ_API_URL=<printed URL> VOBIZ_AUTH_ID=MA_FAKE0001 VOBIZ_AUTH_TOKEN=… vobizctl apps list
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/vobizctl/vobizctl/internal/api/apitest"
)

func main() {
	os.Exit(run())
}

func run() int {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	authID := flag.String("auth-id", apitest.DefaultAuthID, "auth ID the server accepts")
	authToken := flag.String("auth-token", apitest.DefaultAuthToken, "auth token the server accepts")
	apps := flag.Int("apps", 0, "number of applications to create at start (app-1 … app-N)")
	flag.Parse()
	s, err := apitest.Start(apitest.Config{Addr: *addr, AuthID: *authID, AuthToken: *authToken})
	if err != nil {
		fmt.Fprintln(os.Stderr, "fakevobiz:", err)
		return 1
	}
	defer s.Close()
	for i := 1; i <= *apps; i++ {
		s.AddApp(fmt.Sprintf("app-%d", i), fmt.Sprintf("https://example.com/answer/%d", i))
	}
	fmt.Println(s.URL)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	return 0
}
