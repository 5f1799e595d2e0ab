// Package sigtest verifies Vobiz signature headers the way the reference writes them down
// (reference/vobiz-api.md §3.2), independently of package signature, so that tests of send,
// the tunnel and the commands check signatures with code that is not the code under test.
package sigtest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// BaseURL is scheme://host[:port]/path with query and fragment removed (§3.2).
func BaseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	return u.Scheme + "://" + u.Host + u.Path, nil
}

// HMACBase64 is base64(HMAC-SHA256(key, msg)).
func HMACBase64(key, msg string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(msg))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// Verify checks the four documented headers (V3, MA-V3, V2, MA-V2) of h against publicURL, with
// token for the account and parent for the MA- variants.
func Verify(h http.Header, publicURL, token, parent string) error {
	base, err := BaseURL(publicURL)
	if err != nil {
		return err
	}
	n3, n2 := h.Get("X-Vobiz-Signature-V3-Nonce"), h.Get("X-Vobiz-Signature-V2-Nonce")
	if n3 == "" || n2 == "" {
		return errors.New("missing nonce headers")
	}
	checks := []struct{ header, key, msg string }{
		{"X-Vobiz-Signature-V3", token, base + "." + n3},
		{"X-Vobiz-Signature-MA-V3", parent, base + "." + n3},
		{"X-Vobiz-Signature-V2", token, base + n2},
		{"X-Vobiz-Signature-MA-V2", parent, base + n2},
	}
	for _, c := range checks {
		got, err := base64.StdEncoding.DecodeString(h.Get(c.header))
		if err != nil || len(got) == 0 {
			return fmt.Errorf("%s missing or not base64", c.header)
		}
		m := hmac.New(sha256.New, []byte(c.key))
		m.Write([]byte(c.msg))
		if !hmac.Equal(got, m.Sum(nil)) {
			return fmt.Errorf("%s does not verify for %s", c.header, base)
		}
	}
	return nil
}
