package rules

// Tally counts how many records fail a set of gates while the records are checked batch by
// batch, and keeps the first few failing records as examples. It is how an admin sees what
// a gate would do before saving it.
type Tally struct {
	Checked  int
	Failed   int
	Examples []TallyExample
	keep     int
}

// TallyExample is a failing record: its id, how a person recognises it, and why it fails.
type TallyExample struct {
	ID       int64
	Label    string
	Failures []Failure
}

// NewTally keeps up to keep examples.
func NewTally(keep int) *Tally { return &Tally{keep: keep} }

// Add counts one checked record with its failures (none when it passes).
func (t *Tally) Add(id int64, label string, failures []Failure) {
	t.Checked++
	if len(failures) == 0 {
		return
	}
	t.Failed++
	if len(t.Examples) < t.keep {
		t.Examples = append(t.Examples, TallyExample{ID: id, Label: label, Failures: failures})
	}
}
