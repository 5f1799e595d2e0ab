package tunnel

import "strings"

// secretHeaders carry credentials of their own; their values are never recorded.
var secretHeaders = []string{"X-Auth-Token", "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"}

// redactExchange removes every secret from an exchange before anyone sees it: the values of
// credential headers, and each secret wherever it appears (URI, headers, bodies).
func redactExchange(ex *Exchange, secrets []string) {
	var pairs []string
	for _, s := range secrets {
		if len(s) >= 4 {
			pairs = append(pairs, s, "****")
		}
	}
	r := strings.NewReplacer(pairs...)
	clean := func(s string) string {
		if len(pairs) == 0 {
			return s
		}
		return r.Replace(s)
	}
	ex.PublicURL = clean(ex.PublicURL)
	ex.Error = clean(ex.Error)
	redactMessage(&ex.Request, clean)
	if ex.Response != nil {
		redactMessage(ex.Response, clean)
	}
}

func redactMessage(m *Message, clean func(string) string) {
	m.URI = clean(m.URI)
	if m.BodyEncoding == "" {
		m.Body = clean(m.Body)
	}
	for _, name := range secretHeaders {
		if _, ok := m.Header[name]; ok {
			m.Header[name] = []string{"[REDACTED]"}
		}
	}
	for _, vs := range m.Header {
		for i, v := range vs {
			vs[i] = clean(v)
		}
	}
}
