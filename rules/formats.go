package rules

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"steward/models"
	"steward/rules/match"
)

// The formats a format gate can require.
const (
	FormatEmail     = "email"
	FormatGTIN      = "gtin"       // GTIN-8, -12 (UPC-A), -13 (EAN) or -14 with a correct GS1 check digit
	FormatVAT       = "vat"        // VAT id shaped like its country's (vatShapes)
	FormatHSCode    = "hs_code"    // 6 to 10 digits of the Harmonized System
	FormatPhoneE164 = "phone_e164" // +, country code and number, no spaces
	FormatURL       = "url"        // an absolute http or https address
)

// Formats lists the formats with the words the admin form shows (Label) and the words a
// gate's description ends with (Says): "Barcode is a GTIN with a correct check digit".
var Formats = []struct{ Name, Label, Says string }{
	{FormatEmail, "Email address", "is an email address"},
	{FormatGTIN, "GTIN / EAN / UPC barcode (checks the check digit)", "is a GTIN with a correct check digit"},
	{FormatVAT, "VAT id (EU, GB, CH, NO; US EIN)", "has the shape of its country's VAT ids"},
	{FormatHSCode, "HS code (6–10 digits)", "has 6 to 10 digits"},
	{FormatPhoneE164, "Phone in international format (E.164)", "is in international format"},
	{FormatURL, "Web address (http or https)", "is a full web address"},
}

func isFormat(name string) bool {
	for _, f := range Formats {
		if f.Name == name {
			return true
		}
	}
	return false
}

// checkFormat returns what is wrong with value in format, or "". name is the field's label;
// record gives the VAT check the account's country.
func checkFormat(format, name, value string, record map[string]any) string {
	value = strings.TrimSpace(value)
	switch format {
	case FormatEmail:
		if CheckEmail(value) != "" {
			return fmt.Sprintf("%s %s is not an email address such as name@example.com", name, value)
		}
	case FormatGTIN:
		return checkGTIN(name, value)
	case FormatVAT:
		country, _ := record["country"].(string)
		return checkVAT(name, value, country)
	case FormatHSCode:
		return checkHSCode(name, value)
	case FormatPhoneE164:
		if !e164.MatchString(value) {
			return fmt.Sprintf("%s %s is not in international format (+, country code and number without spaces, such as +493012345678)", name, value)
		}
	case FormatURL:
		u, err := url.Parse(value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Sprintf("%s %s is not a full web address such as https://www.example.com", name, value)
		}
	default:
		return fmt.Sprintf("%s cannot be checked: Steward knows no format called %q", name, format)
	}
	return ""
}

// E.164: at most 15 digits, and no country code starts with 0.
var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

// checkGTIN accepts the GS1 lengths and verifies the check digit, which catches every
// single mistyped digit and most swapped neighbours.
func checkGTIN(name, value string) string {
	if !allDigits(value) {
		return fmt.Sprintf("%s %s must contain digits only", name, value)
	}
	switch len(value) {
	case 8, 12, 13, 14:
	default:
		return fmt.Sprintf("%s %s has %d digits; a GTIN has 8, 12, 13 or 14", name, value, len(value))
	}
	want := match.GS1CheckDigit(value[:len(value)-1])
	if got := value[len(value)-1]; got != want {
		return fmt.Sprintf("%s %s has a wrong check digit (expected %c)", name, value, want)
	}
	return ""
}

// Customs paperwork writes HS codes with dots and spaces: "8471.30 00".
var hsSeparators = strings.NewReplacer(".", "", " ", "")

func checkHSCode(name, value string) string {
	digits := hsSeparators.Replace(value)
	if !allDigits(digits) {
		return fmt.Sprintf("%s %s must contain digits only", name, value)
	}
	if n := len(digits); n < 6 || n > 10 {
		return fmt.Sprintf("%s %s has %d digits; use 6 to 10 digits", name, value, n)
	}
	return ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// number reads a numeric value of a record.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case int32:
		return float64(v), true
	case models.Money:
		return units(v), true
	case *float64:
		if v != nil {
			return *v, true
		}
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil
	}
	return 0, false
}

// formatNumber shows money with its usual decimals (12.50) and other numbers as short as
// they are (30, 0.25).
func formatNumber(f float64, t FieldType) string {
	if t == Amount && math.Abs(f) < 1e14 {
		return models.Money(math.Round(f * models.MoneyScale)).String()
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
