package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// subcommand is one "entraide NAME ..." verb, defined in its own file and
// listed in commands.
type subcommand struct {
	name    string
	summary string // one line for "entraide help"
	usage   string // synopsis and details for "entraide help NAME"
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a subcommand may touch, replaceable in tests.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// secrets scrubs stdout and stderr; commands add the config's
	// secrets to it once they have read them.
	secrets *scrubber
}

// commands lists every subcommand, as "entraide help" shows them.
func commands() []*subcommand {
	return []*subcommand{
		announceCommand(),
		dbCommand(),
		demoCommand(),
		faqCommand(),
		helpCommand(),
		reportCommand(),
		runCommand(),
		ticketsCommand(),
		versionCommand(),
	}
}

// lookup finds a subcommand by name.
func lookup(name string) (*subcommand, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return nil, false
}

// usageError makes main print the subcommand's usage and exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e *env, args []string) int {
	if e.secrets == nil {
		s := &scrubber{}
		e = &env{stdin: e.stdin, stdout: s.writer(e.stdout), stderr: s.writer(e.stderr), secrets: s}
	}
	if len(args) == 0 {
		printHelp(e.stderr)
		return 2
	}
	name := args[0]
	if name == "-h" || name == "--help" {
		name = "help"
	}
	c, ok := lookup(name)
	if !ok {
		fmt.Fprintf(e.stderr, "entraide: unknown command %q\n\n", name)
		printHelp(e.stderr)
		return 2
	}
	err := c.run(ctx, e, args[1:])
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintln(e.stdout, c.usage)
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "entraide %s: %s\n\n%s\n", c.name, ue.msg, c.usage)
		return 2
	default:
		fmt.Fprintf(e.stderr, "entraide %s: %v\n", c.name, err)
		return 1
	}
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "entraide — a community-support chat bot answering from a FAQ and escalating to mentors.")
	fmt.Fprintln(w, "\nUsage: entraide COMMAND [arguments]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"entraide help COMMAND\" for details.")
}

// newFlags makes a flag set whose errors become usage errors instead of exits.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args and wraps flag errors as usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

func helpCommand() *subcommand {
	return &subcommand{
		name:    "help",
		summary: "show help for a command",
		usage:   "Usage: entraide help [COMMAND]",
		run: func(_ context.Context, e *env, args []string) error {
			if len(args) == 0 {
				printHelp(e.stdout)
				return nil
			}
			c, ok := lookup(args[0])
			if !ok {
				return usageError{fmt.Sprintf("unknown command %q", args[0])}
			}
			fmt.Fprintln(e.stdout, c.usage)
			return nil
		},
	}
}

func versionCommand() *subcommand {
	return &subcommand{
		name:    "version",
		summary: "print the version",
		usage:   "Usage: entraide version",
		run: func(_ context.Context, e *env, args []string) error {
			if len(args) > 0 {
				return usageError{"takes no argument: " + strings.Join(args, " ")}
			}
			fmt.Fprintln(e.stdout, "entraide", version)
			return nil
		},
	}
}
