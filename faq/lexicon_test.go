package faq

import (
	"slices"
	"testing"
)

// Words with two meanings in support questions are read by their
// expression, not forced into one concept.
func TestExpressionsOverrideWords(t *testing.T) {
	for _, c := range []struct {
		text      string
		want, not string
	}{
		// a fixed expression carries no topic
		{"je suis en train de migrer mon compte", "=migrate", "=training"},
		{"du coup je peux venir en train ?", "", "=training"},
		// "compte rendu" is the minutes of a meeting, not an account
		{"où mettre le compte rendu de la réunion ?", "=minutes", "=account"},
		{"le CR de l'AG", "=minutes", "=account"},
		// "j'ai reçu" is receiving, "reçu fiscal" a receipt
		{"j'ai pas reçu le mail", "=receive", "=receipt"},
		{"mon reçu fiscal", "=receipt", "=receive"},
		// a birth date is personal data, not a date to book
		{"vous gardez ma date de naissance ?", "=data", "=date"},
		// "réservé aux adhérents" restricts, it does not book
		{"c'est réservé aux adhérents ?", "=restricted", "=signup"},
		// "n'importe qui" imports nothing
		{"lisible par n'importe qui ?", "", "import"},
		// being allowed is not a right over one's data
		{"on a le droit de faire de la pub ?", "=allowed", "=rights"},
		{"exercer mon droit d'accès", "=rights", "=allowed"},
		// "public" is not advertising
		{"le lien est public ?", "=public", "=ads"},
		// "Wi-Fi" is not the chat "wi" (oui) followed by "fi"
		{"y a du Wi-Fi sur place ?", "=wifi", ""},
		{"wifi sur place ou je prends ma clé 4G ?", "=wifi", ""},
		// what you know about me is personal data
		{"je veux tout ce que vous savez sur moi", "=data", ""},
		// a verb with its object, whatever the verb's form
		{"comment on ferme le compte de l'asso ?", "=delete", ""},
		{"j'ai fermé mon compte par erreur", "=delete", ""},
		// someone without an account is not an account to open
		{"envoyer des photos à ma famille qui a pas de compte", "=noaccount", ""},
		// where the servers stand is about data, not an instance to join
		{"Are your servers located in the EU?", "=datacenter", ""},
		// « marchent » works, it is not the month of March
		{"vos serveurs marchent ?", "=work", "=date"},
		// « en application de » applies a law, it is no app
		{"en application de l'article 17 du RGPD", "=privacy", "=software"},
		// members are still named in "réservé aux membres"
		{"c'est réservé aux membres ?", "=member", ""},
	} {
		terms := Terms(c.text)
		if c.want != "" && !slices.Contains(terms, c.want) {
			t.Errorf("%q: terms %v lack %s", c.text, terms, c.want)
		}
		if slices.Contains(terms, c.not) {
			t.Errorf("%q: terms %v have %s", c.text, terms, c.not)
		}
	}
}

// The chat "wi" still says yes in small talk.
func TestChatYes(t *testing.T) {
	for _, text := range []string{"wi merci", "ouais ok"} {
		if got := lex.smallTalk(lex.expandWords(text)); got == "" {
			t.Errorf("%q: not small talk", text)
		}
	}
}

// "cb" is combien, except after a word that makes it a bank card.
func TestAbbreviationByPreviousWord(t *testing.T) {
	for _, c := range []struct{ text, want, not string }{
		{"adhésion par cb ?", "=pay", "=price"},
		{"je peux payer en CB ?", "=pay", ""},
		{"cb ça coûte ?", "=price", "=pay"},
		{"la formation c'est cb ?", "=price", "=pay"},
	} {
		terms := Terms(c.text)
		if !slices.Contains(terms, c.want) {
			t.Errorf("%q: terms %v lack %s", c.text, terms, c.want)
		}
		if c.not != "" && slices.Contains(terms, c.not) {
			t.Errorf("%q: terms %v have %s", c.text, terms, c.not)
		}
	}
}

// Having written in the wrong room is small talk, whatever the room.
func TestWrongRoomIsSmallTalk(t *testing.T) {
	for _, text := range []string{"dsl je me suis trompée de conversation", "oups, trompé de salon"} {
		if got := lex.smallTalk(lex.expandWords(text)); got == "" {
			t.Errorf("%q: not small talk", text)
		}
	}
}
