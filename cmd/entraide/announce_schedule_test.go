package main

import (
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/config"
)

// An announcement offset must be a positive duration: a post "0d" before
// a training is never made, one after it is useless; both are refused at
// start with the key named, and a small positive offset is kept as written.
func TestAnnounceOffsetsMustBePositive(t *testing.T) {
	for _, c := range []struct {
		offsets []time.Duration
		want    string // "" = accepted
	}{
		{[]time.Duration{14 * 24 * time.Hour, time.Hour}, ""},
		{[]time.Duration{time.Second}, ""},
		{[]time.Duration{14 * 24 * time.Hour, 0}, `training_offsets: "0s" is not a positive duration`},
		{[]time.Duration{-48 * time.Hour}, "is not a positive duration"},
	} {
		cfg := &config.Config{}
		for _, d := range c.offsets {
			cfg.Announce.TrainingOffsets = append(cfg.Announce.TrainingOffsets, config.Duration{Duration: d})
		}
		s, err := scheduleOf(cfg, config.Community{}, time.UTC)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%v refused: %v", c.offsets, err)
		case c.want == "" && len(s.Offsets) != len(c.offsets):
			t.Errorf("%v: kept %v", c.offsets, s.Offsets)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%v: want %q, got %v", c.offsets, c.want, err)
		}
	}
}
