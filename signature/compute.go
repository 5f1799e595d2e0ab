package signature

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"sync"
)

// Compute returns the signature of scheme s over req and nonce, keyed with token: standard base64
// with padding of the raw HMAC digest. For MAV3 and MAV2 pass the parent (main) account token.
// V1 ignores the nonce.
func Compute(s Scheme, token string, req Request, nonce string) (string, error) {
	if err := checkURL(req.URL); err != nil {
		return "", err
	}
	msg, err := appendMessage(nil, s, &req, nonce)
	if err != nil {
		return "", err
	}
	mac := hmac.New(hashFunc(s.info().alg), []byte(token))
	mac.Write(msg)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

func hashFunc(alg algorithm) func() hash.Hash {
	if alg == sha1Alg {
		return sha1.New
	}
	return sha256.New
}

// key is an HMAC key with a pool of keyed hash states, so that signing many requests with the same
// token does not rebuild the HMAC pads each time. It is safe for concurrent use.
type key struct {
	pool sync.Pool
}

func newKey(token string, alg algorithm) *key {
	k := &key{}
	secret := []byte(token)
	newHash := hashFunc(alg)
	k.pool.New = func() any { return hmac.New(newHash, secret) }
	return k
}

// sum appends HMAC(msg) to dst.
func (k *key) sum(dst, msg []byte) []byte {
	h := k.pool.Get().(hash.Hash)
	h.Reset()
	h.Write(msg)
	dst = h.Sum(dst)
	k.pool.Put(h)
	return dst
}

// keyring holds the keys for the account token and the parent token, built once per signer or
// verifier.
type keyring struct {
	token, parent       *key // HMAC-SHA256
	tokenSHA1, parentV1 *key // HMAC-SHA1 for V1
}

// newKeyring builds the keys. An empty parent means "same as token": Vobiz sends MA headers equal
// to the plain ones for an account that is not a sub-account, so the account token is the right
// key then.
func newKeyring(token, parent string) *keyring {
	if parent == "" {
		parent = token
	}
	return &keyring{
		token:     newKey(token, sha256Alg),
		parent:    newKey(parent, sha256Alg),
		tokenSHA1: newKey(token, sha1Alg),
		parentV1:  newKey(parent, sha1Alg),
	}
}

// keyFor returns the key that scheme s uses, or the other account's key when swapped is true (the
// "wrong token" variant Explain tries).
func (r *keyring) keyFor(s Scheme, swapped bool) *key {
	parent := s.info().parent != swapped
	switch {
	case s.info().alg == sha1Alg && parent:
		return r.parentV1
	case s.info().alg == sha1Alg:
		return r.tokenSHA1
	case parent:
		return r.parent
	}
	return r.token
}
