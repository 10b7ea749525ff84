package faq

import "strings"

// commonText: frequent French and English words that say little about
// what a support question is about (generic adjectives, numbers, time
// words, everyday verbs and nouns). They still count in the ranking, at a
// reduced weight, and a question whose only words the best entry lacks
// are of this kind is not taken for an unknown topic.
const commonText = `
petit petite petits petites grand grande grands grandes gros grosse nouveau nouvel nouvelle nouveaux nouvelles
vieux vieille ancien ancienne anciens premier premiere premiers dernier derniere derniers dernieres
seul seule seuls vrai vraie faux fausse bon bons bonne bonnes mauvais mauvaise meilleur meilleure pire
long longue longs court courte haut haute bas basse important importante importants simple simples
facile faciles difficile difficiles complique compliquee rapide rapides lent lente rapidement vite
certain certaine certains certaines different differente differents pareil pareille propre propres
principal principale general generale generalement particulier particuliere special speciale
deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente quarante cinquante cent cents mille
second seconde deuxieme troisieme moitie double
jour jours journee semaine semaines mois an ans annee annees minute minutes seconde secondes fois moment moments
temps matin matinee soir nuit midi minuit weekend week-end soiree veille lendemain
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
lundi mardi mercredi jeudi vendredi samedi dimanche
printemps ete automne hiver
dire voir trouver rester sembler laisser tenir porter parler montrer chercher demander demande demandes essayer
comprendre connaitre devenir revenir arriver tomber aimer agir permettre jouer sortir entrer regarder
recevoir envoyer mettre prendre rendre garder marcher vouloir penser croire savoir pouvoir devoir
chose choses truc trucs gens personne personnes monde homme hommes femme femmes enfant enfants famille
ami amie amis amies question questions souci soucis cas facon maniere exemple idee part partie suite raison
envie avis detail details precision precisions coup coups fond tour bout cote milieu
bientot longtemps ensuite surtout assez tellement plutot ailleurs dehors dedans partout presque environ
exactement actuellement vite lentement souvent rarement jamais vraiment peut-etre mal
new old big small little great good bad best better worse last first same different long short
high low higher lower easy hard simple quick fast slow important able sure true false real wrong
whole main general special usual usually nice fine
one two three four five six seven eight nine ten twelve fifteen twenty thirty fifty hundred thousand second third half
day days week weeks month months year years minute minutes second seconds time times moment
today tomorrow yesterday morning evening night weekend tonight
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday spring summer autumn fall winter
say says said tell ask asked asking see saw seen look looking find found give gave take took taken come came
send sent receive received try tried put seem seems show showed understand mean means happen happened
decide decided confused confusing wonder sure
thing things stuff people person persons man men woman women kid kids child children family friend friends
question questions answer answers way ways case example idea part end point reason lot lots bit kind sort
again always never soon later now still already just really quite rather pretty maybe else anyway actually
currently exactly almost around instead enough
`

// commonWeight scales the weight of a common word in a question.
const commonWeight = 0.35

func buildCommon(l *lexicon) {
	for _, w := range strings.Fields(Fold(commonText)) {
		for _, x := range words(w) {
			l.common[x] = true
			l.commonStem[stem(x)] = true
		}
	}
}

// isCommon reports whether a question word (or its term) is a common word.
func isCommon(word, term string) bool {
	if term == "" || term[0] == '=' {
		return false
	}
	return lex.common[word] || lex.commonStem[term]
}
