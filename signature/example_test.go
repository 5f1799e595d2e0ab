package signature_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/vobizctl/vobizctl/signature"
)

// A server behind a tunnel verifies Vobiz callbacks against the tunnel's public URL.
func ExampleMiddleware() {
	verify, err := signature.Middleware(signature.MiddlewareOptions{
		Token:         "MY_AUTH_TOKEN",
		PublicBaseURL: "https://abc.ngrok.app", // the URL configured at Vobiz
	})
	if err != nil {
		log.Fatal(err)
	}
	answer := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, "<Response><Speak>Hello</Speak></Response>")
	})
	handler := verify(answer) // e.g. http.ListenAndServe(":8080", handler)

	// What Vobiz sends: signed for the public URL, received on localhost.
	headers, err := signature.Sign(signature.SignOptions{Token: "MY_AUTH_TOKEN"},
		signature.Request{URL: "https://abc.ngrok.app/answer"})
	if err != nil {
		log.Fatal(err)
	}
	for _, attempt := range []string{"first delivery", "replay"} {
		req := httptest.NewRequest(http.MethodPost, "http://localhost:8080/answer", nil)
		headers.Apply(req.Header)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		fmt.Println(attempt, rec.Code)
	}
	// Output:
	// first delivery 200
	// replay 403
}

func ExampleSign() {
	headers, err := signature.Sign(signature.SignOptions{
		Token:   "MY_AUTH_TOKEN",
		Schemes: []signature.Scheme{signature.V3, signature.V2},
		Nonce:   signature.FixedNonce("12345678901234567890"), // default: 20 random digits
	}, signature.Request{URL: "https://example.com/answer?x=1"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range headers {
		fmt.Printf("%s: %s\n", h.Name, h.Value)
	}
	// Output:
	// X-Vobiz-Signature-V3: k2DmGg3hj3mlksbzKIiasjQkkJKUtUnMuS5a1YTtDBA=
	// X-Vobiz-Signature-V3-Nonce: 12345678901234567890
	// X-Vobiz-Signature-V2: FbvTFtgMiIJOiP9brARtuzpzlFUe7L1BTDYVN+F9Xog=
	// X-Vobiz-Signature-V2-Nonce: 12345678901234567890
}

func ExampleVerify() {
	h := http.Header{}
	h.Set(signature.HeaderV3, "k2DmGg3hj3mlksbzKIiasjQkkJKUtUnMuS5a1YTtDBA=")
	h.Set(signature.HeaderV3Nonce, "12345678901234567890")
	res, err := signature.Verify(signature.VerifyOptions{Token: "MY_AUTH_TOKEN"},
		signature.Request{URL: "https://example.com/answer"}, h)
	fmt.Println(res.Matches[0].Scheme, err)
	// Output: v3 <nil>
}

// The server saw http://localhost:8080/answer, but the platform called the tunnel.
func ExampleExplain() {
	headers, _ := signature.Sign(signature.SignOptions{Token: "MY_AUTH_TOKEN", Schemes: []signature.Scheme{signature.V3}},
		signature.Request{URL: "https://abc.ngrok.app/answer"})
	h := http.Header{}
	headers.Apply(h)
	h.Set("X-Forwarded-Host", "abc.ngrok.app")

	ex, err := signature.Explain(signature.ExplainOptions{
		VerifyOptions: signature.VerifyOptions{Token: "MY_AUTH_TOKEN", Schemes: []signature.Scheme{signature.V3}},
	}, signature.Request{URL: "http://localhost:8080/answer"}, h)
	if err != nil {
		log.Fatal(err)
	}
	cause := ex.Schemes[0].Cause
	fmt.Println(cause.Kinds)
	fmt.Println(cause.URL)
	// Output:
	// [scheme host]
	// https://abc.ngrok.app/answer
}
