// Package tunnel runs the local-development loop of a Vobiz voice application: a tunnel provider
// gives a local server a public HTTPS URL, an inspecting reverse proxy between the tunnel and the
// server reports every webhook (event, status, latency, signature checked against the public URL,
// lint of the XML reply), and an Application's URLs are pointed at the tunnel for the session and
// put back afterwards, with a restore journal on disk so that a crash never leaves the Application
// pointing at a dead tunnel.
//
// The package never imports cobra, viper or lipgloss; the command layer passes plain options and
// renders the events it receives. Signature checks, reply lint and the Application API are reached
// through the small interfaces Verifier, ReplyLinter and AppStore.
package tunnel
