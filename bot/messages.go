package bot

// catalogue holds every sentence the bot says, per language, so a translator
// edits one file. Keys are grouped by feature; %s/%d follow fmt rules and the
// argument order is the same in every language.
var catalogue = map[string]map[string]string{
	"fr": {
		"welcome":        "Bonjour ! Je suis %s, l'assistant d'entraide. Posez votre question en une phrase (par exemple « j'ai perdu mon mot de passe »), je cherche dans la FAQ. Tapez !aide pour la liste des commandes.",
		"thanks":         "Avec plaisir !",
		"dont_know":      "Je ne connais pas encore la réponse à cette question. Un·e bénévole pourra vous répondre ; vous pouvez aussi reformuler avec d'autres mots.",
		"did_you_mean":   "Je ne suis pas sûr d'avoir compris. Vouliez-vous dire :",
		"pick_number":    "Répondez avec le numéro (par exemple « 1 »), ou reformulez votre question.",
		"help_header":    "Commandes disponibles :",
		"help_footer":    "Pour le reste, posez simplement votre question : je réponds depuis la FAQ, et je transmets aux bénévoles ce que je ne sais pas.",
		"unknown_cmd":    "Commande inconnue : !%s. Tapez !aide pour la liste.",
		"usage":          "Utilisation : %s",
		"not_mentor":     "Désolé, la commande !%s est réservée aux bénévoles mentors.",
		"not_admin":      "Désolé, la commande !%s est réservée aux administrateurs.",
		"cmd_error":      "Une erreur est survenue, la commande n'a pas abouti. L'équipe technique est prévenue.",
		"help.aide":      "affiche cette aide",
		"mentor_section": "Pour les mentors :",

		// --- faq matcher (issue: FAQ engine) ---

		// --- tickets and mentors ---

		// --- announcements ---

		// --- operations (reload, rate limits) ---

		// --- matrix ---

		// --- xmpp ---
	},
	"en": {
		"welcome":        "Hello! I am %s, the community help assistant. Ask your question in one sentence (for example \"I lost my password\") and I will look it up in the FAQ. Type !help for the list of commands.",
		"thanks":         "You're welcome!",
		"dont_know":      "I don't know the answer to that yet. A volunteer will be able to help; you can also try other words.",
		"did_you_mean":   "I am not sure I understood. Did you mean:",
		"pick_number":    "Reply with the number (for example \"1\"), or rephrase your question.",
		"help_header":    "Available commands:",
		"help_footer":    "For anything else, just ask: I answer from the FAQ and pass what I don't know on to the volunteers.",
		"unknown_cmd":    "Unknown command: !%s. Type !help for the list.",
		"usage":          "Usage: %s",
		"not_mentor":     "Sorry, !%s is for mentors only.",
		"not_admin":      "Sorry, !%s is for administrators only.",
		"cmd_error":      "Something went wrong and the command did not complete. The tech team has been told.",
		"help.aide":      "shows this help",
		"mentor_section": "For mentors:",

		// --- faq matcher (issue: FAQ engine) ---

		// --- tickets and mentors ---

		// --- announcements ---

		// --- operations (reload, rate limits) ---

		// --- matrix ---

		// --- xmpp ---
	},
}

// AddMessages merges feature-specific sentences into the catalogue. Features
// call it from init so their strings live next to their code but are still
// reachable through T.
func AddMessages(lang string, msgs map[string]string) {
	m := catalogue[lang]
	if m == nil {
		m = map[string]string{}
		catalogue[lang] = m
	}
	for k, v := range msgs {
		m[k] = v
	}
}
