package lint

import (
	"bytes"
	"encoding/xml"
	"io"
)

// A document is read as a stream of tokens with their byte spans. Two sources produce them: the
// fast scanner (fastscan.go) for the plain XML that call-flow documents are made of, and
// encoding/xml, which reads everything else and is the reference for both the tokens and every
// well-formedness error.
type tokenKind byte

const (
	tokEOF tokenKind = iota
	tokStart
	tokEnd
	tokText
	tokComment
	tokProcInst
	tokOther // a directive such as <!DOCTYPE>: no check looks at it
	tokError // a well-formedness error (encoding/xml only)
	tokBail  // the fast scanner met something it leaves to encoding/xml
)

// token is one token; its slices and strings are valid until the next one is read.
type token struct {
	kind   tokenKind
	name   xml.Name   // tokStart, tokEnd
	attrs  []xml.Attr // tokStart
	data   []byte     // tokText (decoded), tokComment, tokProcInst
	target string     // tokProcInst
	err    error      // tokError
	// off and end are the token's span; for tokError, off is where the decoder stopped.
	off, end int
}

type tokenSource interface {
	next(tok *token)
}

// xmlTokens reads tokens with encoding/xml's RawToken, recording each token's start offset
// (InputOffset before RawToken) and end.
type xmlTokens struct {
	dec *xml.Decoder
}

func newXMLTokens(c *checker) *xmlTokens {
	dec := xml.NewDecoder(bytes.NewReader(c.psrc))
	dec.Strict = true
	dec.CharsetReader = c.charset
	return &xmlTokens{dec: dec}
}

func (x *xmlTokens) next(tok *token) {
	tok.off = int(x.dec.InputOffset())
	t, err := x.dec.RawToken()
	tok.end = int(x.dec.InputOffset())
	switch {
	case err == io.EOF:
		tok.kind = tokEOF
		return
	case err != nil:
		tok.kind, tok.err, tok.off = tokError, err, tok.end
		return
	}
	switch t := t.(type) {
	case xml.StartElement:
		tok.kind, tok.name, tok.attrs = tokStart, t.Name, t.Attr
	case xml.EndElement:
		tok.kind, tok.name = tokEnd, t.Name
	case xml.CharData:
		tok.kind, tok.data = tokText, t
	case xml.Comment:
		tok.kind, tok.data = tokComment, t
	case xml.ProcInst:
		tok.kind, tok.target, tok.data = tokProcInst, t.Target, t.Inst
	default:
		tok.kind = tokOther
	}
}

// parse feeds the source's tokens to the checks. It returns false when the source bails out
// (only the fast scanner does), leaving the document to be parsed again from the start.
func (c *checker) parse(src tokenSource) bool {
	tok := &c.tok
	for !c.fatal {
		src.next(tok)
		c.win.passed(tok.off)
		switch tok.kind {
		case tokBail:
			return false
		case tokEOF:
			c.endOfDocument()
			return true
		case tokError:
			c.syntaxError(tok.err, tok.off)
			return true
		case tokStart:
			c.startElement(tok.name, tok.attrs, tok.off, tok.end)
		case tokEnd:
			c.endElement(tok.name, tok.off, tok.end)
		case tokText:
			c.charData(tok.data, tok.off, tok.end)
		case tokComment:
			c.comment(tok.data, tok.off, tok.end)
		case tokProcInst:
			c.procInst(tok.target, tok.off)
		}
	}
	return true
}

// resetParse forgets what a bailed-out fast pass found, keeping the first keep findings (those
// reported before parsing).
func (c *checker) resetParse(keep int) {
	c.findings = c.findings[:keep]
	c.free = append(c.free, c.stack...)
	c.stack = c.stack[:0]
	c.roots, c.fatal, c.badCharset = 0, false, ""
	c.directives = c.directives[:0]
	c.state = nil
}
