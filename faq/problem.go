package faq

import (
	"fmt"
	"strings"
)

// Problem is one lint finding, printed as "file:line: message".
type Problem struct {
	File string
	Line int
	Msg  string
	err  error // the cause, when it is one to match (a cancelled load)
}

func (p *Problem) Unwrap() error { return p.err }

func (p *Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is every finding of a load; it is an error when non-empty.
type Problems []*Problem

// Unwrap lets errors.Is find a cause, such as context.Canceled, among the
// problems.
func (ps Problems) Unwrap() []error {
	var errs []error
	for _, p := range ps {
		if p.err != nil {
			errs = append(errs, p.err)
		}
	}
	return errs
}

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}
