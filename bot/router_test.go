package bot_test

import (
	"context"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
)

// stubMatcher returns a fixed verdict, to test routing on each decision.
type stubMatcher struct{ res faq.Result }

func (s stubMatcher) Match(string, string) faq.Result { return s.res }

func newBot(t *testing.T, m faq.Matcher) (*bot.Bot, *bottest.Adapter) {
	t.Helper()
	return bottest.NewBot(t, bot.Options{Name: "entraide", Mentors: map[string][]string{"fake": {"bob"}},
		MentorsRoom: &bot.Room{Adapter: "fake", ID: "mentors"}}, m)
}

// testKB is the FAQ of the core tests.
func testKB(t *testing.T) *faq.KB { return bottest.KB(t) }

func TestFAQAnswerIsAReplyMentioningTheAsker(t *testing.T) {
	b, fa := newBot(t, nil)
	m := fa.Say(context.Background(), b, "support", "alice", "combien coûte la formation ?")
	r := fa.Last()
	if !strings.Contains(r.Text, "30 €") {
		t.Fatalf("want the training price answer, got %q", r.Text)
	}
	if r.InReplyTo != m.ID || r.Mention == nil || r.Mention.ID != "alice" || r.Room != m.Room {
		t.Fatalf("reply must target the question and mention alice: %+v", r)
	}
}

func TestThreadIsKept(t *testing.T) {
	b, fa := newBot(t, nil)
	m := fa.Msg("support", "alice", "combien coûte la formation ?")
	m.ThreadID = "root-1"
	b.Message(context.Background(), m)
	if got := fa.Last().ThreadID; got != "root-1" {
		t.Fatalf("answer left the thread: %q", got)
	}
}

func TestGreetingGetsWelcomeNotFAQ(t *testing.T) {
	b, fa := newBot(t, nil)
	fa.Say(context.Background(), b, "support", "alice", "Bonjour !")
	if txt := fa.Last().Text; !strings.Contains(txt, "!aide") {
		t.Fatalf("greeting should get the welcome with help hint, got %q", txt)
	}
}

func TestUnknownQuestionSaysSoAndRunsUnansweredHooks(t *testing.T) {
	b, fa := newBot(t, nil)
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", "vous avez une instance jitsi ?")
	if txt := fa.Last().Text; !strings.Contains(txt, "pas encore") {
		t.Fatalf("want an honest don't-know, got %q", txt)
	}
	var seen *bot.Request
	b.Unanswered(func(ctx context.Context, req *bot.Request) bool { seen = req; return true })
	fa.Take()
	fa.Say(ctx, b, "support", "alice", "et pour jitsi ?")
	if seen == nil || seen.Match == nil {
		t.Fatal("unanswered hook not called with the match result")
	}
	if len(fa.Sent()) != 0 {
		t.Fatalf("a hook that handled the request must silence the default: %s", bottest.Texts(fa.Sent()))
	}
}

func TestCommandsHelpUnknownAndAliases(t *testing.T) {
	b, fa := newBot(t, nil)
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", "!aide")
	if !strings.Contains(fa.Last().Text, "!aide") {
		t.Fatalf("help lists commands: %q", fa.Last().Text)
	}
	fa.Say(ctx, b, "support", "alice", "!nimportequoi 3")
	if !strings.Contains(fa.Last().Text, "!nimportequoi") {
		t.Fatalf("unknown command must be named: %q", fa.Last().Text)
	}
}

func TestMentorOnlyCommandsAndUsage(t *testing.T) {
	b, fa := newBot(t, nil)
	ctx := context.Background()
	var got string
	b.Handle(&bot.Command{Names: []string{"claim"}, Args: "N", Help: "help.aide", Mentor: true,
		Run: func(ctx context.Context, req *bot.Request) error {
			if req.Args == "" {
				return bot.ErrUsage
			}
			got = req.Args
			return nil
		}})
	fa.Say(ctx, b, "support", "mallory", "!claim 1")
	if got != "" || !strings.Contains(fa.Last().Text, "réservée aux bénévoles") {
		t.Fatalf("non-mentor must be refused: ran=%q reply=%q", got, fa.Last().Text)
	}
	fa.Say(ctx, b, "mentors", "bob", "!CLAIM")
	if !strings.Contains(fa.Last().Text, "!claim N") {
		t.Fatalf("want usage line, got %q", fa.Last().Text)
	}
	fa.Say(ctx, b, "mentors", "bob", "!claim 7")
	if got != "7" {
		t.Fatalf("mentor command not run: %q", got)
	}
	if !strings.Contains(fa.Last().Text, "!claim") {
		t.Fatal("help must list mentor commands to mentors")
	}
}

func TestMentorsRoomChatterIsNotAQuestion(t *testing.T) {
	b, fa := newBot(t, nil)
	fa.Say(context.Background(), b, "mentors", "bob", "combien coûte la formation ?")
	if n := len(fa.Sent()); n != 0 {
		t.Fatalf("the bot answered mentors' chatter: %s", bottest.Texts(fa.Sent()))
	}
}

func TestDidYouMeanThenPickByNumber(t *testing.T) {
	kb := testKB(t)
	e1, _ := kb.Get("formation-tarifs")
	e2, _ := kb.Get("nuage-mdp")
	b, fa := newBot(t, stubMatcher{faq.Result{Decision: faq.Suggest, Entry: e1, Suggestions: []*faq.Entry{e1, e2}, Lang: "fr"}})
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", "mot de passe formation")
	txt := fa.Last().Text
	if !strings.Contains(txt, "1. Combien coûte") || !strings.Contains(txt, "2. Mot de passe") {
		t.Fatalf("want numbered suggestions, got %q", txt)
	}
	if !strings.Contains(txt, e2.Title+"\n\n") {
		t.Fatalf("the how-to-pick sentence must be a paragraph of its own, not part of the last item: %q", txt)
	}
	fa.Say(ctx, b, "support", "alice", "2")
	if !strings.Contains(fa.Last().Text, "Mot de passe oublié") {
		t.Fatalf("picking 2 must answer entry 2, got %q", fa.Last().Text)
	}
}

func TestUnsureHookReplacesSuggestions(t *testing.T) {
	kb := testKB(t)
	e1, _ := kb.Get("formation-tarifs")
	e2, _ := kb.Get("nuage-mdp")
	b, fa := newBot(t, stubMatcher{faq.Result{Decision: faq.Suggest, Entry: e1, Suggestions: []*faq.Entry{e1, e2}, Lang: "fr"}})
	ctx := context.Background()
	b.Unsure(func(ctx context.Context, req *bot.Request) bool {
		if !strings.Contains(req.Msg.Text, "dates") {
			return false
		}
		_, err := req.Reply(ctx, "les dates")
		return err == nil
	})
	fa.Say(ctx, b, "support", "alice", "les dates des formations")
	if txt := fa.Last().Text; txt != "les dates" {
		t.Fatalf("the unsure hook must replace the suggestions, got %q", txt)
	}
	fa.Say(ctx, b, "support", "alice", "mot de passe formation")
	if txt := fa.Last().Text; !strings.Contains(txt, "1. Combien coûte") {
		t.Fatalf("a hook that declines leaves the suggestions, got %q", txt)
	}
}

func TestAnsweredHookGetsSentID(t *testing.T) {
	b, fa := newBot(t, nil)
	var entry, sent string
	b.Answered(func(ctx context.Context, req *bot.Request, id string) { entry, sent = req.Match.Entry.ID, id })
	fa.Say(context.Background(), b, "support", "alice", "prix de la formation")
	ids := fa.SentIDs()
	if entry != "formation-tarifs" || sent != ids[len(ids)-1] {
		t.Fatalf("answered hook: entry=%q id=%q ids=%v", entry, sent, ids)
	}
}

func TestRunStopsWhenAdaptersEnd(t *testing.T) {
	b, fa := newBot(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- b.Run(ctx) }()
	<-fa.Ready()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestSendToUnknownAdapterFails(t *testing.T) {
	b, _ := newBot(t, nil)
	if _, err := b.Send(context.Background(), bot.Reply{Room: bot.Room{Adapter: "nope", ID: "x"}}); err == nil {
		t.Fatal("want an error for an unknown adapter")
	}
}

func TestEscapeMarkdownAndPlainText(t *testing.T) {
	in := `<b>hi</b> *x* [a](http://evil)`
	esc := bot.EscapeMarkdown(in)
	if strings.Contains(esc, "<b>") || strings.Contains(esc, "[a](") {
		t.Fatalf("not escaped: %q", esc)
	}
	if got := bot.PlainText(esc); got != in {
		t.Fatalf("escaped text must read the same in plain text: %q", got)
	}
	if got := bot.PlainText("voir [le site](https://x.example) **vite**"); got != "voir le site (https://x.example) vite" {
		t.Fatalf("flatten: %q", got)
	}
}

func TestCatalogueComplete(t *testing.T) {
	for _, k := range bot.MessageKeys("fr") {
		if !bot.HasMessage("en", k) {
			t.Errorf("key %q has no English text", k)
		}
	}
	for _, k := range bot.MessageKeys("en") {
		if !bot.HasMessage("fr", k) {
			t.Errorf("key %q has no French text", k)
		}
	}
}

func TestDidYouMeanNoneFitsEscalatesTheOriginalQuestion(t *testing.T) {
	kb := testKB(t)
	e1, _ := kb.Get("formation-tarifs")
	b, fa := newBot(t, stubMatcher{faq.Result{Decision: faq.Suggest, Entry: e1, Suggestions: []*faq.Entry{e1}, Lang: "fr"}})
	var escalated string
	b.Unanswered(func(ctx context.Context, req *bot.Request) bool { escalated = req.Msg.Text; return true })
	ctx := context.Background()
	q := fa.Say(ctx, b, "support", "alice", "tarif jitsi ?")
	fa.Say(ctx, b, "support", "alice", "aucune")
	if escalated != q.Text {
		t.Fatalf("\"aucune\" must escalate the original question, got %q", escalated)
	}
	// The list is consumed: a later "1" is a new question, not a pick.
	escalated = ""
	fa.Say(ctx, b, "support", "alice", "1")
	if strings.Contains(fa.Last().Text, "30 €") {
		t.Fatal("a consumed suggestion list must not answer again")
	}
}

func TestHelpWordAloneShowsTheCommands(t *testing.T) {
	b, fa := newBot(t, nil)
	ctx := context.Background()
	for _, tc := range []struct{ text, want string }{{"aide", "Commandes disponibles"}, {"Help!", "Available commands"}, {"à l'aide ?", "Commandes disponibles"}} {
		fa.Say(ctx, b, "support", "alice", tc.text)
		if got := fa.Last().Text; !strings.Contains(got, tc.want) {
			t.Errorf("%q: want the command list (%q), got %q", tc.text, tc.want, got)
		}
	}
	fa.Say(ctx, b, "support", "alice", "aide pour le nuage")
	if strings.Contains(fa.Last().Text, "Commandes disponibles") {
		t.Error("a question that merely contains \"aide\" must go to the FAQ")
	}
}

func TestCloseCallAnswerOffersTheRunnerUp(t *testing.T) {
	kb := testKB(t)
	e1, _ := kb.Get("formation-tarifs")
	e2, _ := kb.Get("nuage-mdp")
	b, fa := newBot(t, stubMatcher{faq.Result{Decision: faq.Answer, Entry: e1, SeeAlso: []*faq.Entry{e2}, Lang: "fr"}})
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", "tarif formation ou mot de passe")
	txt := fa.Last().Text
	if !strings.HasPrefix(txt, e1.Body) || !strings.Contains(txt, "Voir aussi :\n1. Mot de passe") {
		t.Fatalf("want the answer then the runner-up as 1, got %q", txt)
	}
	fa.Say(ctx, b, "support", "alice", "1")
	if fa.Last().Text != e2.Body {
		t.Fatalf("picking 1 must answer the runner-up alone, got %q", fa.Last().Text)
	}
}

func TestCloseCallNoneFitsHandsTheQuestionOver(t *testing.T) {
	kb := testKB(t)
	e1, _ := kb.Get("formation-tarifs")
	e2, _ := kb.Get("nuage-mdp")
	b, fa := newBot(t, stubMatcher{faq.Result{Decision: faq.Answer, Entry: e1, SeeAlso: []*faq.Entry{e2}, Lang: "fr"}})
	var handed string
	b.Unanswered(func(_ context.Context, req *bot.Request) bool {
		handed = req.Msg.Text
		return true
	})
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", "tarif formation ou mot de passe")
	fa.Say(ctx, b, "support", "alice", "0")
	if handed != "tarif formation ou mot de passe" {
		t.Fatalf("\"0\" after a close call must hand the original question over, got %q", handed)
	}
}

func TestClearAnswerHasNoFooter(t *testing.T) {
	kb := testKB(t)
	e1, _ := kb.Get("formation-tarifs")
	b, fa := newBot(t, stubMatcher{faq.Result{Decision: faq.Answer, Entry: e1, Lang: "fr"}})
	fa.Say(context.Background(), b, "support", "alice", "combien coûte la formation ?")
	if fa.Last().Text != e1.Body {
		t.Fatalf("a clear answer is the entry alone, got %q", fa.Last().Text)
	}
}

// Small talk gets the reply it calls for: a welcome to "quelqu'un est là
// ?", "see you" to a farewell, nothing to a bare "ok".
func TestSmallTalkReplies(t *testing.T) {
	for _, c := range []struct{ kind, want string }{
		{"greeting", "Bonjour"}, {"presence", "Bonjour"}, {"thanks", "Avec plaisir"}, {"farewell", "À bientôt"}, {"other", ""},
	} {
		b, fa := newBot(t, stubMatcher{faq.Result{Chitchat: c.kind, Lang: "fr"}})
		fa.Say(context.Background(), b, "dm-alice", "alice", "…")
		sent := fa.Sent()
		switch {
		case c.want == "" && len(sent) != 0:
			t.Errorf("%s: want no reply, got %q", c.kind, sent[0].Text)
		case c.want != "" && (len(sent) != 1 || !strings.Contains(sent[0].Text, c.want)):
			t.Errorf("%s: want one reply with %q, got %s", c.kind, c.want, bottest.Texts(sent))
		}
	}
}

// A vague message gets a request for details, and is not handed over.
func TestVagueMessageAsksForDetails(t *testing.T) {
	b, fa := newBot(t, stubMatcher{faq.Result{Vague: true, Lang: "fr"}})
	handed := false
	b.Unanswered(func(context.Context, *bot.Request) bool { handed = true; return true })
	fa.Say(context.Background(), b, "support", "alice", "et vous ?")
	if handed || !strings.Contains(fa.Last().Text, "préciser") {
		t.Fatalf("want a request for details and no hand-over, got %q (handed %v)", fa.Last().Text, handed)
	}
}

// A message too short to tell its language ("1", "ok") is answered in the
// language of the conversation.
func TestShortMessageKeepsTheConversationLanguage(t *testing.T) {
	kb := testKB(t)
	b, fa := newBot(t, faq.NewMatcher(kb, faq.Options{}))
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", "how much does the training cost?")
	fa.Say(ctx, b, "support", "alice", "1")
	if got := fa.Last().Text; !strings.Contains(got, "Could you say a little more") {
		t.Fatalf("want the English request for details after an English exchange, got %q", got)
	}
	fa.Say(ctx, b, "support", "bob", "1")
	if got := fa.Last().Text; !strings.Contains(got, "Pouvez-vous préciser") {
		t.Fatalf("someone new gets the default language, got %q", got)
	}
}
