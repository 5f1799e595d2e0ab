package completions

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/fsutil"
)

// AppLister fetches the account's applications.
type AppLister func(ctx context.Context) ([]api.Application, error)

// appCache is the on-disk cache of one account's app IDs.
type appCache struct {
	FetchedAt time.Time `json:"fetched_at"`
	Apps      []appRef  `json:"apps"`
}

type appRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// AppIDCacheFile returns the cache file for an account, identified by key (API URL and auth ID;
// never the token). It lives in the user cache directory; "" when there is none, which turns
// caching off.
func AppIDCacheFile(key string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(dir, "vobizctl", "app-ids-"+hex.EncodeToString(sum[:8])+".json")
}

// AppIDs returns "ID\tname" candidates (cobra shows the name as a description). A cache in
// cacheFile younger than ttl is used as is; otherwise list is called and the cache rewritten.
// When listing fails, a stale cache is better than nothing; with no cache there are no
// candidates. Errors are never reported: completion output lands in the user's shell.
func AppIDs(ctx context.Context, list AppLister, cacheFile string, ttl time.Duration, now time.Time) []string {
	cached, haveCache := readAppCache(cacheFile)
	if haveCache && now.Sub(cached.FetchedAt) >= 0 && now.Sub(cached.FetchedAt) < ttl {
		return candidates(cached.Apps)
	}
	apps, err := list(ctx)
	if err != nil {
		if haveCache {
			return candidates(cached.Apps)
		}
		return nil
	}
	fresh := appCache{FetchedAt: now, Apps: make([]appRef, 0, len(apps))}
	for _, a := range apps {
		fresh.Apps = append(fresh.Apps, appRef{ID: a.AppID, Name: a.AppName})
	}
	writeAppCache(cacheFile, fresh)
	return candidates(fresh.Apps)
}

func candidates(apps []appRef) []string {
	out := make([]string, 0, len(apps))
	for _, a := range apps {
		name := strings.NewReplacer("\t", " ", "\n", " ").Replace(a.Name)
		out = append(out, a.ID+"\t"+name)
	}
	return out
}

func readAppCache(file string) (appCache, bool) {
	var c appCache
	if file == "" {
		return c, false
	}
	data, err := os.ReadFile(file)
	if err != nil || json.Unmarshal(data, &c) != nil {
		return appCache{}, false
	}
	return c, true
}

// writeAppCache writes the cache privately (app names are account data) and atomically, so two
// shells completing at once never read half a file. Failures only mean no caching.
func writeAppCache(file string, c appCache) {
	if file == "" {
		return
	}
	data, err := json.Marshal(c)
	if err != nil {
		return
	}
	_ = fsutil.WriteFileAtomic(file, data)
}
