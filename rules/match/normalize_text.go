package match

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letterFolds are letters that Unicode does not decompose into a base letter and an accent,
// written the way people type them without the key.
var letterFolds = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i",
	'’': "'", '‘': "'", '`': "'", '´': "'", '–': "-", '—': "-", '‐': "-",
}

// foldRunes lower-cases s and takes accents off letters, leaving punctuation for the
// caller: names and streets read dots and slashes before they drop them.
func foldRunes(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue // the accent of a decomposed letter
		}
		if f, ok := letterFolds[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Fold lower-cases s, takes accents off (é → e, ü → u, ß → ss), turns everything that is
// not a letter or digit into a space and collapses spaces: "  Société Générale, S.A." →
// "societe generale s a".
func Fold(s string) string {
	return strings.Join(splitWords(foldRunes(s)), " ")
}

// splitWords splits folded text at every character that is not a letter or digit.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isAlnum(r) })
}

func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// collapseDigraphs writes ae, oe and ue as a, o and u, so that Müller, Mueller and Muller
// agree: sources without umlauts on the keyboard write either. Short words keep theirs
// ("rue", "oe") because there the letters are not an umlaut.
func collapseDigraphs(w string) string {
	if len(w) <= 3 || !strings.ContainsRune(w[1:], 'e') {
		return w
	}
	var b []byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if b != nil {
			b = append(b, c)
		}
		if i > 0 && c == 'e' && (w[i-1] == 'a' || w[i-1] == 'o' || w[i-1] == 'u') {
			if b == nil {
				b = append([]byte{}, w[:i]...)
			} else {
				b = b[:len(b)-1]
			}
		}
	}
	if b == nil {
		return w
	}
	return string(b)
}

// joinDotted writes abbreviations spelled with dots, slashes or apostrophes as one word:
// "g.m.b.h." → "gmbh", "a/s" → "as", "int'l" → "intl", "co." → "co". Pieces longer than
// three letters are separate words ("st.gallen" stays two), and numbers keep their dots.
func joinDotted(chunk string) string {
	chunk = strings.ReplaceAll(chunk, "'", "")
	if !strings.ContainsAny(chunk, "./") {
		return chunk
	}
	run := 0
	letters := 0
	for _, r := range chunk {
		switch {
		case r == '.' || r == '/':
			run = 0
		case unicode.IsLetter(r):
			run++
			letters++
			if run > 3 {
				return chunk
			}
		default:
			return chunk
		}
	}
	if letters == 0 {
		return chunk
	}
	return strings.NewReplacer(".", "", "/", "").Replace(chunk)
}

// sortedWords is text with its words sorted and repeated words dropped, so that
// "Keller Baumarkt" and "Baumarkt Keller" share one key.
func sortedWords(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	w := strings.Fields(s)
	slices.Sort(w)
	return strings.Join(slices.Compact(w), " ")
}
