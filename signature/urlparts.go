package signature

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// urlParts is a URL split without decoding or normalising anything, so that every variant Explain
// builds differs from the original in exactly the part it names.
type urlParts struct {
	scheme string // as written, without "://"
	host   string // host[:port]
	path   string
	query  string // without "?"
}

// splitURL splits an URL that checkURL accepted.
func splitURL(raw string) urlParts {
	var p urlParts
	scheme, rest, _ := strings.Cut(raw, "://")
	p.scheme = scheme
	rest, _, _ = strings.Cut(rest, "#")
	rest, p.query, _ = strings.Cut(rest, "?")
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		p.host, p.path = rest[:i], rest[i:]
	} else {
		p.host = rest
	}
	return p
}

// base returns scheme://host/path.
func (p urlParts) base() string { return p.scheme + "://" + p.host + p.path }

// full returns the URL with its query string, if any.
func (p urlParts) full() string {
	if p.query == "" {
		return p.base()
	}
	return p.base() + "?" + p.query
}

// otherScheme returns http for https and https for anything else.
func otherScheme(scheme string) string {
	if strings.EqualFold(scheme, "https") {
		return "http"
	}
	return "https"
}

// pathCandidates returns the path as checked, with its trailing slash toggled, and its
// percent-decoded form (when it differs) with and without the slash.
func pathCandidates(path string) []string {
	out := []string{path, toggleSlash(path)}
	if dec, err := url.PathUnescape(path); err == nil && dec != path {
		out = append(out, dec, toggleSlash(dec))
	}
	return out
}

// toggleSlash adds a trailing slash to path or removes it.
func toggleSlash(path string) string {
	if strings.HasSuffix(path, "/") {
		return strings.TrimSuffix(path, "/")
	}
	return path + "/"
}

// splitHostPort splits host[:port], keeping IPv6 brackets in the name.
func splitHostPort(host string) (name, port string) {
	i := strings.LastIndexByte(host, ':')
	if i < 0 || i < strings.LastIndexByte(host, ']') {
		return host, ""
	}
	return host[:i], host[i+1:]
}

func joinHostPort(name, port string) string {
	if port == "" {
		return name
	}
	return name + ":" + port
}

// maxHosts bounds the candidate hosts so that a request with many forwarding headers cannot make
// Explain slow.
const maxHosts = 8

// forwardedHosts collects the hosts a proxy says the client called: Host (raw requests parsed
// into a header map keep it there), X-Forwarded-Host, X-Original-Host and Forwarded host=.
func forwardedHosts(h http.Header) []string {
	var out []string
	for _, name := range []string{"Host", "X-Forwarded-Host", "X-Original-Host"} {
		for _, line := range h.Values(name) {
			for v := range strings.SplitSeq(line, ",") {
				out = append(out, strings.TrimSpace(v))
			}
		}
	}
	for _, line := range h.Values("Forwarded") {
		for elem := range strings.SplitSeq(line, ",") {
			for pair := range strings.SplitSeq(elem, ";") {
				k, v, _ := strings.Cut(strings.TrimSpace(pair), "=")
				if strings.EqualFold(k, "host") {
					out = append(out, strings.Trim(v, `"`))
				}
			}
		}
	}
	return out
}

// hostCandidates returns the host[:port] values to try: the original, each extra host, and for
// every host name the port variants none, :80, :443 and the original port. The original comes
// first; the list is deduplicated and bounded.
func hostCandidates(orig string, extra []string) []string {
	names := []string{}
	ports := []string{}
	for _, h := range append([]string{orig}, extra...) {
		if h == "" || strings.ContainsAny(h, "/?# ") {
			continue
		}
		name, port := splitHostPort(h)
		names = appendUnique(names, name)
		ports = appendUnique(ports, port)
	}
	names, ports = names[:min(len(names), maxHosts)], ports[:min(len(ports), maxHosts)]
	ports = appendUnique(appendUnique(appendUnique(ports, ""), "443"), "80")
	out := []string{orig}
	for _, n := range names {
		for _, p := range ports {
			out = appendUnique(out, joinHostPort(n, p))
		}
	}
	return out
}

func appendUnique(list []string, v string) []string {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}
