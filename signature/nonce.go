package signature

import (
	"crypto/rand"
	"fmt"
)

// NonceLength is the number of decimal digits in a nonce Vobiz sends.
const NonceLength = 20

// NonceFunc returns a fresh nonce on every call. Signers take one so that tests and the
// `vobizctl sign --nonce` flag can fix it.
type NonceFunc func() (string, error)

// FixedNonce returns a NonceFunc that always returns n.
func FixedNonce(n string) NonceFunc {
	return func() (string, error) { return n, nil }
}

// RandomNonce returns NonceLength random decimal digits from crypto/rand, the first one non-zero so
// that the value is a 20-digit number like the ones Vobiz sends. Digits are drawn by rejection
// sampling, so each is uniform.
func RandomNonce() (string, error) {
	var out [NonceLength]byte
	var pool [32]byte
	n := 0
	for n < len(out) {
		if _, err := rand.Read(pool[:]); err != nil {
			return "", fmt.Errorf("read random nonce: %w", err)
		}
		n = appendDigits(out[:], n, pool[:])
	}
	return string(out[:]), nil
}

// appendDigits fills out from position n with digits taken from the random bytes in pool and
// returns the new position. Bytes at or above the largest multiple of the digit range are skipped.
func appendDigits(out []byte, n int, pool []byte) int {
	for _, b := range pool {
		if n == len(out) {
			break
		}
		switch {
		case n == 0 && b < 252: // 252 = 28 × 9: first digit 1–9
			out[n] = '1' + b%9
			n++
		case n > 0 && b < 250: // 250 = 25 × 10: digits 0–9
			out[n] = '0' + b%10
			n++
		}
	}
	return n
}
