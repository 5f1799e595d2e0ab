// Package build reports the version, commit and build date of the running binary.
package build

import (
	"runtime/debug"
	"strings"
)

// These are set at link time with
//
//	go build -ldflags "-X github.com/vobizctl/vobizctl/internal/build.Version=1.2.3 \
//	  -X github.com/vobizctl/vobizctl/internal/build.Commit=abc1234 \
//	  -X github.com/vobizctl/vobizctl/internal/build.Date=2026-11-23"
//
// When they are empty (go install, go run) Info falls back to the module build information.
var (
	Version = ""
	Commit  = ""
	Date    = ""
)

// BuildInfo is what `vobizctl version` prints.
type BuildInfo struct {
	Version string `json:"version"`
	Commit  string `json:"commit,omitempty"`
	Date    string `json:"date,omitempty"`
	Go      string `json:"go,omitempty"`
}

// Info returns the build information, preferring link-time values and falling back to what the Go
// toolchain embedded (module version for `go install …@v1.2.3`, VCS revision and time for builds
// from a checkout).
func Info() BuildInfo {
	info := BuildInfo{Version: Version, Commit: Commit, Date: Date}
	bi, ok := debug.ReadBuildInfo()
	if ok {
		info.Go = bi.GoVersion
		fillFromBuildInfo(&info, bi)
	}
	if info.Version == "" {
		info.Version = "dev"
	}
	return info
}

func fillFromBuildInfo(info *BuildInfo, bi *debug.BuildInfo) {
	if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		info.Version = strings.TrimPrefix(bi.Main.Version, "v")
	}
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision" && info.Commit == "":
			info.Commit = shortRevision(s.Value)
		case s.Key == "vcs.time" && info.Date == "":
			info.Date = s.Value
		case s.Key == "vcs.modified" && s.Value == "true" && info.Commit != "" && !strings.HasSuffix(info.Commit, "-dirty"):
			info.Commit += "-dirty"
		}
	}
}

func shortRevision(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}

// UserAgent is the User-Agent header value vobizctl sends.
func UserAgent() string {
	return "vobizctl/" + Info().Version
}
