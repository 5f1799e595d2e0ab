// Command fakecloudflared stands in for cloudflared in tests. It accepts the arguments vobizctl
// passes (tunnel --no-autoupdate --url URL --metrics HOST:PORT), forwards a loopback port to URL
// and reports that port as the quick tunnel's hostname on the metrics endpoint, as the real
// cloudflared reports its trycloudflare.com hostname. FAKE_CLOUDFLARED selects a behaviour:
//
//	(unset)  metrics /quicktunnel and /ready, no URL in the log
//	log      no metrics server; the URL box is printed as the real one prints it
//	fail     prints a quick-tunnel error and exits 1 at once
//	hang     never gives a URL
//
// A request to /__fake/exit through the tunnel makes it exit with status 7 (a provider death).
// SIGTERM or SIGINT makes it exit 0.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	fs := flag.NewFlagSet("fakecloudflared", flag.ExitOnError)
	target := fs.String("url", "", "origin URL")
	metrics := fs.String("metrics", "", "metrics address")
	fs.Bool("no-autoupdate", false, "")
	if len(os.Args) < 2 || os.Args[1] != "tunnel" {
		log.Fatalf("fakecloudflared: want the tunnel subcommand, got %q", os.Args[1:])
	}
	_ = fs.Parse(os.Args[2:])
	mode := os.Getenv("FAKE_CLOUDFLARED")
	logf("Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out.")
	logf("Requesting new quick Tunnel on trycloudflare.com...")
	switch mode {
	case "fail":
		logf("ERR Error unmarshaling QuickTunnel response: 429 Too Many Requests")
		fmt.Fprintln(os.Stderr, "failed to unmarshal quick Tunnel: invalid character 'e' looking for beginning of value")
		os.Exit(1)
	case "hang":
		waitForSignal()
		return
	}
	origin, err := url.Parse(*target)
	if err != nil || origin.Host == "" {
		log.Fatalf("fakecloudflared: bad --url %q", *target)
	}
	host := serveForwarder(origin)
	switch mode {
	case "log":
		printBox("https://seasonal-deck-organisms-sf.trycloudflare.com")
	default:
		serveMetrics(*metrics, host)
	}
	logf("Registered tunnel connection connIndex=0 location=test protocol=quic")
	waitForSignal()
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s INF %s\n", time.Now().UTC().Format(time.RFC3339), fmt.Sprintf(format, args...))
}

func printBox(u string) {
	logf("+--------------------------------------------------------------------------------------------+")
	logf("|  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |")
	logf("|  %-90s|", u)
	logf("+--------------------------------------------------------------------------------------------+")
}

// serveForwarder forwards a fresh loopback port to origin and returns its host:port.
func serveForwarder(origin *url.URL) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/__fake/exit", func(w http.ResponseWriter, r *http.Request) {
		logf("ERR Connection terminated error=\"fake exit requested\"")
		os.Exit(7)
	})
	mux.Handle("/", httputil.NewSingleHostReverseProxy(origin))
	go func() { log.Fatal(http.Serve(l, mux)) }()
	return l.Addr().String()
}

func serveMetrics(addr, host string) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatalf("fakecloudflared: metrics: %v", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/quicktunnel", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]string{"hostname": host})
	})
	mux.HandleFunc("/ready", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]int{"status": 200, "readyConnections": 1})
	})
	go func() { log.Fatal(http.Serve(l, mux)) }()
	logf("Starting metrics server on %s/metrics", l.Addr())
}

func waitForSignal() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, os.Interrupt)
	<-ch
	logf("Initiating graceful shutdown due to signal terminated ...")
	os.Exit(0)
}
