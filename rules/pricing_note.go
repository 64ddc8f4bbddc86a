package rules

// CheckApprovalNote refuses an approval's note that is too long to read in the history;
// the note itself is optional.
func CheckApprovalNote(note string) error {
	if len(note) > 500 {
		return InvalidFields(map[string]string{"note": "Keep the note under 500 characters."})
	}
	return nil
}
