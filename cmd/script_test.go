package cmd

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run the real entry point as the `vobizctl` command in scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"vobizctl": func() { os.Exit(Main()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script with an isolated home and config dir.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "testdata", "script"),
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, "home")
			env.Setenv("HOME", home)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			env.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
			env.Setenv("NO_COLOR", "")
			env.Setenv("VOBIZ_AUTH_ID", "")
			env.Setenv("VOBIZ_AUTH_TOKEN", "")
			env.Setenv("VOBIZ_PROFILE", "")
			env.Setenv("VOBIZ_API_URL", "")
			env.Setenv("VOBIZCTL_CONFIG", "")
			env.Setenv("GITHUB_ACTIONS", "")
			env.Setenv("GITHUB_STEP_SUMMARY", "")
			env.Setenv("GITHUB_WORKSPACE", "")
			if os.Getenv("GORACE") == "" {
				// Under -race every exec'd command otherwise sleeps 1 s before exiting
				// (atexit_sleep_ms), which made the scripts take minutes.
				env.Setenv("GORACE", "atexit_sleep_ms=0")
			}
			return nil
		},
		Cmds: scriptCommands(),
	})
}
