package send

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"
)

// ErrorKind classifies why no reply arrived.
type ErrorKind string

// The delivery error kinds.
const (
	ErrDNS     ErrorKind = "dns"
	ErrRefused ErrorKind = "refused"
	ErrTimeout ErrorKind = "timeout"
	ErrTLS     ErrorKind = "tls"
	ErrClosed  ErrorKind = "closed"
	ErrNetwork ErrorKind = "network"
)

// DeliveryError says, in one line, why a webhook got no reply.
type DeliveryError struct {
	Kind    ErrorKind
	URL     string
	Host    string
	Timeout time.Duration
	Err     error
	plainTL bool // the server answered a TLS handshake with plain HTTP
}

func (e *DeliveryError) Error() string {
	switch e.Kind {
	case ErrDNS:
		return fmt.Sprintf("cannot resolve host %q (%s)", hostOnly(e.Host), e.URL)
	case ErrRefused:
		return fmt.Sprintf("connection refused by %s (%s)", e.Host, e.URL)
	case ErrTimeout:
		return fmt.Sprintf("no reply from %s within %s", e.URL, e.Timeout)
	case ErrTLS:
		if e.plainTL {
			return fmt.Sprintf("TLS handshake with %s failed: the server speaks plain HTTP", e.Host)
		}
		return fmt.Sprintf("TLS handshake with %s failed: %v", e.Host, e.Err)
	case ErrClosed:
		return fmt.Sprintf("connection to %s closed before a reply (%s)", e.Host, e.URL)
	}
	return fmt.Sprintf("request to %s failed: %v", e.URL, e.Err)
}

// Unwrap returns the underlying error.
func (e *DeliveryError) Unwrap() error { return e.Err }

// Hint names the likely fix.
func (e *DeliveryError) Hint() string {
	switch e.Kind {
	case ErrRefused:
		return "is your server running and listening on that port?"
	case ErrTimeout:
		return "the platform gives up long before this; raise --timeout only to debug a slow handler"
	case ErrTLS:
		if e.plainTL {
			return "use an http:// URL"
		}
		return "for a self-signed local certificate add --insecure"
	case ErrDNS:
		return "check the host name in --to"
	}
	return ""
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// classify turns a client error into a DeliveryError; a cancelled context (Ctrl-C) passes through.
func classify(ctx context.Context, rawURL string, timeout time.Duration, err error) error {
	if errors.Is(err, context.Canceled) && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return context.Canceled
	}
	host := rawURL
	if u, perr := url.Parse(rawURL); perr == nil {
		host = u.Host
	}
	de := &DeliveryError{Kind: kindOf(err), URL: rawURL, Host: host, Timeout: timeout, Err: err}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		de.Kind = ErrTimeout
	}
	de.plainTL = isPlainHTTP(err)
	if de.plainTL {
		de.Kind = ErrTLS
	}
	return de
}

// isPlainHTTP reports whether an https request reached a plain-HTTP server. net/http reports it
// as a plain error string.
func isPlainHTTP(err error) bool {
	var rh tls.RecordHeaderError
	return errors.As(err, &rh) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client")
}

func kindOf(err error) ErrorKind {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var rh tls.RecordHeaderError
	var alert tls.AlertError
	switch {
	case errors.As(err, &dnsErr):
		return ErrDNS
	case errors.Is(err, syscall.ECONNREFUSED):
		return ErrRefused
	case errors.Is(err, context.DeadlineExceeded), os.IsTimeout(err):
		return ErrTimeout
	case errors.As(err, &certErr), errors.As(err, &unknownCA), errors.As(err, &hostErr),
		errors.As(err, &rh), errors.As(err, &alert):
		return ErrTLS
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		return ErrClosed
	}
	return ErrNetwork
}
