// Package config resolves vobizctl's settings and credentials from flags, the environment, the
// profile in the config file and defaults, and reads and writes that file safely (0600, atomic,
// never overwriting a file it could not parse). It is the only package that imports viper.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/vobizctl/vobizctl/internal/fsutil"
)

// File is the content of config.yaml. Unknown keys are kept in Extra and written back unchanged,
// so a newer vobizctl's settings survive a save by an older one.
type File struct {
	DefaultProfile string             `yaml:"default_profile,omitempty"`
	Profiles       map[string]Profile `yaml:"profiles,omitempty"`
	// Dialect is the default XML dialect of `lint --dialect` and `send --dialect` when the flag
	// is not given (vobiz, voxtelesys or auto); the commands check the value.
	Dialect string         `yaml:"dialect,omitempty"`
	Extra   map[string]any `yaml:",inline"`
}

// Profile is one named set of credentials and settings.
type Profile struct {
	AuthID    string         `yaml:"auth_id,omitempty"`
	AuthToken string         `yaml:"auth_token,omitempty"`
	APIURL    string         `yaml:"api_url,omitempty"`
	Extra     map[string]any `yaml:",inline"`
}

// ParseError reports a config file that is not valid YAML or not the expected shape.
type ParseError struct {
	Path string
	Err  error
}

func (e *ParseError) Error() string {
	msg := strings.TrimPrefix(e.Err.Error(), "yaml: ")
	msg = strings.ReplaceAll(strings.TrimPrefix(msg, "unmarshal errors:\n  "), "\n  ", "; ")
	return fmt.Sprintf("config file %q is not valid: %s", e.Path, msg)
}

// Unwrap returns the YAML error.
func (e *ParseError) Unwrap() error { return e.Err }

// Hint tells the user what to do; vobizctl never rewrites a file it could not read.
func (e *ParseError) Hint() string {
	return "fix the file by hand or move it away; vobizctl will not overwrite it"
}

// profileNameRE is compiled on first use, not at package init: the {0,63} repeat expands to a
// large program (~900 allocations, ~0.5 ms) that every command would otherwise pay at startup.
var profileNameRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
})

// ValidateProfileName checks that name can be used as a profile name.
func ValidateProfileName(name string) error {
	if !profileNameRE().MatchString(name) {
		return fmt.Errorf("invalid profile name %q: use letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)", name)
	}
	return nil
}

// ReadFile reads the config file at path. A missing file is not an error: it yields an empty File
// and exists == false.
func ReadFile(path string) (f *File, exists bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{}, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("cannot read config file: %w", err)
	}
	f = &File{}
	if err := yaml.Unmarshal(data, f); err != nil {
		return nil, true, &ParseError{Path: path, Err: err}
	}
	return f, true, nil
}

// WriteFile writes f to path atomically with mode 0600, creating the directory (0700) if needed,
// so a crash leaves either the old or the new file.
func WriteFile(path string, f *File) error {
	data, err := yaml.Marshal(f)
	if err != nil {
		return err
	}
	if err := fsutil.WriteFileAtomic(path, data); err != nil {
		return fmt.Errorf("cannot write config file: %w", err)
	}
	return nil
}

// ProfileNames returns the profile names in sorted order.
func (f *File) ProfileNames() []string {
	names := make([]string, 0, len(f.Profiles))
	for n := range f.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// SetProfile stores p under name, leaving every other profile as it was.
func (f *File) SetProfile(name string, p Profile) {
	if f.Profiles == nil {
		f.Profiles = map[string]Profile{}
	}
	f.Profiles[name] = p
}

// Redact hides a secret, keeping its last four characters when it is long enough that they do not
// give it away.
func Redact(secret string) string {
	if secret == "" {
		return ""
	}
	if len(secret) < 12 {
		return "****"
	}
	return "****" + secret[len(secret)-4:]
}
