package models

import "testing"

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in      string
		want    Money
		wantErr bool
	}{
		{"12", 120000, false},
		{"12.5", 125000, false},
		{"0.0125", 125, false},
		{"-3.10", -31000, false},
		{"+1", 10000, false},
		{"1,234.50", 12345000, false},
		{".5", 5000, false},
		{"5.", 50000, false},
		{"", 0, true},
		{"abc", 0, true},
		{"1.23456", 0, true},
		{"1e3", 0, true},
		{"1.2.3", 0, true},
		{"-", 0, true},
		{"99999999999999999999", 0, true},
		{"922337203685477.5807", 9223372036854775807, false},
		{"922337203685477.5808", 0, true}, // the fraction would overflow
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseMoney(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseMoney(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		m          Money
		str, forma string
	}{
		{0, "0.00", "EUR 0.00"},
		{125, "0.0125", "EUR 0.0125"},
		{125000, "12.50", "EUR 12.50"},
		{-31000, "-3.10", "EUR -3.10"},
		{12345678900, "1234567.89", "EUR 1,234,567.89"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.str {
			t.Errorf("Money(%d).String() = %q, want %q", tt.m, got, tt.str)
		}
		if got := tt.m.Format("EUR"); got != tt.forma {
			t.Errorf("Money(%d).Format = %q, want %q", tt.m, got, tt.forma)
		}
		back, err := ParseMoney(tt.m.String())
		if err != nil || back != tt.m {
			t.Errorf("round trip of %d gave %d, %v", tt.m, back, err)
		}
	}
}

func TestFoldText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Müller  GmbH", "muller gmbh"},
		{"ÉCOLE Ça Va", "ecole ca va"},
		{"  a\tb\n", "a b"},
	}
	for _, tt := range tests {
		if got := foldText(tt.in); got != tt.want {
			t.Errorf("foldText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := likePattern(`50%_off\`); got != `%50\%\_off\\%` {
		t.Errorf("likePattern escaped badly: %q", got)
	}
}
