package send

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Target is where a webhook goes and which URL its signature covers.
type Target struct {
	// URL is the URL requested.
	URL string `json:"url"`
	// SignURL is the URL the platform would sign: the public URL configured at the platform
	// (e.g. a tunnel's) when it differs from URL.
	SignURL string `json:"sign_url"`
}

// ParseTarget turns --to (and --sign-url) into a Target. --to accepts a full URL, host:port/path,
// :port/path (localhost) or a bare port; the scheme defaults to http and an empty path becomes
// "/", as the request line carries it. --sign-url must be a full http(s) URL and is used exactly
// as given, since the platform signs the URL as configured.
func ParseTarget(to, signURL string) (Target, error) {
	u, err := normalizeTo(to)
	if err != nil {
		return Target{}, err
	}
	t := Target{URL: u, SignURL: u}
	if signURL != "" {
		if err := checkFullURL(signURL, "--sign-url"); err != nil {
			return Target{}, err
		}
		t.SignURL = signURL
	}
	return t, nil
}

func normalizeTo(to string) (string, error) {
	s := strings.TrimSpace(to)
	switch {
	case s == "":
		return "", fmt.Errorf("empty --to (want a URL such as http://localhost:3000/answer, localhost:3000/answer or :3000/answer)")
	case strings.Contains(s, "://"):
	case strings.HasPrefix(s, ":"):
		s = "http://localhost" + s
	case isPort(s):
		s = "http://localhost:" + s
	default:
		s = "http://" + s
	}
	if err := checkFullURL(s, "--to"); err != nil {
		return "", err
	}
	u, _ := url.Parse(s) // checked above
	if u.Path == "" && u.Opaque == "" {
		scheme, rest, _ := strings.Cut(s, "://")
		hostEnd := strings.IndexAny(rest, "?#")
		if hostEnd < 0 {
			hostEnd = len(rest)
		}
		s = scheme + "://" + rest[:hostEnd] + "/" + rest[hostEnd:]
	}
	return s, nil
}

func isPort(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n > 0 && n < 65536
}

// checkFullURL accepts an absolute http or https URL with a host.
func checkFullURL(s, flag string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("invalid %s %q: %v", flag, s, unwrapURLError(err))
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return fmt.Errorf("invalid %s %q: scheme %q (want http or https)", flag, s, u.Scheme)
	}
	if u.Hostname() == "" {
		return fmt.Errorf("invalid %s %q: no host", flag, s)
	}
	if p := u.Port(); p != "" && !isPort(p) {
		return fmt.Errorf("invalid %s %q: port %q (want 1-65535)", flag, s, p)
	}
	return nil
}

func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
