package faq

import (
	"path/filepath"
	"strings"
	"testing"
)

// A mistyped folder is named as such, not as "stat .".
func TestMissingFolderIsSaidPlainly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fqa")
	_, err := LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), dir+": folder not found") || strings.Contains(err.Error(), "stat .") {
		t.Fatalf("want %q, got %v", dir+": folder not found", err)
	}
}
