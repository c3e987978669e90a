package attr

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestValidTextFindsEveryByte checks that validText agrees with utf8.ValidString whatever
// the length of the text and wherever its one non-ASCII byte (or valid multi-byte rune) is:
// the word-at-a-time reading must not miss the bytes between or after its words.
func TestValidTextFindsEveryByte(t *testing.T) {
	for n := 0; n <= 24; n++ {
		ascii := strings.Repeat("a", n)
		if !validText(ascii) {
			t.Errorf("validText(%q) = false; want true", ascii)
		}
		for i := range n {
			for _, r := range []string{"\x80", "\xff", "\xc3", "é"} {
				s := ascii[:i] + r + ascii[i+1:]
				if got, want := validText(s), utf8.ValidString(s); got != want {
					t.Errorf("validText(%q) = %v; want %v", s, got, want)
				}
			}
		}
	}
}

// FuzzValidText checks validText against utf8.ValidString.
func FuzzValidText(f *testing.F) {
	for _, s := range []string{"", "a", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghi", "ünïcödé", "abcdefg\xff", "\xffabcdefgh", "abcdefgh\xe2\x82"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validText(s), utf8.ValidString(s); got != want {
			t.Errorf("validText(%q) = %v; want %v", s, got, want)
		}
	})
}
