package signature

import (
	"fmt"
	"slices"
	"strings"
)

// variantInput is what Explain knows about one failed scheme.
type variantInput struct {
	sc                           Scheme
	req                          *Request
	nonce                        string
	otherNonce, otherNonceHeader string
	hosts                        []string
	canSwap                      bool
}

// variant is one guess at what the platform signed.
type variant struct {
	kinds   []CauseKind
	notes   []string // one phrase per kind, for the description
	url     string   // the URL the guess assumes was called
	message string   // the string the guess signs
	swapped bool     // keyed with the other account's token
}

// urlVariant is one guess at the URL the platform called.
type urlVariant struct {
	parts         urlParts
	queryIncluded bool
	kinds         []CauseKind
	notes         []string
}

// formula is one way to build the signed string: a scheme's formula and the kind it adds when it
// is not the scheme's own.
type formula struct {
	scheme Scheme
	kind   CauseKind
	note   string
}

// buildVariants returns every combination of the differences Explain tries, except the identity,
// fewest differences first.
func buildVariants(in variantInput) []variant {
	var out []variant
	for _, u := range urlVariants(splitURL(in.req.URL), in.hosts) {
		for _, f := range formulas(in.sc) {
			if u.queryIncluded && (f.scheme == PlivoV3 || f.scheme == V1) {
				continue // these formulas always sign the query
			}
			for _, nv := range nonceVariants(in) {
				for _, swap := range swapVariants(in) {
					if v, ok := combine(in, u, f, nv, swap); ok {
						out = append(out, v)
					}
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b variant) int {
		if d := len(a.kinds) - len(b.kinds); d != 0 {
			return d
		}
		return rank(a.kinds) - rank(b.kinds)
	})
	return out
}

// rank orders variants with as many differences: URL differences (the common field failure)
// first, then signer mistakes, then the other formula style. Variants can tie on the string they
// sign (Plivo-style without parameters equals the decoded path), and the URL reading is the more
// useful one.
func rank(kinds []CauseKind) int {
	r := 0
	for _, k := range kinds {
		switch k {
		case CausePlivoStyle, CauseDocsStyle:
			r += 2
		case CauseQueryString, CauseToken, CauseVersion, CauseNonce:
			r++
		}
	}
	return r
}

// combine builds the variant for one combination; ok is false for the identity.
func combine(in variantInput, u urlVariant, f formula, nv formula, swap formula) (variant, bool) {
	v := variant{url: u.parts.full(), swapped: swap.kind != ""}
	v.kinds = append(v.kinds, u.kinds...)
	v.notes = append(v.notes, u.notes...)
	for _, extra := range []formula{f, nv, swap} {
		if extra.kind != "" {
			v.kinds = append(v.kinds, extra.kind)
			v.notes = append(v.notes, extra.note)
		}
	}
	if len(v.kinds) == 0 {
		return v, false
	}
	nonce := in.nonce
	if nv.kind != "" {
		nonce = in.otherNonce
	}
	v.message = variantMessage(f.scheme, u, in.req, nonce)
	return v, true
}

// variantMessage builds the string formula s signs for URL variant u.
func variantMessage(s Scheme, u urlVariant, req *Request, nonce string) string {
	base := u.parts.base()
	if u.queryIncluded {
		base = u.parts.full()
	}
	switch s {
	case V3, MAV3:
		return base + "." + nonce
	case V2, MAV2:
		return base + nonce
	}
	alt := Request{URL: u.parts.full(), Method: req.Method, Params: req.Params}
	msg, err := appendMessage(nil, s, &alt, nonce)
	if err != nil {
		return "" // an URL variant that does not parse cannot have been signed
	}
	return string(msg)
}

// urlVariants returns the URL guesses: scheme × host/port × trailing slash × query string.
func urlVariants(p urlParts, hosts []string) []urlVariant {
	var out []urlVariant
	for _, scheme := range []string{p.scheme, otherScheme(p.scheme)} {
		for _, host := range hostCandidates(p.host, hosts) {
			for _, path := range pathCandidates(p.path) {
				for _, withQuery := range queryChoices(p) {
					q := urlParts{scheme: scheme, host: host, path: path, query: p.query}
					out = append(out, describeURL(p, q, withQuery))
				}
			}
		}
	}
	return out
}

func queryChoices(p urlParts) []bool {
	if p.query == "" {
		return []bool{false}
	}
	return []bool{false, true}
}

// describeURL names how guess q differs from the checked URL p.
func describeURL(p, q urlParts, withQuery bool) urlVariant {
	u := urlVariant{parts: q, queryIncluded: withQuery}
	add := func(k CauseKind, note string) {
		u.kinds = append(u.kinds, k)
		u.notes = append(u.notes, note)
	}
	if q.scheme != p.scheme {
		add(CauseScheme, fmt.Sprintf("the platform called %s:// but %s:// was checked (TLS ends at a proxy or tunnel)", q.scheme, p.scheme))
	}
	pName, pPort := splitHostPort(p.host)
	qName, qPort := splitHostPort(q.host)
	switch {
	case pName != qName:
		add(CauseHost, fmt.Sprintf("the platform called host %q but %q was checked (a tunnel or proxy changed the Host)", q.host, p.host))
	case pPort != qPort:
		add(CausePort, fmt.Sprintf("the platform called %q but %q was checked (a port was added or dropped on the way)", q.host, p.host))
	}
	if q.path != p.path && q.path != toggleSlash(p.path) {
		add(CausePathEncoding, fmt.Sprintf("the signed path is %q but %q was checked (percent-encoding)", pathOrRoot(q.path), pathOrRoot(p.path)))
	}
	if strings.HasSuffix(q.path, "/") != strings.HasSuffix(p.path, "/") {
		add(CauseTrailingSlash, fmt.Sprintf("the signed path is %q but %q was checked (trailing slash)", pathOrRoot(q.path), pathOrRoot(p.path)))
	}
	if withQuery {
		add(CauseQueryString, fmt.Sprintf("the signed string includes the query string %q, which the documented scheme strips", "?"+p.query))
	}
	return u
}

func pathOrRoot(path string) string {
	if path == "" {
		return "(empty path)"
	}
	return path
}

// formulas returns the scheme's own formula and the other-style formula Explain tries.
func formulas(sc Scheme) []formula {
	switch sc {
	case V3, MAV3:
		return []formula{{scheme: sc}, {scheme: PlivoV3, kind: CausePlivoStyle,
			note: "it was signed with the Plivo-style string (URL + sorted form parameters, as the Vobiz Go SDK computes); verify with scheme plivo-v3"},
			{scheme: V2, kind: CauseVersion, note: "it is a V2 signature (baseURL + nonce, no \".\"); check it as v2"}}
	case V2, MAV2:
		return []formula{{scheme: sc}, {scheme: V3, kind: CauseVersion,
			note: `it is a V3 signature (baseURL + "." + nonce); check it as v3`}}
	case PlivoV3:
		return []formula{{scheme: sc}, {scheme: V3, kind: CauseDocsStyle,
			note: `it was signed with the documented string baseURL + "." + nonce; verify with scheme v3`}}
	}
	return []formula{{scheme: sc}}
}

func nonceVariants(in variantInput) []formula {
	out := []formula{{}}
	if in.otherNonce != "" && in.otherNonce != in.nonce {
		out = append(out, formula{kind: CauseNonce, note: fmt.Sprintf(
			"it was signed with the nonce from %s instead of %s", in.otherNonceHeader, in.sc.info().nonceHeader)})
	}
	return out
}

func swapVariants(in variantInput) []formula {
	out := []formula{{}}
	if !in.canSwap {
		return out
	}
	note := "it was signed with the parent (main) account token, not the account's own token"
	if in.sc.info().parent {
		note = "it was signed with the account's own (sub-account) token, not the parent token"
	}
	return append(out, formula{kind: CauseToken, note: note})
}

// urlKinds are the causes fixed by checking another URL.
var urlKinds = []CauseKind{CauseScheme, CauseHost, CausePort, CauseTrailingSlash, CausePathEncoding}

// describe writes the description of a matching variant, with the fix for URL differences.
func describe(v variant) string {
	text := "likely cause: " + strings.Join(v.notes, "; ")
	for _, k := range v.kinds {
		if slices.Contains(urlKinds, k) {
			return text + fmt.Sprintf("; verify against the public URL %q (--public-url, or the middleware's PublicBaseURL or TrustForwardedHeaders)", v.url)
		}
	}
	return text
}

const unknownDescription = "no variant matched: the token is probably not the one that signed the request " +
	"(check which account or sub-account owns the call, and token rotation), or the nonce or signature changed in transit"
