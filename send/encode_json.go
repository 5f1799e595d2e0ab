package send

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// appendJSONValue writes value as the JSON type typ asks for, falling back to a string when the
// value is not valid for that type (a user's -d override, for instance).
func appendJSONValue(b []byte, typ, value string) []byte {
	switch typ {
	case "number":
		if _, err := strconv.ParseFloat(value, 64); err == nil && !strings.ContainsAny(value, "xXpP_") {
			return append(b, value...)
		}
	case "bool":
		if value == "true" || value == "false" {
			return append(b, value...)
		}
	case "json":
		if json.Valid([]byte(value)) {
			return append(b, value...)
		}
	}
	return appendJSONString(b, value)
}

// appendJSONString writes s as a JSON string (RFC 8259): quotes, backslashes and control
// characters escaped, other UTF-8 kept as is, invalid bytes replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b = appendJSONByte(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

func appendJSONByte(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	if c < 0x20 {
		return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
	}
	return append(b, c)
}
