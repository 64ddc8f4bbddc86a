package match

import (
	"slices"
	"strconv"
	"strings"
)

// NormalizeGTIN reads a barcode (GTIN-8, UPC-A, EAN-13, GTIN-14; spaces and dashes allowed)
// and writes it as 14 digits, the form GS1 compares. ok is false when the length or the
// check digit is wrong: such a value proves nothing about identity.
func NormalizeGTIN(s string) (gtin string, ok bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			b.WriteByte(c)
		case c == ' ' || c == '-' || c == '.':
		default:
			return "", false
		}
	}
	d := b.String()
	switch len(d) {
	case 8, 12, 13, 14:
	case 11:
		// A UPC-A read as a number loses its leading zero in spreadsheets.
		d = "0" + d
	default:
		return "", false
	}
	d = strings.Repeat("0", 14-len(d)) + d
	if d == "00000000000000" || GS1CheckDigit(d[:13]) != d[13] {
		return "", false
	}
	return d, true
}

// GS1CheckDigit weighs the digits 3, 1, 3, … from the right and rounds up to ten: the
// check digit of a GTIN's body. The validation gates use it too.
func GS1CheckDigit(body string) byte {
	sum := 0
	for i := 0; i < len(body); i++ {
		d := int(body[len(body)-1-i] - '0')
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

// NormalizeMPN keeps the letters and digits of a model number, upper-cased: "GSR 12V-15",
// "gsr12v/15" and "GSR-12V-15" are one part.
func NormalizeMPN(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(foldRunes(s)) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NormalizeUoM writes a unit of measure as one code: "pcs", "Stück", "each" → "EA".
func NormalizeUoM(s string) string {
	u := Fold(s)
	if code, ok := uoms[u]; ok {
		return code
	}
	return strings.ToUpper(u)
}

var uoms = map[string]string{
	"ea": "EA", "each": "EA", "pc": "EA", "pcs": "EA", "piece": "EA", "pieces": "EA", "stk": "EA",
	"stuck": "EA", "st": "EA", "unit": "EA", "units": "EA", "u": "EA", "pce": "EA", "c62": "EA", "h87": "EA",
	"pk": "PK", "pack": "PK", "pkg": "PK", "package": "PK", "packung": "PK", "pa": "PK", "pak": "PK",
	"box": "BOX", "bx": "BOX", "karton": "BOX", "ctn": "BOX", "carton": "BOX", "cs": "BOX", "case": "BOX",
	"m": "M", "meter": "M", "metre": "M", "mtr": "M", "mtr.": "M", "kg": "KG", "kilogram": "KG", "kgm": "KG",
	"l": "L", "liter": "L", "litre": "L", "ltr": "L", "ltr.": "L", "roll": "ROLL", "rl": "ROLL", "rolle": "ROLL",
	"pair": "PR", "pr": "PR", "paar": "PR", "set": "SET", "satz": "SET",
}

// ParsePrice reads a price as sources write it: "12.50", "12,50", "€ 1.234,50", "1,234.50 EUR".
func ParsePrice(s string) (float64, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; isDigit(c) || c == '.' || c == ',' || c == '-' {
			b.WriteByte(c)
		}
	}
	p := b.String()
	if p == "" {
		return 0, false
	}
	dot, comma := strings.LastIndexByte(p, '.'), strings.LastIndexByte(p, ',')
	switch {
	case dot >= 0 && comma >= 0:
		// The last separator is the decimal one; the other groups thousands.
		if comma > dot {
			p = strings.ReplaceAll(p, ".", "")
			p = strings.Replace(p, ",", ".", 1)
		} else {
			p = strings.ReplaceAll(p, ",", "")
		}
	case comma >= 0:
		if strings.Count(p, ",") == 1 && len(p)-comma-1 != 3 {
			p = strings.Replace(p, ",", ".", 1)
		} else {
			p = strings.ReplaceAll(p, ",", "")
		}
	}
	f, err := strconv.ParseFloat(p, 64)
	if err != nil || f < 0 {
		return 0, false
	}
	return f, true
}

// normalizeProductName folds a product name, keeps decimal numbers whole ("4,8" → "4.8"),
// splits numbers from units ("200x4.8mm" → "200 x 4.8 mm") and drops the brand's words,
// which the brand field compares already.
func normalizeProductName(s, brand string) string {
	f := foldRunes(s)
	var b strings.Builder
	prev := byte(' ')
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case (c == ',' || c == '.') && isDigit(prev) && i+1 < len(f) && isDigit(f[i+1]):
			c = '.'
		case isDigit(c) && prev >= 'a' && prev <= 'z', c >= 'a' && c <= 'z' && isDigit(prev):
			b.WriteByte(' ')
		case c >= 0x80:
			// a letter that foldRunes kept (Cyrillic, Greek, CJK): keep its bytes
		case !(isDigit(c) || c >= 'a' && c <= 'z'):
			c = ' '
		}
		b.WriteByte(c)
		prev = c
	}
	words := strings.Fields(b.String())
	if brand != "" {
		bw := strings.Fields(brand)
		words = slices.DeleteFunc(words, func(w string) bool { return slices.Contains(bw, w) })
	}
	return strings.Join(words, " ")
}

// numbersIn lists the numbers of a product name, sorted: sizes, counts, ratings
// ("Kabelbinder 200x4,8mm" → "200 4.8"). Products that differ only in a size or a count
// differ here. A word that starts with letters ("GSR12", "WU33") is a code, not a size,
// and left out.
func numbersIn(name string) string {
	var nums []string
	for _, w := range strings.FieldsFunc(foldRunes(name), func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == '(' || r == ')' }) {
		if w[0] < '0' || w[0] > '9' {
			continue
		}
		for i := 0; i < len(w); {
			if !isDigit(w[i]) {
				i++
				continue
			}
			j := i
			for j < len(w) && (isDigit(w[j]) || (w[j] == ',' || w[j] == '.') && j+1 < len(w) && isDigit(w[j+1])) {
				j++
			}
			nums = append(nums, strings.ReplaceAll(w[i:j], ",", "."))
			i = j
		}
	}
	slices.Sort(nums)
	return strings.Join(slices.Compact(nums), " ")
}

// withoutNumbers drops the words of normalised text that start with a digit: the sizes
// that tell variants apart would scatter a product line in sorted order.
func withoutNumbers(s string) string {
	words := strings.Fields(s)
	words = slices.DeleteFunc(words, func(w string) bool { return isDigit(w[0]) })
	return strings.Join(words, " ")
}
