package matrix

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.mau.fi/util/dbutil"
	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
	"maunium.net/go/mautrix/sqlstatestore"

	"codeberg.org/entraide/entraide/bot"
)

// Options configure the adapter.
type Options struct {
	// Name of the adapter instance ("matrix" by default); it namespaces the
	// stored state and the handled-event table.
	Name        string
	Homeserver  string // base URL, e.g. "https://matrix.example.org"
	UserID      string // "@entraide:example.org"
	Password    string // used when AccessToken is empty, and to log in again when a stored token is revoked
	AccessToken string // optional: use this token (and its device) instead of logging in
	DeviceName  string // display name of the bot's device ("entraide")

	// Encryption turns on end-to-end encryption (needs DB and PickleKey).
	Encryption bool
	// PickleKey encrypts the bot's Olm/Megolm keys at rest; it must stay the
	// same across restarts.
	PickleKey string
	// InviteAllow limits auto-join to invites sent by these user ids or by
	// users of these servers (written ":example.org"); "*" alone accepts
	// anyone. Empty: the bot's own server only.
	InviteAllow []string

	// State keeps the device, access token, sync token and the events
	// handled or in progress.
	State bot.Journal
	// DB is the project's database; mautrix keeps its room state and
	// crypto tables there. Nil keeps room state in memory and is only
	// allowed without encryption.
	DB *sql.DB
	// Dialect is DB's SQL dialect as mautrix's dbutil names it: "sqlite3"
	// (the default) or "postgres".
	Dialect string

	Logger *slog.Logger
	// MaxBackoff caps the wait between reconnection attempts (30 s).
	MaxBackoff time.Duration
	// TimelineLimit is the most events per room a sync returns (100); older
	// ones are fetched separately after an outage.
	TimelineLimit int
}

const defaultTimelineLimit = 100

// Adapter is a Matrix bot.Adapter.
type Adapter struct {
	opts   Options
	log    *slog.Logger
	userID id.UserID

	cli   *mautrix.Client
	ready chan struct{} // closed once cli is usable by Send

	connected atomic.Bool
	down      atomic.Bool // a connection loss was logged and no success seen since
	failures  int         // consecutive failed syncs; only touched by the sync goroutine

	track *tracker
	queue *dispatcher

	mu        sync.Mutex
	joinedAt  map[id.RoomID]int64 // ms timestamp of the bot's latest join per room
	roomNames map[id.RoomID]string
}

var (
	_ bot.Adapter        = (*Adapter)(nil)
	_ bot.StatusReporter = (*Adapter)(nil)
)

// New checks the options; it does no network I/O (Run connects).
func New(o Options) (*Adapter, error) {
	if o.Name == "" {
		o.Name = "matrix"
	}
	if o.DeviceName == "" {
		o.DeviceName = "entraide"
	}
	if o.TimelineLimit <= 0 {
		o.TimelineLimit = defaultTimelineLimit
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 30 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Dialect == "" {
		o.Dialect = "sqlite3"
	}
	uid := id.UserID(o.UserID)
	if _, _, err := uid.Parse(); err != nil {
		return nil, fmt.Errorf("matrix: user id %q: %w", o.UserID, err)
	}
	switch {
	case o.Homeserver == "":
		return nil, errors.New("matrix: homeserver URL is empty")
	case o.Password == "" && o.AccessToken == "":
		return nil, errors.New("matrix: a password or an access token is required")
	case o.State == nil:
		return nil, errors.New("matrix: a state store is required")
	case o.Encryption && o.DB == nil:
		return nil, errors.New("matrix: encryption needs the database")
	case o.Encryption && o.PickleKey == "":
		return nil, errors.New("matrix: encryption needs a pickle key")
	case o.Encryption && !EncryptionAvailable:
		return nil, errors.New("matrix: encryption is on but this entraide was built without it (build with -tags goolm)")
	}
	for _, a := range o.InviteAllow {
		if a == "*" && len(o.InviteAllow) == 1 {
			continue
		}
		if !strings.HasPrefix(a, "@") && !strings.HasPrefix(a, ":") {
			return nil, fmt.Errorf("matrix: invite_allow entry %q must be a user id (@user:server), a server (:server), or \"*\" alone for anyone", a)
		}
	}
	if len(o.InviteAllow) == 0 {
		o.InviteAllow = []string{":" + uid.Homeserver()} // the bot's own server, as on XMPP
	}
	log := o.Logger.With("adapter", o.Name)
	rule := strings.Join(o.InviteAllow, ", ")
	if o.InviteAllow[0] == "*" {
		rule = "anyone"
	}
	log.Info("matrix: invitations accepted from", "invite_allow", rule)
	return &Adapter{
		opts:      o,
		log:       log,
		userID:    uid,
		ready:     make(chan struct{}),
		joinedAt:  map[id.RoomID]int64{},
		roomNames: map[id.RoomID]string{},
	}, nil
}

// PrepareDatabase creates (or upgrades) the tables the adapter keeps in db
// besides its bot.StateStore values: mautrix's room state, and its crypto
// tables when this build has encryption. "entraide db copy" uses it to
// give a new database the tables to copy into.
func PrepareDatabase(ctx context.Context, db *sql.DB, dialect string) error {
	d, err := dbutil.NewWithDB(db, dialect)
	if err != nil {
		return fmt.Errorf("matrix: database: %w", err)
	}
	d.Log = dbutil.NoopLogger
	if err := sqlstatestore.NewSQLStateStore(d, d.Log, false).Upgrade(ctx); err != nil {
		return fmt.Errorf("matrix: room state tables: %w", err)
	}
	if err := prepareCryptoTables(ctx, d); err != nil {
		return fmt.Errorf("matrix: crypto tables: %w", err)
	}
	return nil
}

// Name implements bot.Adapter.
func (a *Adapter) Name() string { return a.opts.Name }

// Connected implements bot.StatusReporter: true while syncs succeed.
func (a *Adapter) Connected() bool { return a.connected.Load() }

// UserID is the bot's Matrix user id.
func (a *Adapter) UserID() id.UserID { return a.userID }

// DeviceID is the bot's device, known once Run has logged in.
func (a *Adapter) DeviceID() id.DeviceID {
	select {
	case <-a.ready:
		return a.cli.DeviceID
	default:
		return ""
	}
}

// Run logs in (reusing the stored device), sets up encryption and syncs until
// ctx is done. Events are handed to one worker per room, so a slow answer
// never holds up the sync loop.
func (a *Adapter) Run(ctx context.Context, in bot.Inbox) error {
	if a.cli != nil {
		return errors.New("matrix: Run called twice")
	}
	cli, err := a.connect(ctx)
	if err != nil {
		return err
	}
	defer a.connected.Store(false)
	a.cli = cli

	syncer := &syncer{DefaultSyncer: mautrix.NewDefaultSyncer(), a: a}
	syncer.FilterJSON = &mautrix.Filter{Room: &mautrix.RoomFilter{Timeline: &mautrix.FilterPart{Limit: a.opts.TimelineLimit}}}
	cli.Syncer = syncer
	cli.Store = &syncStore{a: a}
	a.track = newTracker(func(token string, newest map[id.RoomID]int64) {
		a.saveNextBatch(context.WithoutCancel(ctx), token, newest)
	})

	var db *dbutil.Database
	if a.opts.DB != nil {
		db, err = dbutil.NewWithDB(a.opts.DB, a.opts.Dialect)
		if err != nil {
			return fmt.Errorf("matrix: database: %w", err)
		}
		db.Log = dbutil.ZeroLogger(cli.Log.With().Str("db_section", "matrix_state").Logger())
		ss := sqlstatestore.NewSQLStateStore(db, db.Log, false)
		if err := ss.Upgrade(ctx); err != nil {
			return fmt.Errorf("matrix: room state tables: %w", err)
		}
		cli.StateStore = ss
	} else {
		cli.StateStore = mautrix.NewMemoryStateStore()
	}
	// Keep room state (members, encryption) current before our handlers run.
	syncer.OnEvent(cli.StateStoreSyncHandler)

	if a.opts.Encryption {
		if err := a.setupCrypto(ctx, db); err != nil {
			return err
		}
	}

	if err := a.loadJoinedAt(ctx); err != nil {
		return err
	}
	syncer.OnEventType(event.StateMember, a.onMember)
	syncer.OnEventType(event.StateRoomName, a.onRoomName)
	syncer.OnEventType(event.EventMessage, a.onMessage)
	syncer.OnEventType(event.EventReaction, a.onReaction)

	a.queue = newDispatcher(a.track)
	close(a.ready)
	a.log.Info("matrix connected", "user", cli.UserID, "device", cli.DeviceID, "encryption", a.opts.Encryption)

	// Handlers run with a context that outlives ctx by a short grace period,
	// so an answer being sent when the bot stops is not cut in half.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	a.queue.start(work, in, a)
	if err := a.resumeUnfinished(ctx); err != nil {
		a.queue.close()
		return fmt.Errorf("matrix: messages left unfinished: %w", err)
	}

	err = cli.SyncWithContext(ctx)
	a.queue.close()
	if !a.queue.wait(5 * time.Second) {
		cancelWork()
		a.queue.wait(2 * time.Second)
	}
	if ctx.Err() != nil {
		a.log.Info("matrix stopped")
		return nil
	}
	return fmt.Errorf("matrix sync: %w", err)
}
