package rules

import (
	"strings"
	"testing"
)

// formatCase is a value and what its check should say: "" to pass, or part of the message.
type formatCase struct {
	value, country, want string
}

func runFormat(t *testing.T, format, name string, cases []formatCase) {
	t.Helper()
	for _, c := range cases {
		got := checkFormat(format, name, c.value, map[string]any{"country": c.country})
		switch {
		case c.want == "" && got != "":
			t.Errorf("%s %q (country %q) failed: %s", format, c.value, c.country, got)
		case c.want != "" && !strings.Contains(got, c.want):
			t.Errorf("%s %q (country %q) = %q, want it to say %q", format, c.value, c.country, got, c.want)
		}
	}
}

func TestGTIN(t *testing.T) {
	runFormat(t, FormatGTIN, "Barcode", []formatCase{
		{"4006381333931", "", ""},  // EAN-13 (GTIN-13)
		{"5901234123457", "", ""},  // GS1's own EAN-13 example
		{"9780306406157", "", ""},  // ISBN-13 is a GTIN-13
		{"036000291452", "", ""},   // UPC-A (GTIN-12)
		{"96385074", "", ""},       // EAN-8 (GTIN-8)
		{"10012345678902", "", ""}, // GTIN-14 of a case
		{"00012345600012", "", ""}, // GTIN-14 with leading zeros
		{"4006381333932", "", "Barcode 4006381333932 has a wrong check digit (expected 1)"},
		{"4006381339331", "", "wrong check digit (expected 9)"}, // 3 and 9 swapped
		{"036000291453", "", "wrong check digit (expected 2)"},
		{"96385075", "", "wrong check digit (expected 4)"},
		{"10012345678901", "", "wrong check digit (expected 2)"},
		{"400638133393", "", "wrong check digit (expected 0)"}, // an EAN cut short reads as a UPC-A
		{"40063813339", "", "has 11 digits; a GTIN has 8, 12, 13 or 14"},
		{"400638133393100", "", "has 15 digits"},
		{"4006-3813-3393", "", "must contain digits only"},
		{"ABC", "", "must contain digits only"},
	})
}

func TestVAT(t *testing.T) {
	runFormat(t, FormatVAT, "VAT id", []formatCase{
		{"DE811907980", "DE", ""},
		{"DE 811 907 980", "", ""},
		{"ATU13585627", "", ""},
		{"BE0403170701", "", ""},
		{"BG175074752", "", ""},
		{"CY10259033P", "", ""},
		{"CZ699001182", "", ""},
		{"DK13585628", "", ""},
		{"EE100247019", "", ""},
		{"EL094014201", "GR", ""},
		{"ESA28015865", "", ""},
		{"ESB12345674", "", ""},
		{"FI20774740", "", ""},
		{"FR40303265045", "", ""},
		{"FRK7399859412", "", ""},
		{"HR33392005961", "", ""},
		{"HU12892312", "", ""},
		{"IE6388047V", "", ""},
		{"IE3668997OH", "", ""},
		{"IT00743110157", "", ""},
		{"LT119511515", "", ""},
		{"LU15027442", "", ""},
		{"LV40003521600", "", ""},
		{"MT11679112", "", ""},
		{"NL810433941B01", "", ""},
		{"PL5260001246", "", ""},
		{"PT501964843", "", ""},
		{"RO1630615", "", ""},
		{"SE556703748501", "", ""},
		{"SI50223054", "", ""},
		{"SK2020317068", "", ""},
		{"XI123456789", "", ""},
		{"GB123456789", "", ""},
		{"GB123456789012", "", ""},
		{"GBGD001", "", ""},
		{"CHE-116.281.710 MWST", "CH", ""},
		{"CHE116281710", "", ""},
		{"NO923609016MVA", "", ""},
		{"NO 923 609 016", "", ""},
		{"12-3456789", "US", ""},

		{"DE12345", "DE", "VAT id DE12345 does not look like a German VAT id (DE + 9 digits)"},
		{"DE8119079801", "", "a German VAT id"},
		{"811907980", "DE", "does not look like a German VAT id (DE + 9 digits)"}, // prefix missing
		{"AT13585627", "", "an Austrian VAT id (ATU + 8 digits)"},
		{"BE2403170701", "", "a Belgian VAT id"},
		{"FRI7399859412", "", "a French VAT id"}, // I and O are not used
		{"NL810433941", "", "a Dutch VAT id (NL + 9 digits, B and 2 digits)"},
		{"SE5567037485", "", "a Swedish VAT id"},
		{"GR094014201", "GR", "Greek VAT ids start with EL, not GR"},
		{"GB12345678", "", "a British VAT id"},
		{"CHE-116.281", "CH", "a Swiss VAT id"},
		{"NO92360901", "", "a Norwegian VAT id"},
		{"12-345678", "US", "does not look like a US employer identification number (EIN) (2 digits, a dash and 7 digits, such as 12-3456789)"},
		{"123456789", "", "does not start with a country code Steward knows"},
		{"ZZ123456789", "ZZ", "does not start with a country code Steward knows"},
	})
}

func TestOtherFormats(t *testing.T) {
	runFormat(t, FormatEmail, "Email", []formatCase{
		{"einkauf@keller.example", "", ""},
		{"first.last+tag@sub.example.co.uk", "", ""},
		{"einkauf@keller", "", "Email einkauf@keller is not an email address such as name@example.com"},
		{"Keller <einkauf@keller.example>", "", "is not an email address"},
	})
	runFormat(t, FormatHSCode, "HS code", []formatCase{
		{"847130", "", ""},
		{"8471.30.00", "", ""},
		{"9017300000", "", ""},
		{"84713", "", "HS code 84713 has 5 digits; use 6 to 10 digits"},
		{"90173000001", "", "has 11 digits"},
		{"8471.3A", "", "must contain digits only"},
	})
	runFormat(t, FormatPhoneE164, "Phone", []formatCase{
		{"+493012345678", "", ""},
		{"+14155552671", "", ""},
		{"+49 30 12345678", "", "is not in international format"},
		{"030 12345678", "", "Phone 030 12345678 is not in international format"},
		{"+0123456", "", "is not in international format"},
		{"+1234567890123456", "", "is not in international format"}, // 16 digits
	})
	runFormat(t, FormatURL, "Website", []formatCase{
		{"https://www.keller.example", "", ""},
		{"http://keller.example/shop?x=1", "", ""},
		{"www.keller.example", "", "Website www.keller.example is not a full web address"},
		{"ftp://keller.example", "", "is not a full web address"},
		{"https://", "", "is not a full web address"},
	})
	if got := checkFormat("colour", "Name", "red", nil); !strings.Contains(got, `no format called "colour"`) {
		t.Errorf("unknown format: %q", got)
	}
}
