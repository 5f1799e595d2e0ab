// Command benchserver is the local HTTP server scripts/bench-send.sh loads: it answers every
// request with a small Vobiz XML document, reading the body first as a real handler would. It
// listens on 127.0.0.1 (the port from -addr, default any free port) and prints its base URL on
// the first line of standard output.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
)

const reply = `<?xml version="1.0" encoding="UTF-8"?><Response><Speak>Hello</Speak></Response>`

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stdout, "http://%s\n", ln.Addr())
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/xml")
		_, _ = io.WriteString(w, reply)
	})
	log.Fatal(http.Serve(ln, handler))
}
