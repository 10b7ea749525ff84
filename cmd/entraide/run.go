package main

import (
	"context"
	"fmt"

	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/example"
	"codeberg.org/entraide/entraide/storage"
)

func demoCommand() *subcommand {
	return &subcommand{
		name:    "demo",
		summary: "run the bot in this terminal with the example FAQ (no server needed)",
		usage: `Usage: entraide demo [--db FILE] [--web ADDR]

Runs the bot on the console adapter with the embedded example FAQ and
announcements. Type a question; /as NAME changes who speaks, /room NAME
changes the room (the mentors' room is "mentors", the mentor is "mentor").
With a pipe on stdin it reads every line, prints every reply and exits.

  --db FILE   SQLite database (default: entraide/demo.db in the user's cache folder)
  --web ADDR  also serve the mentors' web page there (e.g. 127.0.0.1:8081);
              log in as "mentor": the code shows in the room dm-mentor`,
		run: runDemo,
	}
}

func runCommand() *subcommand {
	return &subcommand{
		name:    "run",
		summary: "run the bot with the adapters of a config file",
		usage: `Usage: entraide run --config FILE

Starts every adapter enabled in FILE (see config.example.toml) and runs until
interrupted. Secrets may come from the environment: ` + config.EnvMatrixPassword + `,
` + config.EnvMatrixToken + `, ` + config.EnvMatrixPickle + `, ` + config.EnvXMPPPassword + `,
` + config.EnvDatabasePassword + `.

With a postgres:// database, several instances may run on it: the one
holding the leader lease connects to the chat servers, the others stand by
(/healthz says "standby") and take over when it stops or dies.`,
		run: runRun,
	}
}

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags("demo")
	db := fs.String("db", "", "")
	webAddr := fs.String("web", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected argument " + fs.Arg(0)}
	}
	cfg, err := demoConfig(*db)
	if err != nil {
		return err
	}
	cfg.Web.Listen = *webAddr
	a, err := newApp(ctx, cfg, e, example.FAQ(), demoAnnouncements())
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Run(ctx)
}

func runRun(ctx context.Context, e *env, args []string) error {
	fs := newFlags("run")
	path := fs.String("config", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *path == "" {
		return usageError{"--config FILE is required"}
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected argument " + fs.Arg(0)}
	}
	cfg, err := config.Load(*path)
	if err != nil {
		return err
	}
	if config.IsDatabaseURL(cfg.Bot.Database) {
		// a shared database: one instance leads, the others stand by
		st, err := storage.Open(ctx, cfg.Bot.Database, cfg.Bot.DatabasePassword)
		if err != nil {
			return err
		}
		defer st.Close()
		if l, ok := st.(storage.Leaser); ok {
			return runLeased(ctx, e, cfg, l)
		}
	}
	a, err := newApp(ctx, cfg, e, nil, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	a.log.Info("entraide started", "version", version, "adapters", len(a.bot.Adapters()), "communities", len(a.comms))
	if err := a.Run(ctx); err != nil {
		return fmt.Errorf("stopped: %w", err)
	}
	return nil
}
