package config

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// MissingCredentialsError says which credential is missing and where vobizctl looked.
type MissingCredentialsError struct {
	Missing []string
	Profile string
	// ProfileMissing is true when the selected profile is not in the config file at all.
	ProfileMissing bool
	Path           string
	Known          []string
}

func (e *MissingCredentialsError) Error() string {
	if e.ProfileMissing && len(e.Known) > 0 {
		return fmt.Sprintf("profile %q is not in %s (known profiles: %s)", e.Profile, e.Path, strings.Join(e.Known, ", "))
	}
	return fmt.Sprintf("no %s for profile %q", strings.Join(e.Missing, " and no "), e.Profile)
}

// Hint names the commands and variables that provide credentials.
func (e *MissingCredentialsError) Hint() string {
	return fmt.Sprintf("run `vobizctl auth login --profile %s`, or set %s and %s", e.Profile, EnvAuthID, EnvAuthToken)
}

// Credentials returns the auth ID and token, or a MissingCredentialsError naming what is missing.
func (c *Config) Credentials() (authID, token string, err error) {
	var missing []string
	if c.AuthID.Value == "" {
		missing = append(missing, "auth ID")
	}
	if c.AuthToken.Value == "" {
		missing = append(missing, "auth token")
	}
	if len(missing) > 0 {
		return "", "", &MissingCredentialsError{
			Missing: missing, Profile: c.Profile.Value, Path: c.Path,
			ProfileMissing: !c.ProfileExists && c.Profile.Source != "default",
			Known:          c.File.ProfileNames(),
		}
	}
	return c.AuthID.Value, c.AuthToken.Value, nil
}

// authIDRE is compiled on first use, not at package init: every vobizctl command (lint, version,
// completion…) links this package and must not pay for a regexp only `auth login` needs.
var authIDRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(MA|SA)_[A-Za-z0-9]+$`) })

// LooksLikeAuthID reports whether id has the documented shape: MA_… for a main account, SA_… for a
// sub-account (reference/vobiz-api.md §1).
func LooksLikeAuthID(id string) bool { return authIDRE().MatchString(id) }

// SaveProfile re-reads the config file, stores p under name and writes it back, so profiles
// written by another process since Load are kept. makeDefault also sets default_profile; the first
// profile ever saved becomes the default.
func (c *Config) SaveProfile(name string, p Profile, makeDefault bool) error {
	return c.update(func(f *File) error {
		f.SetProfile(name, p)
		if makeDefault || f.DefaultProfile == "" {
			f.DefaultProfile = name
		}
		return nil
	})
}

// RemoveProfile deletes the named profile. When it was the default and exactly one profile
// remains, that one becomes the default.
func (c *Config) RemoveProfile(name string) error {
	return c.update(func(f *File) error {
		if _, ok := f.Profiles[name]; !ok {
			return c.unknownProfile(f, name)
		}
		delete(f.Profiles, name)
		if f.DefaultProfile == name {
			f.DefaultProfile = ""
			if names := f.ProfileNames(); len(names) == 1 {
				f.DefaultProfile = names[0]
			}
		}
		return nil
	})
}

// UseProfile makes name the default profile.
func (c *Config) UseProfile(name string) error {
	return c.update(func(f *File) error {
		if _, ok := f.Profiles[name]; !ok {
			return c.unknownProfile(f, name)
		}
		f.DefaultProfile = name
		return nil
	})
}

// UnknownProfileError reports a profile name that the config file does not hold.
type UnknownProfileError struct {
	Name  string
	Path  string
	Known []string
}

func (e *UnknownProfileError) Error() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("no profile %q: %s holds no profiles", e.Name, e.Path)
	}
	return fmt.Sprintf("no profile %q in %s (known profiles: %s)", e.Name, e.Path, strings.Join(e.Known, ", "))
}

func (c *Config) unknownProfile(f *File, name string) error {
	return &UnknownProfileError{Name: name, Path: c.Path, Known: f.ProfileNames()}
}

func (c *Config) update(change func(*File) error) error {
	f, _, err := ReadFile(c.Path)
	if err != nil {
		return err
	}
	if err := change(f); err != nil {
		return err
	}
	if err := WriteFile(c.Path, f); err != nil {
		return err
	}
	c.File, c.Exists = f, true
	return nil
}
