package cmd

import (
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/vobizctl/vobizctl/internal/api/apitest"
)

// fakeVobizCmd is the `fakevobiz` script command: an in-process fake Vobiz REST API per script
// (`fakevobiz start` exports VOBIZ_API_URL, FAKEVOBIZ_AUTH_ID and FAKEVOBIZ_AUTH_TOKEN).
func fakeVobizCmd() func(ts *testscript.TestScript, neg bool, args []string) {
	return apitest.ScriptCommands()["fakevobiz"]
}
