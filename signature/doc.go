// Package signature signs and verifies the signatures Vobiz puts on the requests it sends to
// answer, hangup, action and callback URLs.
//
// The documented schemes sign the callback URL without its query string (the "base URL") and a
// random 20-digit nonce, never the body:
//
//	V3 = base64(HMAC-SHA256(auth token, baseURL + "." + nonce))   X-Vobiz-Signature-V3, -V3-Nonce
//	V2 = base64(HMAC-SHA256(auth token, baseURL + nonce))         X-Vobiz-Signature-V2, -V2-Nonce
//
// MAV3 and MAV2 are the same keyed with the parent (main) account token, paired with the V3 and V2
// nonces. PlivoV3 is the URL-plus-sorted-form-parameters string that the official Vobiz Go SDK
// computes (a port of plivo-go); it is only a compatibility fallback. V1 is the legacy HMAC-SHA1
// header, whose formula Vobiz does not document: it is inferred from the Plivo construction.
//
// Everything is a pure function of its inputs: nonces come from an injected NonceFunc
// (RandomNonce by default) and the middleware's replay cache from an injected clock.
//
// Verification splits comma-separated header values, accepts any match, and compares the decoded
// bytes in constant time. Explain goes further: for each scheme it reports the exact string that
// was signed, the expected and received signatures, and, on a mismatch, the variant that would
// have matched (http vs https, host or port, trailing slash, path encoding, query string, parent
// vs sub-account token, Plivo-style string, the other version's formula, nonce of the other
// header). The most common failure
// in the field is a genuine request that fails behind a tunnel or proxy, because the server sees
// another URL than the one the platform signed: verify against the public URL.
//
// Decisions where the reference is silent are recorded next to the code that makes them: URLs are
// signed byte for byte as configured (no normalisation), an empty parent token means the account
// token, the PlivoV3 scheme shares the V3 header and nonce, and nonces start with a non-zero digit.
package signature
