// Package api is the Vobiz REST client: credentials in the X-Auth-ID/X-Auth-Token headers, JSON
// bodies, one typed error for both documented error shapes, safe retries with backoff, pagination
// and the Application resource. It knows nothing about commands, flags or configuration files.
//
// The facts come from ../shared/reference/vobiz-api.md §1–§2. Where the reference is silent or
// its sources disagree, this package decided as follows:
//
//   - Success is any 2xx: create is probably 201 and update 202, but neither is documented and
//     a Vobiz mock answers 200.
//   - Both error shapes are read (the envelope {"error":{"code","message"}} and the flat
//     {"error":"…","message":"…"}); a non-JSON body gives its first line, an HTML page the
//     status text. Messages are lowercased to fit "HTTP 404: application not found (GET …)".
//   - Only GET and DELETE are retried, on 429/502/503/504 or a failed connect; POST never is,
//     not even after a failed connect, so a create can never be duplicated. 500 is not retried.
//     Backoff 500ms·2^n (max 8s) with jitter in [d/2, d]; Retry-After (seconds, HTTP date, or
//     the envelope's details.retryAfter) is honoured up to 30s; 4 attempts in all.
//   - A DELETE retried after a gateway error that then answers 404 counts as done.
//   - Timeout bounds each attempt (default 30s); the caller's context bounds the whole call.
//   - Redirects are refused: net/http would forward X-Auth-Token to the new location.
//   - meta.next lacks the "/api" prefix; its first segment ("/v1") is matched against the end of
//     the base path. Links to another host, another scheme or outside the Application list are
//     refused, repeated links stop the walk, and at most 1000 pages are fetched.
//   - Auth IDs and app IDs must be letters, digits, "-" or "_" (all documented IDs are), so they
//     are safe path segments without escaping.
//   - App names are capped at 60 characters, the limit Vobiz's n8n nodes enforce; the docs give
//     only the alphabet.
//   - The header is sent as "X-Auth-ID" exactly (not Go's canonical "X-Auth-Id") because an
//     older docs page calls the header names case-sensitive.
package api
