package main

import (
	"context"
	"fmt"
	"sync"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/storage"
	"codeberg.org/entraide/entraide/tickets"
)

// community is one group's part of the running bot: its core (FAQ, rooms,
// mentors), its tickets, its announcements and its reload state. Without
// [[communities]] there is one, unnamed, made of the top-level settings.
type community struct {
	cfg       config.Community
	bot       *bot.Bot
	store     storage.CommunityStore
	announcer *bot.Announcer // nil when its announcements are off
	desk      *tickets.Desk  // its ticket feature

	reloaders []reloader
	reloadMu  sync.Mutex // one reload of this community at a time
	reported  string     // last reload failure told to its mentors
}

// newCommunity makes the core of one community: a bot with its language,
// rooms' languages, mentors, mentors' room and FAQ.
func (a *app) newCommunity(ctx context.Context, g config.Community) (*community, error) {
	c := &community{cfg: g, store: a.db.In(g.Name)}
	kb, err := loadKB(ctx, a.faqFS, g.FAQDir)
	if err != nil {
		return nil, c.errorf("%w", err)
	}
	log := a.log
	if g.Name != "" {
		log = log.With("community", g.Name)
	}
	opts := bot.Options{
		Name:          a.cfg.Bot.Name,
		Lang:          g.Language,
		Mentors:       g.Mentors,
		Admins:        a.cfg.Bot.Admins,
		RoomLang:      map[string]string{},
		Logger:        log,
		QuestionsOnly: a.cfg.Bot.SharedRooms != "all",
	}
	if r := g.MentorsRoom; r.ID != "" {
		opts.MentorsRoom = &bot.Room{Adapter: r.Adapter, ID: r.ID}
	}
	for _, r := range g.Rooms {
		if r.Language != "" {
			opts.RoomLang[bot.Room{Adapter: r.Adapter, ID: r.ID}.Key()] = r.Language
		}
	}
	c.bot = bot.New(opts)
	m, err := matcherFor(kb, a.cfg, g.Calibration)
	if err != nil {
		return nil, c.errorf("%w", err)
	}
	c.bot.SetFAQ(m, kb)
	return c, nil
}

// rooms are the rooms whose messages go to this community: its members'
// rooms and its mentors' room.
func (c *community) rooms() []bot.Room {
	var out []bot.Room
	for _, r := range c.cfg.Rooms {
		out = append(out, bot.Room{Adapter: r.Adapter, ID: r.ID})
	}
	if r := c.cfg.MentorsRoom; r.ID != "" {
		out = append(out, bot.Room{Adapter: r.Adapter, ID: r.ID})
	}
	return out
}

// owns reports whether room is one of the community's rooms.
func (c *community) owns(adapter, id string) bool {
	for _, r := range c.rooms() {
		if r.Adapter == adapter && r.ID == id {
			return true
		}
	}
	return false
}

// errorf prefixes an error with the community's name, when it has one.
func (c *community) errorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	if c.cfg.Name == "" {
		return err
	}
	return fmt.Errorf("community %s: %w", c.cfg.Name, err)
}

// adoptTickets gives the tickets of a database from before communities to
// the first community, once.
func (a *app) adoptTickets(ctx context.Context) error {
	if len(a.cfg.Communities) == 0 {
		return nil
	}
	first := a.comms[0].cfg.Name
	n, err := a.db.AdoptTickets(ctx, first)
	if err != nil {
		return fmt.Errorf("giving the existing tickets to community %s: %w", first, err)
	}
	if n > 0 {
		a.log.Info("tickets from before communities now belong to the first community", "community", first, "tickets", n)
	}
	return nil
}
