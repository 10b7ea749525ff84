// Command mutate checks that the tests catch small realistic bugs in the
// code where a bug costs the most (tickets and their ACL, announcement
// claims and schedule, the matcher's decision, redaction, rate limits,
// config validation). It reads a fixed list of mutations (mutations.txt),
// applies each one alone to a copy of the tree in a temporary folder (the
// working tree is never written), runs the owning package's tests and
// prints the kill rate and the mutations no test caught. It is run by hand
// (scripts/mutate), not in CI: it takes minutes.
//
// It imports no entraide package.
package main
