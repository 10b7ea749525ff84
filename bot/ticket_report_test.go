package bot_test

import (
	"fmt"
	"testing"

	"codeberg.org/entraide/entraide/bot"
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
	var ts []*bot.Ticket
	for i, q := range qs {
		ts = append(ts, &bot.Ticket{ID: int64(i + 1), Origin: bot.OriginUnanswered, Question: q})
	}
	ts = append(ts,
		&bot.Ticket{ID: 7, Origin: bot.OriginUnanswered, Purged: true},
		&bot.Ticket{ID: 8, Origin: bot.OriginFeedback, Question: "jitsi instance"})
	got := fmt.Sprint(clusterIDs(bot.ClusterQuestions(ts, 0.2)))
	if want := "[[1 3 5] [2 6] [4]]"; got != want {
		t.Fatalf("clusters %s, want %s", got, want)
	}
	if got := fmt.Sprint(clusterIDs(bot.ClusterQuestions(ts, 1.01))); got != "[[1] [2] [3] [4] [5] [6]]" {
		t.Fatalf("nothing links above 1: %s", got)
	}
}

func clusterIDs(cs []bot.QuestionCluster) [][]int64 {
	var out [][]int64
	for _, c := range cs {
		out = append(out, c.Tickets)
	}
	return out
}
