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
		"help.claim":              "prendre en charge le ticket N",
		"help.unclaim":            "rendre le ticket N à l'équipe",
		"help.answer":             "répondre au ticket N (la réponse est transmise à la personne)",
		"help.resolve":            "clore le ticket N",
		"help.reopen":             "rouvrir le ticket N",
		"help.tickets":            "liste les tickets ouverts et pris, du plus ancien au plus récent",
		"help.ticket":             "détails et historique du ticket N",
		"help.faq":                "fait du ticket N un brouillon d'entrée de FAQ",
		"ticket.opened":           "Je ne connais pas encore la réponse : j'ai transmis votre question aux bénévoles (ticket n° %d). Quelqu'un vous répondra ici.",
		"ticket.notice":           "🎫 Ticket n° %d — %s dans %s :",
		"ticket.notice_feedback":  "🎫 Ticket n° %d — la réponse de la FAQ n'a pas aidé %s dans %s :",
		"ticket.entry_given":      "Réponse donnée : %s",
		"ticket.guesses":          "Pistes de la FAQ : %s",
		"ticket.how_to_claim":     "Pour le prendre : !prendre %d",
		"ticket.already_yours":    "Vous avez déjà le ticket n° %d.",
		"ticket.claimed_by":       "Le ticket n° %d est déjà pris par %s.",
		"ticket.answered_by":      "Le ticket n° %d a déjà reçu une réponse de %s. Pour y revenir : !rouvrir, ou !resoudre pour le clore.",
		"ticket.is_resolved":      "Le ticket n° %d est clos. Rouvrez-le d'abord avec !rouvrir.",
		"ticket.not_claimed":      "Le ticket n° %d n'est pris par personne.",
		"ticket.already_resolved": "Le ticket n° %d est déjà clos.",
		"ticket.not_closed":       "Le ticket n° %d n'est pas clos : rien à rouvrir.",
		"ticket.not_found":        "Il n'y a pas de ticket n° %d.",
		"ticket.bad_number":       "« %s » n'est pas un numéro de ticket (un nombre entier à partir de 1).",
		"ticket.extra_args":       "Argument en trop : %s",
		"ticket.need_text":        "Il manque le texte de la réponse.",
		"ticket.claimed_ok":       "Ticket n° %d pris par %s.",
		"ticket.unclaimed_ok":     "Ticket n° %d rendu à l'équipe par %s.",
		"ticket.resolved_ok":      "Ticket n° %d clos par %s.",
		"ticket.reopened_ok":      "Ticket n° %d rouvert par %s.",
		"ticket.relay":            "%s\n\n— %s, bénévole",
		"ticket.relay_failed":     "La réponse au ticket n° %d n'a pas pu être envoyée ; le ticket n'a pas changé. Réessayez plus tard.",
		"ticket.answered_ok":      "Réponse au ticket n° %d transmise à %s. Quand c'est réglé : !resoudre %d",
		"ticket.none_open":        "Aucun ticket en attente. 🎉",
		"ticket.list_header":      "Tickets en attente (%d) :",
		"ticket.list_more":        "… et %d de plus (entraide tickets list les montre tous).",
		"ticket.state.open":       "ouvert",
		"ticket.state.claimed":    "pris",
		"ticket.state.answered":   "répondu",
		"ticket.state.resolved":   "clos",
		"ticket.details":          "Ticket n° %d (%s) — %s dans %s, langue %s, ouvert le %s",
		"ticket.purged":           "(texte effacé selon la durée de conservation)",
		"ticket.holder":           "Mentor : %s",
		"ticket.last_answer":      "Dernière réponse :",
		"ticket.history":          "Historique :",
		"ticket.event.open":       "ouvert",
		"ticket.event.claim":      "pris",
		"ticket.event.unclaim":    "rendu",
		"ticket.event.answer":     "répondu",
		"ticket.event.resolve":    "clos",
		"ticket.event.reopen":     "rouvert",
		"ticket.event.purge":      "texte effacé",
		"ticket.no_drafts_dir":    "Aucun dossier de brouillons n'est configuré (mentors.drafts_dir).",
		"ticket.draft_written":    "Brouillon d'entrée de FAQ du ticket n° %d écrit dans %s. Relisez-le, retirez « draft: true » et ajoutez-le au dépôt de la FAQ.",
		"ticket.draft_purged":     "Le texte du ticket n° %d a été effacé : impossible d'en faire une entrée de FAQ.",
		"ticket.draft_no_answer":  "Le ticket n° %d n'a pas encore de réponse : répondez d'abord avec !repondre.",
		"ticket.age_min":          "%d min",
		"ticket.age_h":            "%d h",
		"ticket.age_d":            "%d j",
		"ticket.remind_open":      "⏰ Le ticket n° %d attend un·e mentor depuis %s — %s dans %s :",
		"ticket.remind_claimed":   "⏰ Le ticket n° %d, pris par %s, est sans réponse depuis %s — %s dans %s :",
		"feedback.thanks":         "Merci pour votre retour !",
		"feedback.already_ticket": "Les bénévoles sont déjà prévenus (ticket n° %d).",
		"feedback.ticket_opened":  "Désolé que cette réponse ne vous aide pas. J'ai transmis votre question aux bénévoles (ticket n° %d).",

		// --- announcements ---

		// --- operations (reload, rate limits) ---
		"ratelimit.user": "Vous envoyez beaucoup de messages : je fais une courte pause avant de vous répondre à nouveau.",
		"ratelimit.room": "Ce salon est très actif : je fais une courte pause avant de répondre à nouveau.",
		"help.reload":    "recharge la FAQ et les annonces depuis leurs fichiers",
		"reload.done":    "Rechargement terminé : %d fiches dans la FAQ.",
		"reload.failed":  "Le rechargement a échoué, la version précédente reste en service. À corriger :\n%s",

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
		"help.claim":              "take ticket N",
		"help.unclaim":            "give ticket N back to the team",
		"help.answer":             "answer ticket N (the answer is relayed to the asker)",
		"help.resolve":            "close ticket N",
		"help.reopen":             "reopen ticket N",
		"help.tickets":            "list open and claimed tickets, oldest first",
		"help.ticket":             "details and history of ticket N",
		"help.faq":                "turn ticket N into a draft FAQ entry",
		"ticket.opened":           "I don't know the answer yet: I passed your question on to the volunteers (ticket #%d). Someone will answer you here.",
		"ticket.notice":           "🎫 Ticket #%d — %s in %s:",
		"ticket.notice_feedback":  "🎫 Ticket #%d — the FAQ answer did not help %s in %s:",
		"ticket.entry_given":      "Answer given: %s",
		"ticket.guesses":          "FAQ guesses: %s",
		"ticket.how_to_claim":     "To take it: !claim %d",
		"ticket.already_yours":    "You already hold ticket #%d.",
		"ticket.claimed_by":       "Ticket #%d is already claimed by %s.",
		"ticket.answered_by":      "Ticket #%d was already answered by %s. To go back to it: !reopen, or !resolve to close it.",
		"ticket.is_resolved":      "Ticket #%d is closed. Reopen it first with !reopen.",
		"ticket.not_claimed":      "Nobody holds ticket #%d.",
		"ticket.already_resolved": "Ticket #%d is already closed.",
		"ticket.not_closed":       "Ticket #%d is not closed: nothing to reopen.",
		"ticket.not_found":        "There is no ticket #%d.",
		"ticket.bad_number":       "\"%s\" is not a ticket number (a whole number from 1).",
		"ticket.extra_args":       "Unexpected argument: %s",
		"ticket.need_text":        "The answer text is missing.",
		"ticket.claimed_ok":       "Ticket #%d claimed by %s.",
		"ticket.unclaimed_ok":     "Ticket #%d given back to the team by %s.",
		"ticket.resolved_ok":      "Ticket #%d closed by %s.",
		"ticket.reopened_ok":      "Ticket #%d reopened by %s.",
		"ticket.relay":            "%s\n\n— %s, volunteer",
		"ticket.relay_failed":     "The answer to ticket #%d could not be sent; the ticket is unchanged. Try again later.",
		"ticket.answered_ok":      "Answer to ticket #%d relayed to %s. Once it is settled: !resolve %d",
		"ticket.none_open":        "No ticket waiting. 🎉",
		"ticket.list_header":      "Waiting tickets (%d):",
		"ticket.list_more":        "… and %d more (entraide tickets list shows them all).",
		"ticket.state.open":       "open",
		"ticket.state.claimed":    "claimed",
		"ticket.state.answered":   "answered",
		"ticket.state.resolved":   "closed",
		"ticket.details":          "Ticket #%d (%s) — %s in %s, language %s, opened %s",
		"ticket.purged":           "(text erased by the retention policy)",
		"ticket.holder":           "Mentor: %s",
		"ticket.last_answer":      "Last answer:",
		"ticket.history":          "History:",
		"ticket.event.open":       "opened",
		"ticket.event.claim":      "claimed",
		"ticket.event.unclaim":    "given back",
		"ticket.event.answer":     "answered",
		"ticket.event.resolve":    "closed",
		"ticket.event.reopen":     "reopened",
		"ticket.event.purge":      "text erased",
		"ticket.no_drafts_dir":    "No drafts folder is configured (mentors.drafts_dir).",
		"ticket.draft_written":    "Draft FAQ entry for ticket #%d written to %s. Review it, remove \"draft: true\" and commit it to the FAQ repository.",
		"ticket.draft_purged":     "The text of ticket #%d was erased: it cannot become a FAQ entry.",
		"ticket.draft_no_answer":  "Ticket #%d has no answer yet: answer it first with !answer.",
		"ticket.age_min":          "%d min",
		"ticket.age_h":            "%d h",
		"ticket.age_d":            "%d d",
		"ticket.remind_open":      "⏰ Ticket #%d has been waiting for a mentor for %s — %s in %s:",
		"ticket.remind_claimed":   "⏰ Ticket #%d, claimed by %s, has had no answer for %s — %s in %s:",
		"feedback.thanks":         "Thanks for your feedback!",
		"feedback.already_ticket": "The volunteers already know (ticket #%d).",
		"feedback.ticket_opened":  "Sorry this answer did not help. I passed your question on to the volunteers (ticket #%d).",

		// --- announcements ---

		// --- operations (reload, rate limits) ---
		"ratelimit.user": "You are sending a lot of messages: I am pausing for a moment before answering you again.",
		"ratelimit.room": "This room is very busy: I am pausing for a moment before answering again.",
		"help.reload":    "reloads the FAQ and announcements from their files",
		"reload.done":    "Reload done: %d entries in the FAQ.",
		"reload.failed":  "Reload failed, the previous version stays in service. To fix:\n%s",

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
