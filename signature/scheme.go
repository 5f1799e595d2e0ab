package signature

import (
	"fmt"
	"slices"
	"strings"
)

// Scheme names one way of signing a request. The names are the ones the CLI accepts in --scheme.
type Scheme string

// The supported schemes. V3 and V2 are the documented Vobiz schemes; MAV3 and MAV2 are the same
// formulas keyed with the parent (main) account token; PlivoV3 is the URL-plus-sorted-parameters
// string the official Vobiz Go SDK computes (a port of plivo-go), kept for compatibility; V1 is the
// legacy HMAC-SHA1 header, whose formula Vobiz does not document (inferred from the Plivo
// construction that the Vobiz Go SDK ports unchanged).
const (
	V3      Scheme = "v3"
	V2      Scheme = "v2"
	MAV3    Scheme = "ma-v3"
	MAV2    Scheme = "ma-v2"
	PlivoV3 Scheme = "plivo-v3"
	V1      Scheme = "v1"
)

// Header names exactly as the Vobiz docs spell them. HTTP header names are case-insensitive, so
// read them with http.Header.Get/Values (which canonicalise "MA" to "Ma"), never by map index.
const (
	HeaderV1      = "X-Vobiz-Signature"
	HeaderV2      = "X-Vobiz-Signature-V2"
	HeaderV2Nonce = "X-Vobiz-Signature-V2-Nonce"
	HeaderMAV2    = "X-Vobiz-Signature-MA-V2"
	HeaderV3      = "X-Vobiz-Signature-V3"
	HeaderV3Nonce = "X-Vobiz-Signature-V3-Nonce"
	HeaderMAV3    = "X-Vobiz-Signature-MA-V3"
)

// AllSchemes lists every scheme in the order verification tries them: the documented schemes first
// (V3 → MA-V3 → V2 → MA-V2, the order the reference recommends), then the compatibility ones.
var AllSchemes = []Scheme{V3, MAV3, V2, MAV2, PlivoV3, V1}

// DefaultSchemes are the schemes signed and verified when none are chosen: the four documented
// URL-plus-nonce schemes. PlivoV3 and V1 are opt-in because they sign the form body, which the
// documented schemes never do.
var DefaultSchemes = []Scheme{V3, MAV3, V2, MAV2}

type algorithm uint8

const (
	sha256Alg algorithm = iota
	sha1Alg
)

// schemeInfo is the static description of one scheme.
type schemeInfo struct {
	header      string    // header carrying the signature
	nonceHeader string    // header carrying the nonce; "" when the scheme has no nonce
	parent      bool      // keyed with the parent (main) account token
	alg         algorithm // HMAC hash
	inferred    bool      // formula not documented by Vobiz
}

// info returns the static description of s, the zero schemeInfo for an unknown scheme. It is a
// switch rather than a package-level map because a map literal is built by code at package init,
// which every vobizctl command would pay for at startup (and the switch is no slower per call).
func (s Scheme) info() schemeInfo {
	switch s {
	case V3, PlivoV3:
		// PlivoV3 shares the V3 header and nonce: the SDKs that compute it (the Vobiz Go SDK and
		// the renamed Plivo helpers) validate it against X-Vobiz-Signature-V3, so a server that
		// wants the compatibility fallback checks the same header with a second formula.
		return schemeInfo{header: HeaderV3, nonceHeader: HeaderV3Nonce}
	case MAV3:
		return schemeInfo{header: HeaderMAV3, nonceHeader: HeaderV3Nonce, parent: true}
	case V2:
		return schemeInfo{header: HeaderV2, nonceHeader: HeaderV2Nonce}
	case MAV2:
		return schemeInfo{header: HeaderMAV2, nonceHeader: HeaderV2Nonce, parent: true}
	case V1:
		return schemeInfo{header: HeaderV1, alg: sha1Alg, inferred: true}
	}
	return schemeInfo{}
}

// Header returns the name of the header that carries the scheme's signature.
func (s Scheme) Header() string { return s.info().header }

// NonceHeader returns the name of the header that carries the scheme's nonce, or "" for V1, which
// has none.
func (s Scheme) NonceHeader() string { return s.info().nonceHeader }

// UsesParentToken reports whether the scheme is keyed with the parent (main) account token.
func (s Scheme) UsesParentToken() bool { return s.info().parent }

// Inferred reports whether the scheme's formula is a working assumption rather than documented
// Vobiz behaviour (true for V1).
func (s Scheme) Inferred() bool { return s.info().inferred }

// Valid reports whether s is one of the supported schemes.
func (s Scheme) Valid() bool { return s.info().header != "" }

// String returns the scheme name.
func (s Scheme) String() string { return string(s) }

// ParseScheme returns the scheme called name (case-insensitive, "v3" or "V3").
func ParseScheme(name string) (Scheme, error) {
	s := Scheme(strings.ToLower(strings.TrimSpace(name)))
	if !s.Valid() {
		return "", fmt.Errorf("unknown signature scheme %q (want %s)", name, schemeList())
	}
	return s, nil
}

// ParseSchemes parses a comma-separated list such as "v3,ma-v3". Duplicates are dropped and the
// order given is kept. An empty list yields DefaultSchemes.
func ParseSchemes(list string) ([]Scheme, error) {
	if strings.TrimSpace(list) == "" {
		return append([]Scheme(nil), DefaultSchemes...), nil
	}
	var out []Scheme
	for name := range strings.SplitSeq(list, ",") {
		s, err := ParseScheme(name)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// checkSchemes validates a scheme list and substitutes the default for an empty one.
func checkSchemes(list []Scheme) ([]Scheme, error) {
	if len(list) == 0 {
		return DefaultSchemes, nil
	}
	for _, s := range list {
		if !s.Valid() {
			return nil, fmt.Errorf("unknown signature scheme %q (want %s)", string(s), schemeList())
		}
	}
	return list, nil
}

func schemeList() string {
	names := make([]string, len(AllSchemes))
	for i, s := range AllSchemes {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}
