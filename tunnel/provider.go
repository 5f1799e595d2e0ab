package tunnel

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Provider gives the inspecting proxy a public URL. A provider is started once: Start returns
// when the public URL is known (or fails), Done is closed when the tunnel ends on its own (the
// provider died), and Stop ends it. Stop is safe to call more than once and after Done.
type Provider interface {
	// Name is the provider's flag value: "cloudflared", "ngrok" or "url".
	Name() string
	// Start opens the tunnel to forwardTo (the proxy's http://host:port) and returns the public
	// base URL, without a trailing slash.
	Start(ctx context.Context, forwardTo string) (publicURL string, err error)
	// Done is closed when the tunnel has ended, for whatever reason.
	Done() <-chan struct{}
	// Err says why the tunnel ended; nil while it runs and after a Stop.
	Err() error
	// Stop ends the tunnel and releases its resources.
	Stop() error
}

// Provider names accepted by ParseProviderName.
const (
	ProviderCloudflared = "cloudflared"
	ProviderNgrok       = "ngrok"
	ProviderURL         = "url"
)

// ProviderNames lists the providers in the order they are tried when none is named.
var ProviderNames = []string{ProviderCloudflared, ProviderNgrok, ProviderURL}

// ErrNoProvider means no provider was named and none is available on this machine.
var ErrNoProvider = errors.New("no tunnel provider available: cloudflared is not installed, NGROK_AUTHTOKEN is not set and no --public-url was given")

// Availability describes what a machine offers, for ChooseProvider.
type Availability struct {
	// PublicURL is the --public-url flag value.
	PublicURL string
	// CloudflaredPath is the cloudflared binary found, empty when it is not installed.
	CloudflaredPath string
	// NgrokToken is the ngrok authtoken from NGROK_AUTHTOKEN or the profile.
	NgrokToken string
}

// ChooseProvider returns the provider named by flag, or when flag is empty the first available
// one: "url" when a public URL was given, then cloudflared when installed, then ngrok when an
// authtoken is known. An unknown name is an error naming the valid set.
func ChooseProvider(flag string, a Availability) (string, error) {
	switch flag {
	case ProviderCloudflared, ProviderNgrok, ProviderURL:
		return flag, nil
	case "":
	default:
		return "", fmt.Errorf("unknown provider %q: want one of %s", flag, strings.Join(ProviderNames, ", "))
	}
	switch {
	case a.PublicURL != "":
		return ProviderURL, nil
	case a.CloudflaredPath != "":
		return ProviderCloudflared, nil
	case a.NgrokToken != "":
		return ProviderNgrok, nil
	}
	return "", &hintedError{err: ErrNoProvider, hint: cloudflaredInstallHint + "; or set NGROK_AUTHTOKEN; or pass --public-url for a tunnel you already run"}
}

// FindCloudflared returns the path of the cloudflared binary: override when set (an explicit
// path), else the first "cloudflared" on PATH. A missing binary is a *MissingBinaryError.
func FindCloudflared(override string) (string, error) {
	name := "cloudflared"
	if override != "" {
		name = override
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return "", &MissingBinaryError{Name: name}
	}
	return path, nil
}

// cloudflaredInstallHint is where to get cloudflared, for errors and the docs.
const cloudflaredInstallHint = "install cloudflared (macOS: `brew install cloudflared`; Debian/Ubuntu: the .deb from " +
	"https://github.com/cloudflare/cloudflared/releases/latest; Windows: `winget install --id Cloudflare.cloudflared`)"

// MissingBinaryError reports a provider binary that is not installed.
type MissingBinaryError struct{ Name string }

func (e *MissingBinaryError) Error() string {
	return fmt.Sprintf("cloudflared binary %q not found in PATH", e.Name)
}

// Hint says how to install cloudflared or pick another provider.
func (e *MissingBinaryError) Hint() string {
	return cloudflaredInstallHint + ", or use --provider ngrok (NGROK_AUTHTOKEN) or --provider url --public-url URL"
}

// hintedError is an error with a next step, shown by the command layer as "hint: …".
type hintedError struct {
	err  error
	hint string
}

func (e *hintedError) Error() string { return e.err.Error() }
func (e *hintedError) Unwrap() error { return e.err }
func (e *hintedError) Hint() string  { return e.hint }
