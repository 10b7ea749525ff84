package tickets_test

import (
	"fmt"
	"testing"

	"codeberg.org/entraide/entraide/tickets"
)

func TestClusterQuestions(t *testing.T) {
	qs := []string{
		"Avez-vous une instance Jitsi ?",
		"Quand a lieu la prochaine formation ?",
		"Y a-t-il un serveur Jitsi ?",
		"Le wifi du local ne marche pas",
		"jitsi ne marche pas chez moi",
		"Date de la prochaine formation ?",
	}
	var ts []*tickets.Ticket
	for i, q := range qs {
		ts = append(ts, &tickets.Ticket{ID: int64(i + 1), Origin: tickets.OriginUnanswered, Question: q})
	}
	ts = append(ts,
		&tickets.Ticket{ID: 7, Origin: tickets.OriginUnanswered, Purged: true},
		&tickets.Ticket{ID: 8, Origin: tickets.OriginFeedback, Question: "jitsi instance"})
	got := fmt.Sprint(clusterIDs(tickets.ClusterQuestions(ts, 0.2)))
	if want := "[[1 3 5] [2 6] [4]]"; got != want {
		t.Fatalf("clusters %s, want %s", got, want)
	}
	if got := fmt.Sprint(clusterIDs(tickets.ClusterQuestions(ts, 1.01))); got != "[[1] [2] [3] [4] [5] [6]]" {
		t.Fatalf("nothing links above 1: %s", got)
	}
}

func clusterIDs(cs []tickets.QuestionCluster) [][]int64 {
	var out [][]int64
	for _, c := range cs {
		out = append(out, c.Tickets)
	}
	return out
}
