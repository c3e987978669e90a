package validate

import (
	"regexp"
	"regexp/syntax"
	"testing"
	"unicode"
)

// matchPatterns are patterns of the matcher's shape, with the texts each is tried on.
var matchPatterns = []string{
	`^customer#[0-9a-f]+$`,
	`^[0-9]{5}$`,
	`^\d{3}-\d{4}$`,
	`^[A-Z]{2}\d{2,4}$`,
	`^[a-z]{3,}$`,
	`abc`,
	`^abc`,
	`abc$`,
	`a*`,
	`^a*$`,
	`^$`,
	``,
	`^x?y?z?$`,
	`a.c`,
	`^.+@.+\..+$`,
	`(?i)^hello$`,
	`^(?i:k)elvin$`,
	`^[^0-9]+$`,
	`^é+ü?$`,
	`^\p{Greek}+$`,
	`^[\x{10000}-\x{10FFFF}]$`,
	`\Afoo\z`,
	`^(abc)$`,
	`^a*?b+?c??$`,
	`^[a-c]*c[a-c]{2}$`,
	`^a{0}b$`,
	`^(a)*$`,
	`\s+`,
	`^\w+$`,
	`^\pL+$`,
	`^[^\pL\d]*$`,
	`(?i)^[\p{Cyrillic}\p{Han}]+\d?$`,
}

var matchTexts = []string{
	"", "a", "aa", "abc", "xabcx", "abcabc", "ab", "c", "customer#8f14e45f", "customer#", "customer#G1",
	"xcustomer#8f", "75001", "7500", "750011", "555-1234", "5551234", "FR12", "FR12345", "fr12", "abcd",
	"xyz", "xz", "y", "HeLLo", "hello!", "Kelvin", "\u212aelvin", "kELVIN", "ada@example.com", "ada@example",
	"éé", "éü", "üé", "αβγ", "\U0001F600", "\xff", "a\xffc", "foo", "afoo", "abbc", "acc", "cccc", "cabc",
	"b", " ", "x y", "x\ny", "abc\n", "\n", "a\nb", "hello\n",
	"Привет", "привет1", "漢字", "漢字12", "日本語テキスト", "🙂🙂", "-+=", "ǅungla",
}

// TestMatcher checks the matcher against regexp on every pattern and text, and that it is
// built for the patterns of its shape.
func TestMatcher(t *testing.T) {
	for _, p := range matchPatterns {
		re := regexp.MustCompile(p)
		m := newMatcher(re)
		if m == nil {
			t.Errorf("newMatcher(%q) = nil; want a matcher", p)
			continue
		}
		for _, s := range matchTexts {
			if got, want := m.MatchString(s), re.MatchString(s); got != want {
				t.Errorf("matcher of %q: MatchString(%q) = %v; want %v", p, s, got, want)
			}
		}
	}
}

// TestMatcherNotPOSIX checks that patterns compiled with CompilePOSIX, or set to
// leftmost-longest matching, keep regexp: POSIX parses some patterns differently.
func TestMatcherNotPOSIX(t *testing.T) {
	for _, p := range []string{`^abc$`, `^a*?b$`} {
		if m := newMatcher(regexp.MustCompilePOSIX(p)); m != nil {
			t.Errorf("newMatcher(CompilePOSIX(%q)) = a matcher; want nil", p)
		}
		re := regexp.MustCompile(p)
		re.Longest()
		if m := newMatcher(re); m != nil {
			t.Errorf("newMatcher(%q with Longest) = a matcher; want nil", p)
		}
	}
}

func TestNoMatcher(t *testing.T) {
	for _, p := range []string{
		`^(ab)+$`, `^a|b$`, `\bword\b`, `(?m)^a$`, `^(a^b)$`, `a$b`, `^(?:ab)?$`, `[a-z]{64}`,
		`(?i)^(ab)*$`,
	} {
		if m := newMatcher(regexp.MustCompile(p)); m != nil {
			t.Errorf("newMatcher(%q) = a matcher; want nil (the pattern is not of its shape)", p)
		}
	}
}

// TestMatchElemSearch checks the binary search of large classes against a plain scan of
// their ranges.
func TestMatchElemSearch(t *testing.T) {
	parsed, err := syntax.Parse(`[\pL\pN\x{10000}-\x{10FFFF}]`, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	e, ok := singleElem(parsed)
	if !ok || !e.sorted || len(e.ranges) <= 16 {
		t.Fatalf("singleElem = %d ranges, sorted %v, %v; want a large sorted class", len(e.ranges), e.sorted, ok)
	}
	// Membership changes only at the bounds of ranges: check on and beside every one.
	scan := matchElem{ranges: e.ranges}
	check := []rune{0, unicode.MaxRune}
	for _, r := range e.ranges {
		check = append(check, r-1, r, r+1)
	}
	for _, c := range check {
		if got, want := e.has(c), scan.has(c); got != want {
			t.Fatalf("has(%U) = %v; want %v", c, got, want)
		}
	}
}

// FuzzMatcher compares the matcher with regexp on any pattern it is built for.
func FuzzMatcher(f *testing.F) {
	for _, p := range matchPatterns {
		for _, s := range matchTexts[:12] {
			f.Add(p, s)
		}
	}
	f.Fuzz(func(t *testing.T, p, s string) {
		re, err := regexp.Compile(p)
		if err != nil {
			return
		}
		if m := newMatcher(re); m != nil {
			if got, want := m.MatchString(s), re.MatchString(s); got != want {
				t.Errorf("matcher of %q: MatchString(%q) = %v; want %v", p, s, got, want)
			}
		}
	})
}

func BenchmarkMatcher(b *testing.B) {
	re := regexp.MustCompile(`^customer#[0-9a-f]+$`)
	m := newMatcher(re)
	for _, bm := range []struct {
		name  string
		match func(string) bool
	}{{"regexp", re.MatchString}, {"matcher", m.MatchString}} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				if !bm.match("customer#8f14e45f") {
					b.Fatal("no match")
				}
			}
		})
	}
}
