package send

import (
	"net/http"
	"sort"
	"strings"
)

// Param is one request parameter.
type Param struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Header is one HTTP header line, for reports.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Signer adds a platform's signature headers to one outgoing request.
type Signer interface {
	// Sign sets the signature headers on h for a request the platform would sign as in.
	Sign(h http.Header, in SignInput) error
}

// SignInput is everything a signature may cover.
type SignInput struct {
	// URL is the URL the platform would sign: the public URL (--sign-url), else the target.
	URL    string
	Method string
	// Params are the request's parameters (only legacy schemes sign them).
	Params []Param
}

// Request is one built webhook, ready to deliver.
type Request struct {
	Method string `json:"method"`
	// URL is the URL requested: the target, plus the parameters as a query string for GET.
	URL     string      `json:"url"`
	SignURL string      `json:"sign_url,omitempty"`
	Header  http.Header `json:"-"`
	Params  []Param     `json:"params"`
	Body    []byte      `json:"-"`
}

// HeaderList returns the request headers sorted by name, for reports.
func (r *Request) HeaderList() []Header { return headerList(r.Header) }

func headerList(h http.Header) []Header {
	out := make([]Header, 0, len(h))
	for name, values := range h {
		for _, v := range values {
			out = append(out, Header{Name: name, Value: v})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// BuildOptions say where a request goes and how it is signed.
type BuildOptions struct {
	Target Target
	// Signer signs the request; nil sends it unsigned (--no-sign, or a dialect without signing).
	Signer Signer
	// Header holds extra headers (--header); they are set last, so they can replace any header,
	// including a signature (to test how a server rejects a bad one).
	Header http.Header
}

// Values draws one request's parameter values.
func (p *Plan) Values(g *Generator) []Param {
	env := &g.env
	env.reset(&p.facts, g, p.Dialect.TimeFormat)
	out := make([]Param, len(p.params))
	for i, pp := range p.params {
		out[i] = Param{Name: pp.name, Value: pp.tpl.eval(env)}
	}
	return out
}

// Build draws fresh values and returns a complete, signed request.
func (p *Plan) Build(g *Generator, o BuildOptions) (*Request, error) {
	params := p.Values(g)
	r := &Request{Method: p.Method, URL: o.Target.URL, Params: params, Header: make(http.Header, 8)}
	if o.Target.SignURL != o.Target.URL {
		r.SignURL = o.Target.SignURL
	}
	if ua := p.Dialect.UserAgent; ua != "" {
		r.Header["User-Agent"] = []string{ua}
	}
	switch {
	case p.Method == http.MethodGet:
		r.URL = appendQuery(o.Target.URL, encodeForm(params))
	case p.Encoding == "json":
		r.Body = p.encodeJSON(params)
		r.Header["Content-Type"] = []string{"application/json"}
	default:
		r.Body = encodeForm(params)
		r.Header["Content-Type"] = []string{"application/x-www-form-urlencoded"}
	}
	if o.Signer != nil {
		in := SignInput{URL: o.Target.SignURL, Method: p.Method, Params: params}
		if err := o.Signer.Sign(r.Header, in); err != nil {
			return nil, err
		}
	}
	for name, values := range o.Header {
		r.Header[name] = values
	}
	return r, nil
}

// encodeForm encodes params as application/x-www-form-urlencoded in their order (the plan sorts
// them), byte for byte as url.Values.Encode would for sorted keys.
func encodeForm(params []Param) []byte {
	n := 0
	for _, p := range params {
		n += len(p.Name) + len(p.Value) + 2
	}
	b := make([]byte, 0, n+n/4)
	for i, p := range params {
		if i > 0 {
			b = append(b, '&')
		}
		b = appendEscaped(b, p.Name)
		b = append(b, '=')
		b = appendEscaped(b, p.Value)
	}
	return b
}

// appendEscaped appends s escaped as url.QueryEscape does: unreserved bytes as they are, space
// as "+", every other byte as %XX (upper-case hex).
func appendEscaped(b []byte, s string) []byte {
	const upperHex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b = append(b, c)
		case c == ' ':
			b = append(b, '+')
		default:
			b = append(b, '%', upperHex[c>>4], upperHex[c&0x0f])
		}
	}
	return b
}

func appendQuery(target string, query []byte) string {
	if len(query) == 0 {
		return target
	}
	base, frag, hasFrag := strings.Cut(target, "#")
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
		if strings.HasSuffix(base, "?") || strings.HasSuffix(base, "&") {
			sep = ""
		}
	}
	out := base + sep + string(query)
	if hasFrag {
		out += "#" + frag
	}
	return out
}

// encodeJSON writes params as one JSON object in their order; typed parameters (number, bool,
// json) are written raw when their value is valid for the type, else as strings.
func (p *Plan) encodeJSON(params []Param) []byte {
	b := append(make([]byte, 0, 256), '{')
	for i, v := range params {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, v.Name)
		b = append(b, ':')
		b = appendJSONValue(b, p.params[i].typ, v.Value)
	}
	return append(b, '}')
}
