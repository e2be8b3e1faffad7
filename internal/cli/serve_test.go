package cli_test

import (
	"bytes"
	"strings"
	"testing"

	"mineaction/internal/cli"
)

// TestServeRefusesBadOrigins checks that serve names a bad --cors-origins
// entry and exits 2 before opening anything.
func TestServeRefusesBadOrigins(t *testing.T) {
	for _, bad := range []string{"maps.example.org", "https://maps.example.org/path", "ftp://x.example", "https://", "https://u@x.example"} {
		var o, e bytes.Buffer
		code := cli.Main([]string{"serve", "--data", t.TempDir(), "--cors-origins", "https://ok.example," + bad}, strings.NewReader(""), &o, &e)
		if code != 2 || !strings.Contains(e.String(), "--cors-origins") || !strings.Contains(e.String(), bad) {
			t.Errorf("--cors-origins %q: exit %d, %q", bad, code, e.String())
		}
	}
}
