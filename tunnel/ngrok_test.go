package tunnel

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// These tests cover the ngrok wiring that needs no network: the authtoken check and the error
// path of a session that cannot connect. The agent is pointed at a closed loopback port, so no
// test ever reaches ngrok's servers; a successful tunnel is not tested here.

func TestNgrokWithoutAuthtoken(t *testing.T) {
	n := NewNgrok(NgrokOptions{Authtoken: "  "})
	_, err := n.Start(context.Background(), "http://127.0.0.1:1")
	if !errors.Is(err, ErrNoNgrokToken) {
		t.Fatalf("err = %v, want ErrNoNgrokToken", err)
	}
	var h interface{ Hint() string }
	if !errors.As(err, &h) || !strings.Contains(h.Hint(), EnvNgrokAuthtoken) {
		t.Fatalf("no hint naming %s in %v", EnvNgrokAuthtoken, err)
	}
	if err := n.Stop(); err != nil {
		t.Fatalf("Stop before a successful Start = %v", err)
	}
}

func TestNgrokConnectFailureKeepsTokenSecret(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	const token = "2abcSECRETngrokTOKEN_0123456789"
	n := NewNgrok(NgrokOptions{Authtoken: token, ConnectURL: closed, Version: "test", StartTimeout: 500 * time.Millisecond})
	_, err = n.Start(context.Background(), "http://127.0.0.1:1")
	if err == nil {
		t.Fatal("Start succeeded against a closed port")
	}
	for _, want := range []string{"ngrok: cannot open the tunnel", closed, "connection refused"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %q, want it to contain %q", err, want)
		}
	}
	if strings.Contains(err.Error(), token) {
		t.Errorf("err %q contains the authtoken", err)
	}
}
