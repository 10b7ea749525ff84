package config

import (
	"strings"
	"testing"
)

// Each nonsense setting is refused at start with the file, the line and
// the key, instead of being accepted and misbehaving later.
func TestNonsenseIsRefusedWithLineAndKey(t *testing.T) {
	const console = "[console]\nenabled = true\n"
	cases := []struct{ body, want string }{
		// tickets announced to a room nobody reads
		{console + "[mentors]\nroom = { adapter = \"matrix\", id = \"!m:x\" }\n", ":4: mentors.room: adapter \"matrix\" is not enabled"},
		{console + "[mentors]\nroom = { adapter = \"irc\", id = \"#m\" }\n", ":4: mentors.room: unknown adapter \"irc\""},
		{console + "[mentors.ids]\nmatrx = [\"@a:x\"]\n", ":4: mentors.ids: unknown adapter \"matrx\""},
		{console + "[bot.admins]\nconsol = [\"a\"]\n", ":4: bot.admins: unknown adapter \"consol\""},
		{console + "[[rooms]]\nadapter = \"console\"\nid = \"a\"\n[[rooms]]\nadapter = \"irc\"\nid = \"b\"\n", ":7: rooms[1]: unknown adapter \"irc\""},
		{console + "[announce]\nrooms = [ { adapter = \"telegram\", id = \"x\" } ]\n", ":4: announce.rooms[0]: unknown adapter \"telegram\""},
		// the same within [[communities]]
		{console + "[[communities]]\nname = \"a\"\nrooms = [{ adapter = \"console\", id = \"s\" }]\nmentors_room = { adapter = \"xmp\", id = \"m@x\" }\n",
			":6: communities[0].mentors_room: unknown adapter \"xmp\""},
		{console + "[[communities]]\nname = \"a\"\nrooms = [{ adapter = \"console\", id = \"s\" }]\nmentors_room = { adapter = \"xmpp\", id = \"m@x\" }\n",
			":6: communities[0].mentors_room: adapter \"xmpp\" is not enabled"},
		{console + "[[communities]]\nname = \"a\"\nrooms = [{ adapter = \"console\", id = \"s\" }]\nmentors_room = { adapter = \"console\", id = \"m\" }\n" +
			"[[communities]]\nname = \"b\"\nrooms = [{ adapter = \"console\", id = \"t\" }]\nmentors_room = { adapter = \"matrix\", id = \"!m:x\" }\n",
			":10: communities[1].mentors_room: adapter \"matrix\" is not enabled"},
		{console + "[[communities]]\nname = \"a\"\nrooms = [{ adapter = \"irc\", id = \"s\" }]\n", ":5: communities[0].rooms[0]: unknown adapter \"irc\""},
		// a threshold above 1 is never reached: the bot would never answer
		{console + "[matcher]\nthreshold = 1.5\n", ":4: matcher.threshold must be between 0 and 1"},
		{console + "[matcher]\nsuggest = -0.1\n", ":4: matcher.suggest must be between 0 and 1"},
		{console + "[matcher]\nthreshold = nan\n", ":4: matcher.threshold must be between 0 and 1"},
		{console + "[matcher]\nthreshold = 0.4\nsuggest = 0.6\n", ":5: matcher.suggest must not be above matcher.threshold"},
		// negative rates and bursts
		{console + "[ratelimit]\nuser_per_minute = -1\n", ":4: ratelimit.user_per_minute must be 0 (off) or more"},
		{console + "[ratelimit]\nroom_burst = -3\n", ":4: ratelimit.room_burst must be 0 or more"},
		{console + "[ratelimit]\nroom_per_minute = inf\n", ":4: ratelimit.room_per_minute must be 0 (off) or more"},
		// durations: negative, NaN, absurd
		{console + "[reload]\ndebounce = \"-1s\"\n", ":4: reload.debounce: bad duration \"-1s\": it must not be negative"},
		{console + "[mentors]\nremind_after = \"NaNd\"\n", ":4: mentors.remind_after: bad duration \"NaNd\""},
		{console + "[mentors]\nclaimed_idle = \"1e300d\"\n", ":4: mentors.claimed_idle: bad duration \"1e300d\": more than 10 years"},
		{console + "[announce]\ntraining_offsets = [\"2d\", \"-1h\"]\n", ":4: announce.training_offsets: bad duration \"-1h\""},
		// pulling every nanosecond a folder that is not a clone
		{console + "[reload]\ngit_pull = \"1ns\"\ngit_repo = \".\"\n", ":4: reload.git_pull must be at least 1m"},
		{console + "[reload]\ngit_pull = \"10m\"\ngit_repo = \".\"\n", ":5: reload.git_repo: "},
		// a homeserver that is not HTTP(S), or HTTP in clear to another machine
		{"[matrix]\nenabled = true\nhomeserver = \"ftp://matrix.example.org\"\nuser_id = \"@b:x\"\npassword = \"p\"\nencryption = false\n", ":3: matrix.homeserver must be a URL like https://"},
		{"[matrix]\nenabled = true\nhomeserver = \"http://matrix.example.org\"\nuser_id = \"@b:x\"\npassword = \"p\"\nencryption = false\n", ":3: matrix.homeserver: http:// sends the password in clear"},
	}
	for _, c := range cases {
		_, err := Load(write(t, c.body))
		if err == nil || !strings.Contains(err.Error(), "entraide.toml"+c.want) {
			t.Errorf("config:\n%s\nwant %q, got %v", c.body, "entraide.toml"+c.want, err)
		}
	}
}

// What the refusals above must not catch.
func TestSensibleValuesStayAccepted(t *testing.T) {
	const console = "[console]\nenabled = true\n"
	for _, body := range []string{
		console + "[mentors]\nroom = { adapter = \"console\", id = \"mentors\" }\n[mentors.ids]\nmatrix = [\"@a:x\"]\n",
		console + "[matcher]\nthreshold = 1\nsuggest = 0.2\n",
		console + "[matcher]\nthreshold = 0\nsuggest = 0.5\n", // 0 is the built-in threshold
		console + "[ratelimit]\nuser_per_minute = 0\nroom_burst = 0\n",
		console + "[reload]\ngit_pull = \"\"\ndebounce = \"0s\"\n",
		console + "[[communities]]\nname = \"a\"\nrooms = [{ adapter = \"console\", id = \"s\" }]\nmentors_room = { adapter = \"console\", id = \"m\" }\n",
		"[matrix]\nenabled = true\nhomeserver = \"http://127.0.0.1:8008\"\nuser_id = \"@b:x\"\npassword = \"p\"\nencryption = false\n",
		"[matrix]\nenabled = true\nhomeserver = \"http://localhost:8008\"\nuser_id = \"@b:x\"\npassword = \"p\"\nencryption = false\n",
		"[matrix]\nenabled = true\nhomeserver = \"http://[::1]:8008\"\nuser_id = \"@b:x\"\npassword = \"p\"\nencryption = false\n",
		"[matrix]\nenabled = true\nhomeserver = \"http://matrix.lan\"\ninsecure_http = true\nuser_id = \"@b:x\"\npassword = \"p\"\nencryption = false\n",
	} {
		if _, err := Load(write(t, body)); err != nil {
			t.Errorf("config:\n%s\nrefused: %v", body, err)
		}
	}
}
