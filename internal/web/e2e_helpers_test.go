package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mineaction/internal/auth"
	"mineaction/internal/demo"
	"mineaction/internal/mineaction"
	"mineaction/internal/server"
	"mineaction/internal/sqlite"
	"mineaction/internal/workflow"
)

// chromium is Debian's Chromium, which scripts/setup installs.
const chromium = "/usr/bin/chromium"

// demoServer is the small demo behind a real server on a random port.
type demoServer struct {
	URL   string
	Store mineaction.Store
}

var (
	demoOnce sync.Once
	demoSrv  *demoServer
	demoErr  error
)

// smallDemo builds the small demo once for the package's tests (it takes
// seconds) and serves it. Tests that change it run in order in one test.
func smallDemo(t testing.TB) *demoServer {
	t.Helper()
	demoOnce.Do(func() {
		ctx := context.Background()
		dir, err := os.MkdirTemp("", "mineaction-web-")
		if err != nil {
			demoErr = err
			return
		}
		store, err := sqlite.Open(ctx, dir)
		if err != nil {
			demoErr = err
			return
		}
		wf := workflow.New(store, workflow.Config{})
		if _, err := demo.Build(ctx, store, wf, demo.Options{Seed: 1, Scale: demo.Small, HashPassword: auth.HashPassword}); err != nil {
			demoErr = fmt.Errorf("demo: %w", err)
			return
		}
		accounts := auth.NewService(store, auth.Config{})
		srv := server.New(server.Config{Store: store, Workflow: wf, Accounts: accounts, Log: slog.New(slog.DiscardHandler)})
		hs := httptest.NewServer(srv.Handler())
		demoSrv = &demoServer{URL: hs.URL, Store: store}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoSrv
}

// browser is a headless Chromium tab that records console errors.
type browser struct {
	t      testing.TB
	ctx    context.Context
	base   string
	mu     sync.Mutex
	errors []string
	// expected are substrings of console messages a test provokes on
	// purpose (the 422 of an invalid form).
	expected []string
}

// newBrowser starts Chromium with a fresh profile, offline but for the
// test server.
func newBrowser(t testing.TB, base string, width, height int) *browser {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("Chromium is not installed at %s: run scripts/setup (it installs Debian's chromium)", chromium)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	b := &browser{t: t, ctx: ctx, base: base}
	// Console starts the browser and subscribes to calls of the console
	// API, uncaught exceptions and the browser log (CSP violations, failed
	// loads).
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				b.record(fmt.Sprintf("%s (%s %s)", m.String(), m.Source, m.URL))
			}
		}
	}()
	return b
}

func (b *browser) record(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.expected {
		if strings.Contains(msg, e) {
			return
		}
	}
	b.errors = append(b.errors, msg)
}

// expect tolerates console messages containing s from now on.
func (b *browser) expect(s string) {
	b.mu.Lock()
	b.expected = append(b.expected, s)
	b.mu.Unlock()
}

// noConsoleErrors fails the test if any page logged an error.
func (b *browser) noConsoleErrors(where string) {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.errors) > 0 {
		b.t.Errorf("%s: console errors:\n  %s", where, strings.Join(b.errors, "\n  "))
		b.errors = nil
	}
}

// run runs actions with a time limit, failing the test on error.
func (b *browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// get runs an action that returns a value.
func get[T any](b *browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// open navigates to a path and waits for the page's body.
func (b *browser) open(path string) {
	b.t.Helper()
	b.run("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitReady(chromedp.CSS("body")))
}

// signIn signs in through the form.
func (b *browser) signIn(user string) {
	b.t.Helper()
	b.open("/sign-in")
	b.run("sign in as "+user,
		chromedp.SendKeys(chromedp.ID("user"), user),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.CSS("form[action='/sign-in'] button[type=submit]")))
	who := b.text("[data-user]")
	if who != user {
		b.t.Fatalf("signed in as %q, want %q", who, user)
	}
}

// poll waits for a JavaScript expression to be truthy and returns it. A
// navigation while it waits (the redirects after a form post) ends the
// page's JavaScript context; poll then waits again in the new page.
func poll[T any](b *browser, what, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 45*time.Second)
	defer cancel()
	for {
		v, err := chromedp.Run(ctx, chromedp.Poll[T](expr, chromedp.WithPollingTimeout(0)))
		if err == nil {
			return v
		}
		if ctx.Err() != nil || !navigated(err) {
			b.t.Fatalf("%s: %v", what, err)
		}
	}
}

// navigated reports an error from a page that went away under an action.
func navigated(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "navigated") || strings.Contains(msg, "Cannot find context") ||
		strings.Contains(msg, "No node") || strings.Contains(msg, "Execution context was destroyed")
}

// text waits for the element sel in a loaded page and returns its text.
// It reads through JavaScript, so a page that navigates meanwhile (a
// redirect after a form) cannot leave it with a stale node.
func (b *browser) text(sel string) string {
	b.t.Helper()
	expr := fmt.Sprintf(`document.readyState === 'complete' && document.querySelector(%q) && document.querySelector(%q).textContent.trim()`, sel, sel)
	return poll[string](b, "text of "+sel, expr)
}

// waitText waits until the element sel reads want.
func (b *browser) waitText(sel, want string) {
	b.t.Helper()
	expr := fmt.Sprintf(`document.readyState === 'complete' && document.querySelector(%q) && document.querySelector(%q).textContent.trim() === %q`, sel, sel, want)
	poll[bool](b, sel+" reads "+want, expr)
}

// signOut uses the sign-out button.
func (b *browser) signOut() {
	b.t.Helper()
	b.run("sign out", chromedp.Click(chromedp.CSS("form[action='/sign-out'] button")))
	b.text("label[for=user]")
}

// waitMap waits until the page's map has loaded its style and tiles.
func (b *browser) waitMap() {
	b.t.Helper()
	get(b, "wait for the map", chromedp.Poll[bool](`window.mineactionMap && !mineactionMap.isMoving() && mineactionMap.loaded() && mineactionMap.areTilesLoaded() && document.getElementById('map').dataset.ready === 'true'`,
		chromedp.WithPollingTimeout(45*time.Second)))
}

// openHazardForm opens the new hazard report form and waits for its map.
func (b *browser) openHazardForm() {
	b.t.Helper()
	b.open("/reports/new?type=hazard")
	b.waitMap()
}

// editorAtHazardForm starts a browser on a new small demo, signed in as
// ANAMA's editor, at the new hazard report form.
func editorAtHazardForm(t *testing.T) *browser {
	t.Helper()
	srv := smallDemo(t)
	b := newBrowser(t, srv.URL, 1366, 900)
	b.signIn("editor.anama")
	b.openHazardForm()
	return b
}

// screenshot writes a PNG of the page to test-artifacts/screenshots.
func (b *browser) screenshot(name string) string {
	b.t.Helper()
	png := get(b, "screenshot "+name, chromedp.FullScreenshot(100))
	dir := filepath.Join("..", "..", "test-artifacts", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	return path
}
