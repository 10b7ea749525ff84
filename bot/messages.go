package bot

// catalogue holds every sentence the bot says, per language, so a translator
// edits one file. Keys are grouped by feature; %s/%d follow fmt rules and the
// argument order is the same in every language.
var catalogue = map[string]map[string]string{
	"fr": {
		"welcome":        "Bonjour ! Je suis %s, l'assistant d'entraide. Posez votre question en une phrase (par exemple « j'ai perdu mon mot de passe »), je cherche dans la FAQ. Tapez !aide pour la liste des commandes.",
		"thanks":         "Avec plaisir !",
		"farewell":       "À bientôt !",
		"vague":          "Pouvez-vous préciser votre question ? Par exemple : « comment adhérer ? », « j'ai perdu mon mot de passe ».",
		"dont_know":      "Je ne connais pas encore la réponse à cette question. Vous pouvez la reformuler avec d'autres mots.",
		"did_you_mean":   "Je ne suis pas sûr d'avoir compris. Vouliez-vous dire :",
		"pick_number":    "Répondez avec le numéro (par exemple « 1 »), « 0 » si aucune ne convient, ou reformulez votre question.",
		"help_header":    "Commandes disponibles :",
		"help_footer":    "Pour le reste, posez simplement votre question : je réponds depuis la FAQ, et je transmets aux bénévoles ce que je ne sais pas.",
		"unknown_cmd":    "Commande inconnue : !%s. Tapez !aide pour la liste.",
		"usage":          "Utilisation : %s",
		"too_long":       "Votre message est trop long pour moi (plus de %d Ko) : pouvez-vous le raccourcir, en gardant la question ?",
		"too_long_cmd":   "Cette commande est trop longue pour moi (plus de %d Ko) : raccourcissez le texte, ou écrivez-le en plusieurs fois.",
		"not_mentor":     "Désolé, la commande !%s est réservée aux bénévoles mentors.",
		"not_admin":      "Désolé, la commande !%s est réservée aux administrateurs.",
		"cmd_error":      "Une erreur est survenue, la commande n'a pas abouti. L'équipe technique est prévenue.",
		"help.aide":      "affiche cette aide",
		"mentor_section": "Pour les mentors :",

		// --- faq matcher (issue: FAQ engine) ---
		"see_also":      "Pas tout à fait ça ? Voir aussi :",
		"see_also_pick": "Répondez avec le numéro, ou « 0 » pour transmettre votre question à l'équipe.",
		"pick_range":    "Choisissez un numéro de 1 à %d, ou « 0 » si aucune ne convient.",

		// --- announcements ---
		"help.formations":              "liste les prochaines formations (date, lieu, tarif, inscription)",
		"help.services":                "liste les services ouverts récemment et ceux à venir",
		"ann.weekdays":                 "dimanche,lundi,mardi,mercredi,jeudi,vendredi,samedi",
		"ann.months":                   "janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre",
		"ann.day":                      "%s %d %s %d",
		"ann.clock":                    "%dh%02d",
		"ann.clock_hour":               "%dh",
		"ann.same_day":                 "%s, %s–%s",
		"ann.multi_day":                "du %s, %s, au %s, %s",
		"ann.online":                   "en ligne",
		"ann.place_and_online":         "%s, ou en ligne",
		"ann.when":                     "📅 %s",
		"ann.where":                    "📍 %s",
		"ann.price":                    "💶 Tarif : %s",
		"ann.seats":                    "👥 %d places",
		"ann.register":                 "✍️ Inscription : %s",
		"ann.url":                      "🔗 %s",
		"ann.account":                  "🔑 Compte : %s",
		"ann.opens":                    "🗓️ Ouvre le %s",
		"ann.opened":                   "🗓️ Ouvert depuis le %s",
		"ann.post_training":            "📣 Formation dans %d jours : **%s**",
		"ann.post_training_soon":       "📣 C'est bientôt : **%s**",
		"ann.post_changed":             "⚠️ Attention : la date ou le lieu a changé depuis la première annonce.",
		"ann.post_service":             "🚀 Nouveau service : **%s**",
		"ann.post_correction":          "⚠️ Changement pour **%s** : voici la nouvelle date et le nouveau lieu.",
		"ann.was":                      "(au lieu de : %s)",
		"ann.post_cancel":              "❌ Annulation : **%s** (%s) n'aura pas lieu. Désolés pour ce changement.",
		"ann.more_trainings":           "Toutes les dates : !formations",
		"ann.trainings_header":         "Prochaines formations :",
		"ann.no_trainings":             "Aucune formation n'est prévue pour l'instant. Revenez bientôt, ou tapez !services pour voir les nouveaux services.",
		"ann.services_opened_header":   "Services ouverts récemment :",
		"ann.services_upcoming_header": "Services à venir :",
		"ann.no_services":              "Pas de nouveau service en ce moment. Tapez !formations pour les prochaines formations.",
		"ann.feed_name":                "Formations",
		"ann.price_label":              "Tarif : ",
		"ann.register_label":           "Inscription : ",

		// --- operations (reload, rate limits) ---
		"ratelimit.user": "Vous envoyez beaucoup de messages : je fais une pause et je ne lis ni ne transmets ceux qui arrivent pendant ce temps. Attendez %d s, puis renvoyez ce qui n'a pas eu de réponse.",
		"ratelimit.room": "Ce salon est très actif : je fais une pause et je ne lis ni ne transmets les messages qui arrivent pendant ce temps. Attendez %d s, puis renvoyez ce qui n'a pas eu de réponse.",
		"help.reload":    "recharge la FAQ et les annonces depuis leurs fichiers",
		"reload.done":    "Rechargement terminé : %d fiches dans la FAQ.",
		"reload.failed":  "Le rechargement a échoué, la version précédente reste en service. À corriger :\n%s",

		// --- matrix ---

		// --- xmpp ---

		// --- communities (one bot serving several groups) ---
		"hub.unknown_room": "Bonjour ! Je suis %s. Ce salon ne fait partie d'aucune des communautés que j'accompagne (%s) : je ne peux pas y répondre aux questions ni y ouvrir de ticket. Retrouvez-moi dans les salons de votre communauté.",
		"hub.which":        "Je sers plusieurs communautés. Pour laquelle posez-vous votre question ? Répondez avec le numéro ou le nom :\n%s",
		"hub.chosen":       "C'est noté : je vous réponds pour la communauté %s.",
	},
	"en": {
		"welcome":        "Hello! I am %s, the community help assistant. Ask your question in one sentence (for example \"I lost my password\") and I will look it up in the FAQ. Type !help for the list of commands.",
		"thanks":         "You're welcome!",
		"farewell":       "See you!",
		"vague":          "Could you say a little more? For example: \"how do I join?\", \"I lost my password\".",
		"dont_know":      "I don't know the answer to that yet. You can try other words.",
		"did_you_mean":   "I am not sure I understood. Did you mean:",
		"pick_number":    "Reply with the number (for example \"1\"), \"0\" if none fits, or rephrase your question.",
		"help_header":    "Available commands:",
		"help_footer":    "For anything else, just ask: I answer from the FAQ and pass what I don't know on to the volunteers.",
		"unknown_cmd":    "Unknown command: !%s. Type !help for the list.",
		"usage":          "Usage: %s",
		"too_long":       "Your message is too long for me (over %d KB): please shorten it, keeping the question.",
		"too_long_cmd":   "This command is too long for me (over %d KB): shorten the text, or send it in several parts.",
		"not_mentor":     "Sorry, !%s is for mentors only.",
		"not_admin":      "Sorry, !%s is for administrators only.",
		"cmd_error":      "Something went wrong and the command did not complete. The tech team has been told.",
		"help.aide":      "shows this help",
		"mentor_section": "For mentors:",

		// --- faq matcher (issue: FAQ engine) ---
		"see_also":      "Not quite it? See also:",
		"see_also_pick": "Reply with the number, or \"0\" to pass your question on to the team.",
		"pick_range":    "Choose a number from 1 to %d, or \"0\" if none fits.",

		// --- announcements ---
		"help.formations":              "lists upcoming trainings (date, place, price, registration)",
		"help.services":                "lists recently opened and upcoming services",
		"ann.weekdays":                 "Sunday,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday",
		"ann.months":                   "January,February,March,April,May,June,July,August,September,October,November,December",
		"ann.day":                      "%s %d %s %d",
		"ann.clock":                    "%d:%02d",
		"ann.clock_hour":               "%d:00",
		"ann.same_day":                 "%s, %s–%s",
		"ann.multi_day":                "from %s, %s, to %s, %s",
		"ann.online":                   "online",
		"ann.place_and_online":         "%s, or online",
		"ann.when":                     "📅 %s",
		"ann.where":                    "📍 %s",
		"ann.price":                    "💶 Price: %s",
		"ann.seats":                    "👥 %d seats",
		"ann.register":                 "✍️ Registration: %s",
		"ann.url":                      "🔗 %s",
		"ann.account":                  "🔑 Account: %s",
		"ann.opens":                    "🗓️ Opens on %s",
		"ann.opened":                   "🗓️ Open since %s",
		"ann.post_training":            "📣 Training in %d days: **%s**",
		"ann.post_training_soon":       "📣 Coming up very soon: **%s**",
		"ann.post_changed":             "⚠️ Note: the date or place changed since it was first announced.",
		"ann.post_service":             "🚀 New service: **%s**",
		"ann.post_correction":          "⚠️ Change for **%s**: here are the new date and place.",
		"ann.was":                      "(instead of: %s)",
		"ann.post_cancel":              "❌ Cancelled: **%s** (%s) will not take place. Sorry for the change.",
		"ann.more_trainings":           "All dates: !trainings",
		"ann.trainings_header":         "Upcoming trainings:",
		"ann.no_trainings":             "No training is planned yet. Come back soon, or type !services to see the new services.",
		"ann.services_opened_header":   "Recently opened services:",
		"ann.services_upcoming_header": "Coming soon:",
		"ann.no_services":              "No new service right now. Type !trainings for the upcoming trainings.",
		"ann.feed_name":                "Trainings",
		"ann.price_label":              "Price: ",
		"ann.register_label":           "Registration: ",

		// --- operations (reload, rate limits) ---
		"ratelimit.user": "You are sending a lot of messages: I am pausing, and what arrives meanwhile is neither read nor passed on. Wait %d s, then send again what got no answer.",
		"ratelimit.room": "This room is very busy: I am pausing, and messages arriving meanwhile are neither read nor passed on. Wait %d s, then send again what got no answer.",
		"help.reload":    "reloads the FAQ and announcements from their files",
		"reload.done":    "Reload done: %d entries in the FAQ.",
		"reload.failed":  "Reload failed, the previous version stays in service. To fix:\n%s",

		// --- matrix ---

		// --- xmpp ---

		// --- communities (one bot serving several groups) ---
		"hub.unknown_room": "Hello! I am %s. This room belongs to none of the communities I serve (%s): I cannot answer questions or open tickets here. Find me in your community's rooms.",
		"hub.which":        "I serve several communities. Which one is your question for? Reply with the number or the name:\n%s",
		"hub.chosen":       "Noted: I answer you for the community %s.",
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
