package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"codeberg.org/entraide/entraide/example"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
)

// chromiumPath is Debian's Chromium, which scripts/test installs.
const chromiumPath = "/usr/bin/chromium"

// EnvWebArtifacts names the folder the browser test writes its screenshots
// and measures to (default: a new temporary folder, printed).
const EnvWebArtifacts = "ENTRAIDE_WEB_ARTIFACTS"

// TestBrowserMentorSession drives headless Chromium through the demo bot
// with its web page on: a mentor logs in with the code the console shows,
// claims the ticket a member opened and answers it, and the member gets
// the answer in the chat. Then every page, in French and in English, is
// checked for accessibility, measured and photographed at 360 px wide.
func TestBrowserMentorSession(t *testing.T) {
	if _, err := exec.LookPath(chromiumPath); err != nil {
		if os.Getenv(testenv.EnvIntegration) != "" {
			t.Fatalf("%s is missing: install Debian's chromium (scripts/test does)", chromiumPath)
		}
		t.Skipf("%s is missing; set %s=1 to make this a failure", chromiumPath, testenv.EnvIntegration)
	}
	artifacts := os.Getenv(EnvWebArtifacts)
	if artifacts == "" {
		dir, err := os.MkdirTemp("", "entraide-web-")
		if err != nil {
			t.Fatal(err)
		}
		artifacts = dir
	}
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots and measures in %s", artifacts)

	// The demo bot, with the member typing on the console.
	cfg := testDemoConfig(t)
	cfg.Web.Listen = "127.0.0.1:0"
	a := startAppWith(t, cfg, example.FAQ(), demoAnnouncements())
	out := a.out
	a.say(t, "mon imprimante affiche une erreur ?")
	testkit.WaitUntil(t, 10*time.Second, "the ticket notice", func() bool { return strings.Contains(out.String(), "Pour le prendre : !prendre 1") })
	base := "http://" + a.webAddr

	// A fresh headless Chromium.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(360, 800))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	bctx, cancelTimeout := context.WithTimeout(bctx, 2*time.Minute)
	defer cancelTimeout()
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// submit clicks a form's button and waits for the page it leads to.
	submit := func(what, button string) {
		t.Helper()
		if _, err := chromedp.Run(bctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(button)))); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	do("viewport", chromedp.EmulateViewport(360, 800))

	// The accessibility check finds what it looks for.
	bad := `<!doctype html><html><body><h1>T</h1><h3>skipped</h3><input id="x"><img src="data:,">` +
		`<p style="color:#999;background:#fff">pale</p><div style="width:500px">wide</div></body></html>`
	do("a bad page", chromedp.Navigate("data:text/html,"+url.PathEscape(bad)))
	found, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](a11yCheck))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"no lang", "h1 then h3", "no label", "no alt", "contrast 2.85: pale", "wider than the screen"} {
		if !strings.Contains(strings.Join(found, "\n"), want) {
			t.Errorf("the accessibility check missed %q: %q", want, found)
		}
	}

	// Log in with the code sent to the mentor's direct room.
	do("login page", chromedp.Navigate(base+"/tickets?lang=fr"), chromedp.WaitVisible(chromedp.ID("id")))
	checkPage(t, bctx, "login")
	do("type the id", chromedp.SendKeys(chromedp.ID("id"), "mentor"))
	submit("ask for a code", `form[action="/login"] button`)
	checkPage(t, bctx, "code")
	code := ""
	testkit.WaitUntil(t, 10*time.Second, "the login code in dm-mentor", func() bool {
		m := regexp.MustCompile(`\[dm-mentor\] entraide: .*?(\d{8})`).FindStringSubmatch(out.String())
		if m != nil {
			code = m[1]
		}
		return m != nil
	})
	do("type the code", chromedp.SendKeys(chromedp.ID("code"), code))
	submit("log in", `form[action="/login/code"] button`)
	if loc, _ := chromedp.Run(bctx, chromedp.Location()); !strings.HasSuffix(loc, "/tickets?lang=fr") {
		t.Fatalf("after login the mentor lands where they were going: %s", loc)
	}

	// Claim from the queue, answer from the ticket's page.
	// Claim with the keyboard alone: the skip link comes first, then Tab
	// reaches the claim button and Enter presses it.
	first, reached := "", false
	for i := 0; i < 40 && !reached; i++ {
		do("tab", chromedp.KeyEvent(kb.Tab))
		focused, err := chromedp.Run(bctx, chromedp.Evaluate[string](
			`document.activeElement.closest('form') ? document.activeElement.closest('form').getAttribute('action') : document.activeElement.textContent.trim()`))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = focused
		}
		reached = focused == "/tickets/1/claim"
	}
	if !reached {
		t.Fatal("Tab never reached the claim button")
	}
	if first != "Aller au contenu" {
		t.Errorf("the first Tab stop is %q, want the skip link", first)
	}
	if _, err := chromedp.Run(bctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
		t.Fatalf("claim with Enter: %v", err)
	}
	if flash, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(".flash"))); flash != "Ticket pris." {
		t.Fatalf("claim: flash %q", flash)
	}
	answer := "Éteignez-la, rallumez-la, puis passez mercredi avec le modèle."
	do("write the answer", chromedp.SendKeys(chromedp.ID("answer"), answer))
	submit("answer", `form[action="/tickets/1/answer"] button`)
	if flash, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(".flash"))); flash != "Réponse transmise." {
		t.Fatalf("answer: flash %q", flash)
	}
	testkit.WaitUntil(t, 10*time.Second, "the answer in the asker's room", func() bool {
		return strings.Contains(out.String(), "[support] entraide: vous: "+answer)
	})
	tk, err := a.db.Ticket(context.Background(), 1)
	if err != nil || tk.State != "answered" || tk.Mentor.ID != "mentor" {
		t.Fatalf("ticket after the web answer: %+v %v", tk, err)
	}

	// Every page in both languages: accessibility, weight, first render, screenshot.
	pages := []struct{ name, path string }{
		{"tickets", "/tickets?state=all"}, {"ticket", "/tickets/1"}, {"gaps", "/gaps"},
		{"faq", "/faq"}, {"announcements", "/announcements"},
	}
	var report strings.Builder
	fmt.Fprintf(&report, "%-14s %-4s %8s %9s %14s  %s\n", "page", "lang", "bytes", "requests", "first render", "screenshot")
	for _, lang := range []string{"fr", "en"} {
		for _, p := range pages {
			sep := "?"
			if strings.Contains(p.path, "?") {
				sep = "&"
			}
			addr := base + p.path + sep + "lang=" + lang
			do("clear the cache", func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
				_, err := cdp.Call(ctx, tg, network.ClearBrowserCache, cdp.Empty{})
				return chromedp.Void{}, err
			})
			do(p.name, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("main h1")))
			checkPage(t, bctx, p.name+"/"+lang)
			m := measure(t, bctx)
			shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(artifacts, p.name+"-"+lang+".png")
			if err := os.WriteFile(file, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&report, "%-14s %-4s %8d %9d %11.0f ms  %s\n", p.name, lang, m.Bytes, m.Requests, m.FirstRender, file)
		}
	}
	t.Log("\n" + report.String())
	if err := os.WriteFile(filepath.Join(artifacts, "measures.txt"), []byte(report.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pageMeasure is what the browser's performance entries say of a page
// loaded with an empty cache.
type pageMeasure struct {
	Bytes       int     `json:"bytes"`
	Requests    int     `json:"requests"`
	FirstRender float64 `json:"firstRender"`
}

func measure(t *testing.T, ctx context.Context) pageMeasure {
	t.Helper()
	var m pageMeasure
	var err error
	// The paint entry comes a moment after the page is shown.
	testkit.Poll(5*time.Second, func() bool {
		m, err = chromedp.Run(ctx, chromedp.Evaluate[pageMeasure](measureJS))
		return err != nil || m.FirstRender > 0
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.Bytes <= 0 || m.FirstRender <= 0 {
		t.Fatalf("the browser measured nothing: %+v", m)
	}
	return m
}

const measureJS = `(() => {
		const nav = performance.getEntriesByType('navigation')[0];
		const res = performance.getEntriesByType('resource');
		const fcp = performance.getEntriesByName('first-contentful-paint')[0];
		return {
			bytes: nav.transferSize + res.reduce((n, r) => n + r.transferSize, 0),
			requests: 1 + res.length,
			firstRender: fcp ? fcp.startTime : -1,
		};
	})()`

// a11yCheck runs in the page and lists what a mentor using a screen reader,
// a keyboard or a small screen would trip on: inputs without a label,
// images without alt text, buttons and links without a name, headings out
// of order, text below 4.5:1 contrast on its computed background, a page
// wider than the screen.
const a11yCheck = `(() => {
	const problems = [];
	const shown = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
		return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; };
	const cut = el => el.outerHTML.slice(0, 100);
	if (!document.documentElement.lang) problems.push('no lang on <html>');
	for (const el of document.querySelectorAll('input, select, textarea')) {
		if (['hidden', 'submit', 'button'].includes(el.type)) continue;
		if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
			problems.push('no label: ' + cut(el));
	}
	for (const el of document.querySelectorAll('img')) if (!el.hasAttribute('alt')) problems.push('no alt: ' + cut(el));
	for (const el of document.querySelectorAll('button, a[href], summary'))
		if (!el.textContent.trim() && !el.getAttribute('aria-label')) problems.push('no name: ' + cut(el));
	const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1]);
	if (levels.filter(l => l === 1).length !== 1) problems.push('not one h1: ' + levels.join(' '));
	if (levels[0] !== 1) problems.push('the first heading is h' + levels[0]);
	for (let i = 1; i < levels.length; i++)
		if (levels[i] > levels[i - 1] + 1) problems.push('h' + levels[i - 1] + ' then h' + levels[i]);
	const rgb = c => { const m = c.match(/rgba?\(([^)]*)\)/); if (!m) return null;
		const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
	const over = (c, b) => ({r: c.r * c.a + b.r * (1 - c.a), g: c.g * c.a + b.g * (1 - c.a), b: c.b * c.a + b.b * (1 - c.a), a: 1});
	const background = el => { const layers = [];
		for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
			if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
		return layers.reduceRight((b, c) => over(c, b), {r: 255, g: 255, b: 255, a: 1}); };
	const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
	let texts = 0;
	for (const el of document.body.querySelectorAll('*')) {
		if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) || !shown(el)) continue;
		const bg = background(el), fg = over(rgb(getComputedStyle(el).color), bg);
		const a = lum(fg), b = lum(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		texts++;
		if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ': ' + el.textContent.trim().slice(0, 40));
	}
	if (texts === 0) problems.push('no text found');
	if (document.documentElement.scrollWidth > window.innerWidth) problems.push('wider than the screen: ' + document.documentElement.scrollWidth + ' px');
	return problems;
})()`

// checkPage fails the test with every accessibility problem of the page.
func checkPage(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](a11yCheck))
	if err != nil {
		t.Fatalf("%s: accessibility check: %v", name, err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", name, p)
	}
}
