package faq

import (
	"strings"
)

// The matcher's language resources: general French and English chat and
// community-support vocabulary, independent of any particular FAQ. A
// knowledge base needs no change here; these lists only teach the matcher
// how people write in a support room.

// abbrevText: chat abbreviations and contractions, "abbr = expansion".
const abbrevText = `
mdp mdps = mot de passe
pwd pswd passwd pw = password
asso assos assoc = association
pb pbm pblm prob pbs probs = probleme
cmt cmnt comt koment coment = comment
pr = pour
pq pk pourkoi = pourquoi
jsp = je sais pas
jsais chais = je sais
stp svp = s'il vous plait
plz pls pliz = please
tjrs tjs toujour = toujours
qqn qqun qq1 qlqn quelquun = quelqu'un
qqch qqc qqchose = quelque chose
qq qques qlq qlqs = quelques
bcp bcq = beaucoup
dsl = desole
rdv = rendez vous
mtn mnt = maintenant
ds = dans
tt = tout
ts = tous
vs = vous
ns = nous
avc ac = avec
c = c'est
g = j'ai
jai = j'ai
ya yen = il y a
auj ajd aujd = aujourd'hui
dispo dispos = disponible
info infos = information
synchro synchros sync = synchronisation
appli applis app apps = application
ordi ordis = ordinateur
tel tels = telephone
msg msgs = message
rep = reponse
chui chuis jsuis jsui = je suis
jpeux jpx = je peux
jveux = je veux
jfais jfai = je fais
jme = je me
jarrive = j'arrive
jvais = je vais
jpense = je pense
cotise cotises cotis = cotisation
resa resas = reservation
perso = personnel
param params = parametres
config = configuration
admin admins = administrateur
modo modos = moderateur
pouet pouets toot toots = mastodon message
masto = mastodon
fb = facebook
insta = instagram
mail mails mel email emails courriel courriels = e-mail
nn nan = non
ouais ouai = oui
thx thnx thanx tks ty tnx = thanks
u = you
ur = your
r = are
im = i am
cant = can not
dont = do not
doesnt = does not
didnt = did not
wont = will not
isnt = is not
arent = are not
ive = i have
idk = i do not know
cuz coz bc = because
abt = about
acc acct = account
sth smth = something
rn = right now
wanna = want to
gonna = going to
btw = by the way
asap = as soon as possible
wed = we would
youd = you would
theyd = they would
youre = you are
theyre = they are
youve = you have
weve = we have
theyve = they have
itll = it will
youll = you will
theyll = they will
whats = what is
thats = that is
theres = there is
heres = here is
hows = how is
wheres = where is
whos = who is
shouldnt = should not
couldnt = could not
wouldnt = would not
hasnt = has not
havent = have not
hadnt = had not
wasnt = was not
werent = were not
koi kwa = quoi
kan qd = quand
ki = qui
ke = que
kel kelle = quel
cb cbien = combien
dc = donc
pcq pck psk pasque = parce que
jcrois = je crois
jdois = je dois
jvoudrais jvoudrai = je voudrais
jy = j'y
jcomprends jcomprend = je comprends
jtrouve = je trouve
jsavais = je savais
mm = meme
ptet ptetre = peut-etre
tkt = t'inquiete
vrmt = vraiment
tjr = toujours
pa = pas
mrc mci = merci
dac dacc = d'accord
tps = temps
tlm = tout le monde
kk1 = quelqu'un
nimporte = n'importe
tuto tutos = tutoriel
cr = compte rendu
ag = assemblee generale
cmb cbn = combien
`

// afterText: abbreviations whose meaning depends on the word before them,
// "abbr after word word ... = expansion" ("cb" is combien, but « par cb »
// is by bank card). Elsewhere abbrevText applies.
const afterText = `
cb after par en ma la une avec carte payer paye paie regler = carte bancaire
`

// conceptText: groups of words and expressions that mean the same thing
// for support purposes, in French and English. Each line is
// "=concept: word, word, multi word expression, ...". Single words also
// match through their stem, so one form per family is enough.
const conceptText = `
=password: mot de passe, mots de passe, password, passwords, passphrase, passcode
=login: connexion, connecter, connecte, reconnecter, login, logins, log in, logged, sign in, signin, identifiant, identifiants, username, user name, nom d'utilisateur, pseudo, me co, se co, te co, me reco, se reco
=forgot: oublier, oublie, oubli, forgot, forget, forgotten, perdu mon, lost my
=reset: reinitialiser, reinitialisation, reinit, reset, remettre a zero
=delete: desactiver, desactivation, deactivate, supprimer, suppression, supprime, effacer, efface, effacement, delete, deleted, deletion, remove, removed, removal, erase, erased, detruire, destroy, wipe, get rid of, got rid of
=account: compte, comptes, account, accounts
=create: creer, creation, cree, create, created, creating, set up, setup, mettre en place, mise en place, creee, crees, creees, creez, creons, creent
=open: ouvrir, ouverture, ouvert, ouverte, ouvertes, open, opened, opening, ouvre, ouvres, ouvrent, ouvrez, ouvrira, opens
=signup: inscrire, inscription, inscrit, inscrite, inscrits, register, registration, registered, sign up, signup, sign-up, sign ups, sign-ups, enroll, enrol, enrolment, enrollment, reserver, reservation, book, booking, booked
=unsubscribe: desinscrire, desinscription, desabonner, desabonnement, se desabonner, unsubscribe, unsubscribing, opt out
=price: prix, tarif, tarifs, tarification, cout, couter, coute, coutent, price, prices, pricing, cost, costs, fee, fees, cher, chere, expensive, cheap, payant, payante, how much does, how much is, how much do, ca coute, c'est combien, ca fait combien, combien ca coute, coutait, coutera, couterait, coutaient, couteront, plein pot, plein tarif, prix plein, full price, how much for, combien pour, c'est combien pour
=pay: payer, paiement, paye, regler, reglement, pay, paid, paying, payment, cheque, check, carte bancaire, card, virement, bank transfer, carte bleue, carte de credit, credit card, debit card, especes, en liquide, cash, payez, payons, payent, paient, paie, paies, payais, payait, payions, verser, versement, versements, versez, versons, verse, verses
=free: gratuit, gratuite, gratuits, gratuites, gratuitement, free of charge, for free, no charge, gratos, sans payer, sans rien payer, without paying, rien a payer, nothing to pay, pay nothing
=member: membre, membres, adherent, adherente, adherents, adhesion, adherer, adhere, member, members, membership, cotisation, cotiser
=renew: renouveler, renouvellement, renouvele, renew, renewal, renewing, reabonner, repayer, reprendre mon adhesion, reconduire, reconduit, reconduite, reconduction, tacite reconduction, se renouvelle, renouvelle automatiquement, automatic renewal, auto-renew, auto renew, renews automatically
=training: formation, formations, training, trainings, course, courses, teach, taught, teaching, class, classes, workshop, workshops, atelier, ateliers, cours, stage, formateur, formatrice, formateurs, formatrices, trainer, trainers, instructor, instructors, apprendre, apprend, apprends, apprennent, learn, learning, learned, learnt
=cancel: annuler, annulation, annule, cancel, cancelled, canceled, cancellation, resilier, resiliation, desister, desistement, arreter, stop, stopper, pourrai pas venir, pourrais pas venir, peux pas venir, pourra pas venir, pourrons pas venir, ne pourrai pas venir, ne peux pas venir, can not come, cannot come, can not make it, will not be able to come, suis malade, tombe malade, tombee malade, ai le covid, ai la grippe, un empechement, i am sick, got sick, fell ill, i am ill
=refund: rembourser, remboursement, rembourse, refund, refunded, reimburse, reimbursement, money back, recuperer mon argent, recupere mon argent, recuperer mes sous, recupere mes sous, get my money back, recupere combien, recuperer combien, rembourse combien
=postpone: reporter, report a, decaler, repousser, postpone, reschedule, changer de date, another date, autre date
=hours: horaire, horaires, heure, heures, hour, hours, schedule, timetable, what time, quelle heure, commencer, commence, debut, start, starts, finir, finit, termine, terminer, finish, finishes, ends
=place: lieu, lieux, location, venue, ou ca se passe, where is it, se deroule, se deroulent, take place, takes place, ont lieu, a lieu, sur place, on site, on-site, ou se trouve, ou se situe, se trouve ou, se situe ou, quel etage, which floor
=address: adresse, adresses, address, addresses
=calendar: agenda partage, agendas partages, agenda commun, agenda en ligne, calendrier partage, calendriers partages, calendrier commun, calendrier en ligne, shared calendar, shared calendars, online calendar, caldav, application agenda, appli agenda
=date: date, dates, calendrier, calendar, agenda, janvier, fevrier, mars, avril, juin, juillet, aout, septembre, octobre, novembre, decembre, january, february, april, june, july, august, september, october, november, december, printemps, automne, hiver, cet ete, en ete, l'ete, d'ete, spring, summer, autumn, winter, this fall, in the fall, vacances, holidays, rentree, march
=next: prochain, prochaine, prochains, prochaines, next, upcoming, a venir
=often: souvent, frequence, regulierement, often, frequency, regularly, how often, chaque mois, tous les mois, every month, monthly, mensuel, mensuelle, mensuellement, par mois, per month
=bring: apporter, amener, prevoir, bring, pack
=lend: preter, pret, lend, borrow, emprunter, loan
=computer: ordinateur, ordinateurs, pc, laptop, laptops, computer, computers, portable, desktop, tablette, tablettes, tablet, tablets
=phone: telephone, telephones, smartphone, smartphones, mobile, phone, phones, cellphone
=equipment: materiel, equipement, equipment, gear, hardware
=wheelchair: fauteuil, fauteuil roulant, wheelchair, ascenseur, elevator, lift, pmr, mobilite reduite, escalier, escaliers, stairs
=disability: handicap, handicape, handicapee, handicapes, disability, disabilities, disabled, accessible, accessibilite, accessibility, malvoyant, malentendant, sourd, sourde, deaf, blind, aveugle, lsf, auxiliaire de vie, accompagnant, carer, caregiver, appareil auditif, appareils auditifs, aide auditive, aides auditives, hearing aid, hearing aids, lecteur d'ecran, lecteurs d'ecran, screen reader, screen readers, autiste, autistes, autisme, autism, autistic, dyslexie, dyslexique, dyslexia, dyslexic, malentendante, malentendants, malvoyante, malvoyants, mal voyant, mal entendant
=programme: programme, program, syllabus, contenu de la formation, contenu du cours, contenu des cours, contenu de l'atelier, course content, training content, aborde, abordes, cover, covers, covered, topics, exercice, exercices, pratique, theorie, theorique, hands-on, practical, practice, support de cours, supports de cours, supports de formation, course material, course materials, training material, training materials
=volunteer: benevole, benevoles, benevolat, benevolement, volunteer, volunteers, volunteering, coup de main, filer un coup de main, donner un coup de main, donner de mon temps, donner de son temps, donner du temps, donner quelques heures, give some time, give my time, spare time, temps libre, free time, j'ai du temps, ai du temps, m'impliquer, s'impliquer, m'implique, m'engager, s'engager, get involved, getting involved, me rendre utile, make myself useful, proposer mon aide, offrir mon aide, offer my help, lend a hand
=help: aide, aider, help, helping, assistance, assister, depanner, depannage, aidez, aides, aidee, aidees, aidons, aident, aidera, aiderait, aidant, helped, helps
=contact: contacter, contact, contacts, joindre, reach, get in touch, appeler, telephoner, call, avez un numero, avez un numero de telephone, votre numero de telephone, numero de telephone pour vous joindre, numero pour vous joindre, vos coordonnees, your phone number, have a phone number, a phone number to call, numero pour vous appeler, vous appeler, call you, quelle adresse mail pour, vous ecrire, ecrire a qui, j'ecris a qui, on ecrit a qui, write to you, email you, who do i write to, who should i email
=team: equipe, equipes, team, teams, staff, responsables
=donate: don, dons, donner, donation, donations, donate, donating, donated, soutenir financierement, financial support, support financially, collecte de fonds, collectes de fonds, cagnotte, cagnottes, fundraising, fundraiser, crowdfunding, financement participatif, chip in, give money, give some money, donner de l'argent, donner des sous, donner un peu d'argent, support what you do, support your work, soutenir votre travail, soutenir ce que vous faites, fait une collecte, une collecte pour, organise une collecte, organiser une collecte
=tax: impot, impots, fiscal, fiscale, fiscaux, tax, taxes, deduire, deductible, deduct, deduction, defiscalisation, defiscaliser
=receipt: recu, recus, receipt, receipts, justificatif, justificatifs, proof, preuve, attestation fiscale
=email: e-mail, e mail, mail, e-mails, adresse e-mail, adresse mail
=mailbox: boite mail, boites mail, boite aux lettres, boite e-mail, mailbox, mailboxes, inbox, messagerie
=alias: alias, redirection, redirections, rediriger, forward, forwarding, redirect
=list: liste, listes, list, lists, liste de diffusion, listes de diffusion, mailing list, mailing lists, mailing-list, liste de discussion, newsletter, lettre d'information, google group, google groups, googlegroups, mailman
=migrate: migrer, migration, migre, demenager, demenagement, transferer, transfert, move, moving, moved, migrate, migrating, transfer, transferring, switch, basculer
=instance: instance, instances, serveur, serveurs, server, servers
=report: signaler, signalement, signalements, report, reporting, flag, flagger, denoncer, denonce, denoncez, denonciation, sans mon accord, sans mon consentement, sans mon autorisation, sans ma permission, without my consent, without my permission
=harass: harcelement, harceler, harcele, harcelee, harass, harassment, harassed, insulte, insultes, insulter, insultant, insultants, abuse, abusive, abusif, abusifs, spam, spammer, troll, trolls, menace, menaces, threat, threats, raciste, racistes, racisme, racist, racists, racism, haineux, haineuse, haineuses, haine, hate, hateful, hate speech, nazi, nazis, neonazi, neonazis, fasciste, fascistes, homophobe, homophobes, homophobie, transphobe, transphobie, sexiste, sexistes, sexisme, misogyne, antisemite, antisemitisme, discriminatoire, discriminatoires, discrimination, injure, injures, injurieux, diffamation, diffamatoire, doxxing, arnaque, arnaques, arnaqueur, arnaqueurs, scam, scams, scammer, scammers, escroquerie, escroqueries, escroc, escrocs, phishing, hameconnage, fraude, frauduleux, fraud, fraudulent, usurpation d'identite, usurper, usurpe, se fait passer pour, se font passer pour, se faire passer pour, impersonate, impersonates, impersonating, impersonation, faux compte, faux comptes, faux profil, faux profils, fake account, fake accounts, fake profile
=moderation: moderation, moderer, moderateur, moderatrice, moderateurs, moderator, moderators, moderate, ban, banni, bannir, banned, suspendre, suspension, suspendu, suspend, suspended, sanction, sanctions, defederer, defederation, defedere, defederate, defederated, defederating, blocklist, blocklists, block list, liste de blocage, listes de blocage
=rules: regle, regles, charte, rules, code de conduite, code of conduct, cgu, conditions d'utilisation, terms of service, terms of use, tos, reglement interieur, reglements interieurs
=mentor: mentor, mentors, mentorat, mentoring, mentee, mentore, parrain, parrainage, accompagnement, accompagner, accompagne, coach, coaching, epauler, guider, accompagnee, accompagnes, accompagnees, accompagnent, accompagnez, accompagnons, accompagnera
=storage: stockage, stocker, espace disque, espace de stockage, storage, store, disk space, quota, quotas, go, gb, giga, gigas, gigaoctet, gigaoctets, capacite, capacity, plein, full, sature, combien de go, combien de giga, combien de gigas, how many gb, how many gigabytes, how much space
=space: espace, space, place disponible
=upload: televerser, televersement, uploader, upload, uploads, uploading, mettre en ligne, mise en ligne, deposer, depot
=video: video, videos, film, films, captation, enregistrement video
=file: fichier, fichiers, file, files, document, documents, doc, docs, dossier, dossiers, folder, folders
=trash: corbeille, trash, bin, poubelle, recycle bin, trash bin
=restore: restaurer, restauration, restore, restored, recover, recovery, retrieve, undelete, recuperer, recuperation
=share: partager, partage, partages, share, shared, sharing, donner acces, donner l'acces, donner les acces, donner les droits, give access, grant access
=link: lien, liens, link, links, url, urls
=sync: synchroniser, synchronisation, synchronise, synchronize, synchronization, sync, syncing
=twofactor: double authentification, authentification a deux facteurs, deux facteurs, double facteur, 2fa, a2f, two-factor, two factor, mfa, totp, otp, authenticator, code a usage unique, codes de secours, backup codes, code a 6 chiffres, code a six chiffres, codes a 6 chiffres, codes a six chiffres, 6-digit code, 6 digit code, six-digit code, six digit code, code de verification, codes de verification, verification code, verification codes, validation en deux etapes, verification en deux etapes, authentification en deux etapes, connexion en deux etapes, two-step, two step, 2-step, 2 step, 2-step verification
=security: securite, securiser, securise, security, secure, securely
=backup: sauvegarde, sauvegardes, sauvegarder, backup, backups, back up, backed up
=outage: panne, pannes, en panne, down, hs, plantage, plante, crash, crashed, incident, incidents, outage, outages, inaccessible, injoignable, unreachable, unavailable, indisponible, erreur 500, erreur 502, erreur 503, erreur 504, error 500, error 502, error 503, error 504, bad gateway, gateway timeout, service unavailable, rame, rament, ramer, lag, lags, lague, laggy
=maintenance: maintenance, maintenances
=status: statut, etat, status, page d'etat, status page, page pour voir si, page de statut, page de suivi
=poll: sondage, sondages, poll, polls, doodle, framadate, vote, voter, votes, voting, scrutin, trouver une date, trouve une date, une date qui arrange, qui arrange tout le monde, arrange tout le monde, convient a tout le monde, qui convient a tous, cocher ses disponibilites, coche ses disponibilites, cochent leurs disponibilites, chacun coche, find a date, find a time, suits everyone, works for everyone, scheduling poll, date poll
=pad: pad, pads, etherpad, framapad, collaboratif, collaborative, en temps reel, real time, real-time, a plusieurs, together, ecrire en meme temps, ecrit en meme temps, ecrivent en meme temps, ecrire a plusieurs, modifier en meme temps, editer en meme temps, travailler en meme temps, write at the same time, edit at the same time, co-edit, coediter, co-ecrire, coecrire, en meme temps, at the same time, simultanement, simultaneously
=website: site, sites, site web, site internet, website, websites, web site, wordpress, blog
=host: heberger, hebergement, heberge, hebergee, hebergees, hebergeur, host, hosting, hosted
=domain: nom de domaine, noms de domaine, domaine, domain, domains, dns, cname
=privacy: vie privee, confidentialite, confidentiel, privacy, private data, rgpd, gdpr, cnil, dpo
=data: donnees, donnee, data, personal data, donnees personnelles, date de naissance, dates de naissance, date of birth, birth date, adresse postale, adresses postales, postal address, home address, adresse ip, adresses ip, ip address, ip addresses, ip, numero de telephone, phone number, savez sur moi, avez sur moi, gardez sur moi, stockez sur moi, conservez sur moi, know about me, have about me, hold about me, keep about me, store about me, info about me, information about me, informations sur moi, infos sur moi, chose sur moi, choses sur moi, quoi sur moi
=sell: revendre, vendre, revente, vendez, revendez, sell, selling, sold, resell, des tiers, a des tiers, third party, third parties, third-party, partenaires commerciaux, annonceurs, advertisers
=ads: publicite, publicites, pub, pubs, publicitaire, ads, advertising, advert, adverts, tracking, traceur, traceurs, tracker, trackers, pistage, cookie, cookies, analytics, google analytics, matomo, mesure d'audience, audience measurement, statistiques de visite, telemetrie, telemetry
=access: acces, acceder, access, accessing
=export: exporter, export, exports, exported, archive, archives, takeout
=download: telecharger, telechargement, download, downloads, downloading
=chat: chat, chats, tchat, discussion, discuter, discussions, salon, salons, room, rooms, chatroom, chatrooms
=channel: chaine, chaines, channel, channels
=matrix: matrix, element, riot
=xmpp: xmpp, jabber, gajim, dino, monal, muc
=cloud: nuage, cloud, nextcloud, owncloud
=mastodon: mastodon, fediverse, fedivers, fedi
=google: google drive, gdrive, google docs, google doc, gmail
=association: association, associations, collectif, collectifs, nonprofit, non-profit, ngo, ong, club
=reduced: reduit, reduite, reduction, reduced, discount, discounted, concession, concessions, tarif solidaire
=student: etudiant, etudiante, etudiants, etudiantes, student, students, chomeur, chomeuse, chomage, unemployed, sans emploi, jobless, minima sociaux, no job, pas de travail, sans travail, sans boulot, pas de boulot, out of work, demandeur d'emploi, demandeuse d'emploi, demandeurs d'emploi, job seeker, jobseeker, jobseekers, petits revenus, faibles revenus, low income, precaire, precaires, precarite
=english: anglais, anglaise, english, anglophone, anglophones, english-speaking, english speaking
=france: france, hexagone, metropole
=meal: dejeuner, dejeuners, repas, manger, lunch, lunches, meal, meals, eat, eating, food, nourriture, pique-nique, picnic, sandwich, restaurant, restaurants, resto, restos, cantine, traiteur, mange, manges, mangent, mangeons, mangez, pause dejeuner, pause de midi, pause midi, coffee, coffee break, pause cafe, boisson, boissons, drinks, snack, snacks, gouter, collation, buffet
=french: francais, francaise, french, francophone
=abroad: etranger, etrangere, abroad, international, internationaux, overseas, foreign, foreigner, foreigners, hors de france, outside france, resident, residents, resider, living in
=bank: banque, bancaire, bank, rib, iban
=employer: employeur, employer, entreprise, entreprises, company, companies, boss, patron, salarie, salaries, salariee, employee, employees, opco, collegues, colleagues, coworkers
=yearly: annuel, annuelle, annuellement, annual, annually, yearly, par an, per year, chaque annee, every year
=keep: conserver, conservation, conserve, conserves, garder, garde, keep, kept, retention, retain, duree de vie, lifetime, gardez, gardons, gardent, gardes, gardee, gardees, keeps, keeping, existe encore, existe toujours, still exists, still exist, still there
=lost: perdre, perd, perds, perdent, perdu, perdue, perdus, perte, disparu, disparue, disparus, disparaitre, disparait, disappeared, disappear, gone, missing, manque, manquant, lose, losing, introuvable, introuvables, existe plus, n'existe plus, vanished, can not find, cannot find
=change: changer, modifier, modification, change, changed, changing, modify, edit, editing, update, corriger, correction, rectifier, rectification
=expire: expirer, expire, expiration, expired, expires, validite, valid, invalide, invalid, perime, valable, valables, plus valable, encore valable, ran out, run out, runs out, has run out, lapsed, lapse, arrive a echeance, echeance
=photo: photo, photos, picture, pictures, image, images, pic, pics
=limit: limite, limites, limit, limits, limited, maximum, max, maximal, maximale, taille maximale, maximum size
=size: taille, size, poids, peser, lourd, lourde, heavy, big, gros, grosse, large
=audio: podcast, podcasts, audio, musique, music, son
=install: installer, installation, install, installing, installed
=software: application, applications, logiciel, logiciels, software, client, clients
=os: linux, windows, macos, mac, ubuntu, debian, fedora, mint, android, ios, iphone
=meeting: reunion, reunions, meeting, meetings, rendez vous, rendez-vous, visio, visioconference, videoconference
=duration: combien de temps, how long, duree, delai, delais, delay, turnaround
=wait: attente, attendre, wait, waiting, waitlist, waiting list, liste d'attente
=confirm: confirmer, confirmation, confirme, confirmee, confirm, confirmed, valider, validation, valide, approve, approval, approved
=seat: place, places, seat, seats, spot, spots
=quit: quitter, partir, leave, leaving, quit
=join: rejoindre, join, joining
=who: qui sommes-nous, qui etes-vous, qui etes vous, vous etes qui, qui vous etes, c'est qui, qui est derriere, qui se cache derriere, qui gere, who are you, who are u, who is behind, who runs, who's behind, about you, about us, presentation, presenter, presente
=rights: droit, droits, right, rights, m'oppose, m'opposer, s'opposer, s'oppose, nous opposons, droit d'opposition, object to, objection
=personal: personnel, personnelle, personnels, personnelles, personal
=work: marche, marcher, fonctionne, fonctionner, fonctionnement, works, working, work, ne marche pas, ne fonctionne pas, doesn't work, does not work, not working, marchent, marchait, marchaient, marchera, marcheront, fonctionnent, fonctionnait
=error: erreur, erreurs, error, errors, bug, bugs, bogue, beug, bugue, buggue, casse, cassee, broken, bloque, bloquee, bloquer, stuck, blocked, freeze, frozen, fige
=publish: publier, publication, publish, publishing, post, posts, poster
=message: message, messages, msg
=number: numero, numeros, number, numbers
=write: ecrire, ecrit, ecrite, ecrits, ecris, rediger, redige, redaction, write, writing, edit together, ecrivez, ecrivons, ecrivent, ecrivais, ecrivait, wrote, written
=follow: abonne, abonnes, abonnement, abonnements, followers, follower, following, follow
=profile: profil, profile
=use: utiliser, utilisation, use, using, usage, se servir
=need: besoin, besoins, need, needs, needed, necessaire, require, required
=accounting: compta, comptabilite, comptable, comptables, accounting, accountant, accountants, bookkeeping, commissaire aux comptes, expert comptable, experts comptables
=minutes: compte rendu, comptes rendus, compte-rendu, comptes-rendus, meeting minutes, minutes of the meeting, prise de notes, notes de reunion, meeting notes, note taking, proces verbal, proces-verbal, proces verbaux
=count: compter, comptent, comptons, comptez, comptais, comptait, count, counting, counted
=public: public, publique, publics, publiques, publiquement, publicly
=restricted: reserve aux, reserves aux, reservee aux, reservees aux, reserve a, reserves a, reservee a, reservees a, reserve au, reserved for, restricted to
=receive: recevoir, recois, recoit, recoivent, recevez, recevons, receive, receives, received, receiving, ai recu, as recu, a recu, avons recu, avez recu, ont recu, pas recu, rien recu, jamais recu, bien recu, deja recu, toujours pas recu
=appeal: faire appel, fait appel, contester, conteste, contestation, contester la decision, recours, appeal, appeals, appealed, dispute, contest
=classic: classique, classiques, classic
=attend: assister a, assister au, assister aux, attend, attends, attending, attended, attendance, attendee, attendees, participant, participants, participante, participantes
=governance: conseil d'administration, conseils d'administration, president, presidente, presidence, tresorier, tresoriere, tresoriers, board of directors, governance, gouvernance, dirige, diriger, dirigent, dirigeant, dirigeants, dirigeante, vos statuts, les statuts, nos statuts, ses statuts, des statuts, sans statuts, statuts de l'association, statuts associatifs, bylaws, articles of association
=founded: fonde, fondee, fondes, fondees, fondateur, fondatrice, fondateurs, fondatrices, founded, founder, founders, existe depuis, existez depuis, exists since, existed since
=reply: repondre, repondez, repond, repondu, repondent, reponse, reponses, reply, replies, replied, replying, respond, responds, responded, response, responses
=start: par ou commencer, par ou je commence, par ou on commence, on commence par quoi, je commence par quoi, where to start, where do i start, where should i start, get started, getting started, premiers pas, first steps, je commence par ou, on commence par ou, commence par ou, commencer par ou, je m'y prends comment, comment s'y prendre, je commence comment, on commence comment, comment je commence, comment on commence, comment commencer, how do i begin, how to begin
=linked: associe, associee, associes, associees, associated, liee, liees, linked
=allowed: le droit de, ai le droit, a le droit, as le droit, avons le droit, avez le droit, ont le droit, ai droit a, a droit a, as droit a, avons droit a, avez droit a, ont droit a, autoriser, autorise, autorisee, autorises, autorisees, autorisation, autorisations, interdit, interdite, interdits, interdites, interdire, interdiction, allowed, allow, allows, permission, permitted, forbidden, prohibited, not allowed
=included: inclus, incluse, incluses, inclure, inclut, compris dans, c'est compris, est compris, sont compris, est comprise, sont comprises, included, include, includes, including, en supplement, sans supplement, supplement, supplements, extra cost, extra charge, at no extra cost
=computing: informatique, informaticien, informaticienne, informaticiens, computing
=level: prerequis, pre-requis, prerequisite, prerequisites, niveau requis, quel niveau, debutant, debutante, debutants, debutantes, beginner, beginners, novice, novices, les bases, des bases, connaissances, connaissance, pas doue, pas douee, nul en, nulle en, pas a l'aise, no experience, any experience, prior knowledge, skills required
=datacenter: centre de donnees, centres de donnees, data centre, data center, data centres, data centers, datacenter, datacenters, propres serveurs, own servers, propres machines, own machines, chez amazon, chez aws, chez azure, chez google cloud, on aws, on amazon, on azure, amazon web services, google cloud, located, localisation, localises, localisees, which country, quel pays, dans quel pays, en europe, in europe, in the eu, dans l'ue, dans l'union europeenne, in the european union, hors ue, outside the eu
=garden: jardin partage, jardins partages, jardin collectif, jardins collectifs, jardin familial, jardins familiaux, community garden, community gardens, shared garden, shared gardens
=wifi: wifi, wi-fi, wi fi, hotspot, point d'acces, partage de connexion, 4g, 5g, cle 4g, connexion internet, internet connection, acces internet, internet access, partager ma 4g, partager sa 4g, partager ma connexion, partage ma 4g, share my 4g, tethering
`

// pairText: a verb with its object that says what the question is about
// as a whole ("fermer mon compte" is deleting the account, not closing a
// file): each expression stands for every concept on its line.
const pairText = `
=delete =account: fermer mon compte, fermer le compte, fermer son compte, fermer notre compte, fermer mes comptes, cloturer mon compte, desactiver mon compte, supprimer mon compte, supprimer le compte, supprimer mes comptes, effacer mon compte, close my account, close the account, deactivate my account, delete my account, delete the account, remove my account, cancel my account
=create =account: creer un compte, ouvrir un compte, creer mon compte, avoir un compte, open an account, create an account, get an account, make an account
=restricted =member: reserve aux membres, reservee aux membres, reserves aux membres, reservees aux membres, members only, only for members, reserved for members
=mentor =bementor: devenir mentor, devenir mentore, devenir mentors, etre mentor, etre mentore, comme mentor, comme mentore, postuler comme mentor, candidater comme mentor, devenir parrain, devenir marraine, etre parrain, etre marraine, parrainer une, parrainer un, parrainer des, become a mentor, be a mentor, as a mentor, mentor someone, mentor an, mentor a
=mentor =getmentor: etre accompagne, etre accompagnee, etre accompagnes, etre accompagnees, avoir un mentor, trouver un mentor, demander un mentor, demander un accompagnement, un accompagnement, nous guider, nous accompagner, m'accompagner, me guider, avoir un parrain, trouver un parrain, get a mentor, find a mentor, have a mentor, be mentored, being mentored, guide us, help us switch
=publish =video: mettre mes videos, mettre des videos, mettre nos videos, mettre les videos, post my videos, post videos, put my videos, put videos
=member =join: devenir membre, devenir adherent, devenir adherente, devenir adherents, become a member, becoming a member, join as a member
=account =noaccount: sans avoir a creer un compte, aient a creer un compte, ait a creer un compte, sans devoir creer un compte, without creating an account, without having to create an account, qui a pas de compte, qui n'a pas de compte, qui n'ont pas de compte, qui ont pas de compte, besoin de compte, besoin d'un compte, besoin d'avoir un compte, besoin de creer un compte, sans compte, sans avoir de compte, sans creer de compte, who does not have an account, who has no account, without an account, no account needed, does not need an account
=attend =training: suivre la formation, suivre une formation, suivre les formations, suivre le cours, suivre un cours, suivre les cours, suivre l'atelier, suivre un atelier, suivre des cours
`

// stopPhraseText: fixed expressions that say nothing about the topic even
// though one of their words alone would ("je suis en train de migrer" is
// not about a training, "du coup" not about a blow): they become stop words.
const stopPhraseText = `
en train, n'importe, en application de, en application du, au niveau de, au niveau du, au niveau des, du coup, par contre, de toute facon, de toutes facons, a priori
`

// stopFR and stopEN: words that carry no topic in a support question.
// Politeness and chit-chat words are stop words too; chitchat.go spots
// messages made only of them. The two lists also tell the languages apart.
const stopFR = `
a à au aux avec ce ces cet cette celui celle ceux cela ca ça ci d de des du dans en entre et est es
etre etes sont suis sommes ete etait etaient serait seraient sera seront soit
ai as avons avez ont avoir eu avais avait aurais aurait
il ils elle elles on nous vous je tu me te se moi toi lui leur leurs eux y
le la les l un une uns unes mon ma mes ton ta tes son sa ses notre nos votre vos
ne n pas plus point jamais rien non oui si
ou où par pour sur sous sans chez vers pendant depuis avant apres après lors
que qu qui quoi quel quelle quels quelles lequel laquelle lesquels dont
comment pourquoi quand combien ou
est-ce est-il est-elle y-a-t-il a-t-il
faire fait fais faites font faisons
peux peut pouvez pouvons peuvent puis pourrais pourrait pourriez pourrions
veux veut voulons voulez veulent voudrais voudrait voudrions aimerais aimerait
dois doit devons devez doivent devrais devrait
faut falloir sais savoir sait savez
mais donc car alors aussi encore deja déjà tres très bien bon bonne peu trop tout tous toute toutes
meme même autre autres chaque quelque quelques quelqu quelqu'un plusieurs
ici la là voici voila voilà
merci mercii merciii bonjour bonsoir salut coucou hello hi hey yo re bjr bsr slt cc
s'il svp stp vous plait plaît please
hein bah ben bref enfin genre truc trucs chose choses machin
avez-vous pouvez-vous puis-je dois-je faut-il peut-on existe-t-il existe
c'est cest c'etait n'est
madame monsieur mme mr monde
aller vais vas va allons allez vont irai ira irais irait
vouloir pouvoir devoir venir viens vient venez
dire dis dit disent disait crois croit croyais pense pensais
mettre mets met mis prendre prends prend pris passer
possible possibles impossible normal normale normalement vraiment juste seulement
maintenant hier demain aujourd'hui toujours parfois
quand-meme bref voila etc svp stp
avance excusez excuse desole desolee deranger derange renseigner renseignement renseignements
abord
`

const stopEN = `
the a an and or of to in on at for with from by about as into over than then
is are was were be been being am do does did doing done have has had having
i me my mine we us our you your yours he him his she her it its they them their
this that these those there here what which who whom whose how why where when
can could would should will shall may might must not no yes
if so just also very too any some all each every other another more most such only own same
get got getting make made go going want wanted like need
please thanks thank hi hello hey dear bye byebye
anymore still yet already ever even really
ok okay everyone everybody anyone anybody someone somebody
much without within whether though although however maybe perhaps possible impossible
know think wonder wondering guess seems seem tell told say said let lets
advance sorry bother excuse kindly regards cheers
out up off now
before after during until till since while once via per
something anything everything nothing somewhere anywhere everywhere somehow
`

// chitchatText: words whose presence, with nothing else of substance,
// makes a message small talk. Expressions of several words are in
// chitchatPhrases: their words alone ("vous", "bonne") are not small talk,
// only words of no topic in a question (kind "part").
const chitchatText = `
greeting: bonjour bonsoir salut coucou hello hi hey yo bjr bsr slt cc re hola morning evening afternoon
thanks: merci mercii merciii thanks thank thx ty cool super parfait genial top nickel bravo felicitations chapeau great awesome perfect nice solved sorted resolu nevermind
farewell: bye byebye ciao tchao a+ ++
presence: test testing
other: ok okay wi daccord lol mdr ptdr haha hihi oui non yes no yep nope ah oh euh hmm oops oups
part: d'accord ca va comment allez vous how are you au revoir a plus bonne journee soiree bon week-end weekend nuit see good night have nice day quelqu'un est la anyone here is anybody there someone
`

// namesText: well-known products, services, platforms and brands people
// ask about in support rooms (social networks, messengers, video calls,
// office suites, cloud drives, mail, systems and browsers, site builders,
// free-software and fediverse services, payments, hosting, AI). A question
// naming one the knowledge base never mentions is likely about something
// else.
const namesText = `
facebook instagram twitter tiktok snapchat linkedin youtube twitch reddit pinterest tumblr threads bluesky
vk weibo quora flickr vimeo dailymotion myspace viadeo
whatsapp telegram signal messenger wechat viber discord slack skype imessage facetime olvid wire threema kakaotalk
zoom jitsi bigbluebutton webex hangouts gotomeeting whereby teams meet
excel word powerpoint outlook onenote office libreoffice openoffice onlyoffice collabora notion evernote trello
airtable asana canva miro slides sheets docs typeform
dropbox onedrive icloud gdrive mega pcloud seafile syncthing nextcloud owncloud sharepoint
gmail hotmail yahoo protonmail proton tutanota thunderbird laposte orange sfr bouygues wanadoo
windows macos ubuntu debian fedora archlinux mint android ios chromeos chromebook iphone ipad macbook
firefox chrome chromium safari edge opera brave vivaldi tor
wordpress drupal joomla wix squarespace shopify prestashop woocommerce ghost hugo jekyll spip webflow
mastodon peertube pixelfed funkwhale mobilizon lemmy misskey pleroma akkoma friendica diaspora hubzilla plume
writefreely bookwyrm framasoft framadate framapad framaforms framacarte framalink cryptpad etherpad hedgedoc
discourse flarum phpbb mediawiki wikipedia dokuwiki bookstack gitlab github gitea forgejo codeberg
matrix element xmpp jabber mattermost rocketchat zulip irc mumble
paypal stripe helloasso lydia leetchi ulule kisskissbankbank patreon liberapay tipeee sumup
ovh gandi ionos hostinger scaleway infomaniak o2switch alwaysdata hetzner aws azure cloudflare godaddy
google apple microsoft amazon meta netflix spotify deezer adobe photoshop illustrator acrobat gimp inkscape
krita blender audacity kdenlive vlc obs scribus
chatgpt openai copilot gemini claude mistral midjourney
openstreetmap osm umap waze
avast norton kaspersky mcafee bitdefender
`

type lexicon struct {
	names       map[string]bool
	common      map[string]bool // common words (common.go)
	commonStem  map[string]bool
	abbrev      map[string][]string
	after       map[string]afterAbbrev // abbreviations read by the word before
	concept     map[string]string      // folded word → concept term
	conceptStem map[string]string      // stem of a concept word → concept term
	phrases     map[string][]phrase    // by first word
	pairs       map[string][]phrase    // verb-object expressions, by the verb's stem
	stop        map[string]bool
	stopStem    map[string]bool
	chitchat    map[string]string // word or phrase → its kind (chitchatText, chitchatPhrases)
	chitPhrases map[string][][]string
	langOf      map[string]string // stop word → "fr", "en" or "both"
}

// httpWords are parts of web and mail addresses.
const httpWords = "http https www html htm php com org net"

// afterAbbrev is the expansion of an abbreviation after one of prev.
type afterAbbrev struct {
	prev map[string]bool
	exp  []string
}

type phrase struct {
	words   []string
	stems   []string // stem of each word, computed once
	concept string
}

func newPhrase(ws []string, concept string) phrase {
	p := phrase{words: ws, concept: concept, stems: make([]string, len(ws))}
	for i, w := range ws {
		p.stems[i] = stem(w)
	}
	return p
}

var lex = buildLexicon()

func buildLexicon() *lexicon {
	l := &lexicon{names: map[string]bool{}, common: map[string]bool{}, commonStem: map[string]bool{}, abbrev: map[string][]string{}, after: map[string]afterAbbrev{}, concept: map[string]string{}, conceptStem: map[string]string{},
		phrases: map[string][]phrase{}, pairs: map[string][]phrase{}, stop: map[string]bool{}, stopStem: map[string]bool{},
		chitchat: map[string]string{}, chitPhrases: map[string][][]string{}, langOf: map[string]string{}}
	buildCommon(l)
	for _, w := range strings.Fields(namesText) {
		l.names[w] = true
	}
	for _, line := range strings.Split(abbrevText, "\n") {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		exp := words(Fold(v))
		for _, a := range strings.Fields(Fold(k)) {
			l.abbrev[a] = exp
		}
	}
	for _, line := range strings.Split(afterText, "\n") {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		a, prev, ok := strings.Cut(Fold(k), " after ")
		if !ok {
			continue
		}
		l.after[strings.TrimSpace(a)] = afterAbbrev{prev: wordSet(prev), exp: words(Fold(v))}
	}
	for lang, text := range map[string]string{"fr": stopFR, "en": stopEN} {
		for _, w := range strings.Fields(Fold(text)) {
			for _, x := range words(w) {
				l.stop[x] = true
				if l.langOf[x] != "" && l.langOf[x] != lang {
					l.langOf[x] = "both"
				} else {
					l.langOf[x] = lang
				}
			}
		}
	}
	for _, w := range strings.Fields(Fold(httpWords)) {
		l.stop[w] = true
	}
	for _, line := range strings.Split(conceptText, "\n") {
		name, list, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || !strings.HasPrefix(name, "=") {
			continue
		}
		for _, item := range strings.Split(list, ",") {
			ws := words(Fold(strings.TrimSpace(item)))
			if len(ws) == 0 {
				continue
			}
			if len(ws) == 1 {
				l.concept[ws[0]] = name
				if s := stemLight(ws[0]); len(s) >= 5 {
					if _, taken := l.conceptStem[s]; !taken {
						l.conceptStem[s] = name
					}
				}
				continue
			}
			l.phrases[ws[0]] = append(l.phrases[ws[0]], newPhrase(ws, name))
		}
	}
	for _, line := range strings.Split(pairText, "\n") {
		names, list, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || !strings.HasPrefix(names, "=") {
			continue
		}
		for _, item := range strings.Split(list, ",") {
			if ws := words(Fold(strings.TrimSpace(item))); len(ws) > 1 {
				// filed under the verb's stem, so that any form of the verb
				// starts it ("on ferme le compte" is "fermer le compte")
				k := stem(ws[0])
				l.pairs[k] = append(l.pairs[k], newPhrase(ws, strings.Join(strings.Fields(names), " ")))
			}
		}
	}
	for _, item := range strings.Split(stopPhraseText, ",") {
		if ws := words(Fold(strings.TrimSpace(item))); len(ws) > 1 {
			l.phrases[ws[0]] = append(l.phrases[ws[0]], newPhrase(ws, ""))
		}
	}
	for w := range l.stop {
		if _, isConcept := l.concept[w]; !isConcept && len(w) > 4 {
			l.stopStem[stem(w)] = true
		}
	}
	for _, line := range strings.Split(chitchatText, "\n") {
		kind, list, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		for _, w := range strings.Fields(list) {
			l.chitchat[Fold(w)] = kind
		}
	}
	// multi-word small talk, matched as whole phrases
	for _, p := range chitchatPhrases {
		ws := words(Fold(p.text))
		l.chitPhrases[ws[0]] = append(l.chitPhrases[ws[0]], ws)
		l.chitchat[strings.Join(ws, " ")] = p.kind
	}
	return l
}

// stems gives the stems of a text's words, each computed once, when a
// multi-word expression needs them; cache, when not nil, keeps them across
// texts (indexing a large KB).
type stems struct {
	ws, st []string
	cache  *wordCache
}

func newStems(ws []string, cache *wordCache) *stems {
	return &stems{ws: ws, st: make([]string, len(ws)), cache: cache}
}

func (s *stems) at(i int) string {
	if s.st[i] != "" {
		return s.st[i]
	}
	w := s.ws[i]
	if s.cache == nil {
		s.st[i] = stem(w)
		return s.st[i]
	}
	st, ok := s.cache.stems[w]
	if !ok {
		st = stem(w)
		s.cache.stems[w] = st
	}
	s.st[i] = st
	return st
}

// matchPhrase returns the length and concept of the longest expression
// starting at word i of s.ws, or 0.
func (l *lexicon) matchPhrase(s *stems, i int) (int, string) {
	ws := s.ws[i:]
	best, concept := 0, ""
	for _, list := range [2][]phrase{l.phrases[ws[0]], l.pairs[s.at(i)]} {
		for _, p := range list {
			if len(p.words) > len(ws) || len(p.words) <= best {
				continue
			}
			ok := true
			for j, w := range p.words {
				if ws[j] != w && s.at(i+j) != p.stems[j] {
					ok = false
					break
				}
			}
			if ok {
				best, concept = len(p.words), p.concept
			}
		}
	}
	return best, concept
}

var chitchatPhrases = []struct{ text, kind string }{
	{"ça va", "other"}, {"comment allez-vous", "other"}, {"comment ça va", "other"}, {"how are you", "other"},
	{"au revoir", "farewell"}, {"à plus", "farewell"}, {"bonne journée", "farewell"}, {"bonne soirée", "farewell"},
	{"bon week-end", "farewell"}, {"bonne nuit", "farewell"}, {"see you", "farewell"}, {"good night", "farewell"},
	{"have a nice day", "farewell"}, {"quelqu'un est là", "presence"}, {"il y a quelqu'un", "presence"},
	{"y a quelqu'un", "presence"}, {"anyone here", "presence"}, {"anybody there", "presence"}, {"anyone there", "presence"},
	{"is anyone here", "presence"}, {"someone there", "presence"}, {"anybody here", "presence"},
	{"bon weekend", "farewell"}, {"see ya", "farewell"}, {"d'accord", "other"}, {"good morning", "greeting"}, {"good evening", "greeting"},
	{"good afternoon", "greeting"}, {"thank you", "thanks"}, {"merci beaucoup", "thanks"}, {"thanks a lot", "thanks"},
	{"many thanks", "thanks"}, {"c'est gentil", "thanks"}, {"bonne année", "farewell"}, {"joyeux noël", "farewell"},
	// farewells
	{"à la prochaine", "farewell"}, {"à bientôt", "farewell"}, {"à tout à l'heure", "farewell"}, {"à plus tard", "farewell"},
	{"à demain", "farewell"}, {"bonne continuation", "farewell"}, {"bonne fin de journée", "farewell"},
	{"bonne fin de soirée", "farewell"}, {"see you soon", "farewell"}, {"see you later", "farewell"}, {"take care", "farewell"},
	{"talk soon", "farewell"}, {"have a good day", "farewell"}, {"have a nice evening", "farewell"},
	// the asker's problem is solved, or they will look themselves
	{"c'est réglé", "thanks"}, {"tout est réglé", "thanks"}, {"problème réglé", "thanks"}, {"c'est résolu", "thanks"},
	{"problème résolu", "thanks"}, {"c'est bon", "other"}, {"ça marche", "other"}, {"ça fonctionne", "thanks"},
	{"ça a marché", "thanks"}, {"c'est reparti", "thanks"}, {"j'ai trouvé", "thanks"}, {"laisse tomber", "other"},
	{"pas grave", "other"}, {"je vais essayer", "other"}, {"all good", "thanks"}, {"it works", "thanks"},
	{"it worked", "thanks"}, {"works now", "thanks"}, {"never mind", "other"}, {"i found it", "thanks"},
	{"got it", "thanks"},
	// a message sent to the wrong place
	{"wrong chat", "other"}, {"wrong room", "other"}, {"wrong channel", "other"}, {"wrong window", "other"},
	{"wrong person", "other"}, {"mauvais salon", "other"}, {"mauvaise fenêtre", "other"},
	{"mauvaise conversation", "other"}, {"je me suis trompé", "other"}, {"je me suis trompée", "other"},
	{"pas le bon salon", "other"}, {"trompé de conversation", "other"}, {"je me suis trompé de conversation", "other"},
	{"trompée de conversation", "other"}, {"je me suis trompée de conversation", "other"},
	{"trompé de salon", "other"}, {"je me suis trompé de salon", "other"}, {"trompée de salon", "other"},
	{"je me suis trompée de salon", "other"}, {"trompé de fenêtre", "other"},
	{"je me suis trompé de fenêtre", "other"}, {"trompée de fenêtre", "other"},
	{"je me suis trompée de fenêtre", "other"}, {"trompé de discussion", "other"},
	{"je me suis trompé de discussion", "other"}, {"trompée de discussion", "other"},
	{"je me suis trompée de discussion", "other"},
	{"wrong conversation", "other"}, {"wrong thread", "other"},
	// the answer helped
	{"that helped", "thanks"}, {"it helped", "thanks"}, {"this helped", "thanks"}, {"that helps", "thanks"},
	{"very helpful", "thanks"}, {"ça m'a aidé", "thanks"}, {"ça m'a aidée", "thanks"}, {"ça m'aide", "thanks"},
	{"ça aide", "thanks"}, {"ça m'a bien aidé", "thanks"},
}
