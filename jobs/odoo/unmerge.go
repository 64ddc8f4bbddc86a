package odoo

import (
	"context"
	"fmt"
	"strings"
)

// PrecheckUnmerge lists, without writing anything, what stops Odoo from taking back a
// merge Steward wrote there: the archived duplicate deleted since (it cannot be brought
// back), or one of the contacts the merge moved put below a third partner since (moving it
// back would undo someone's later work in Odoo). Contacts deleted since are not blockers:
// there is nothing left to move.
func (c *Client) PrecheckUnmerge(ctx context.Context, survivorID, duplicateID int64, moved []int64) ([]Blocker, error) {
	ids := append([]int64{duplicateID}, moved...)
	recs, err := c.Read(ctx, "res.partner", ids, []string{"display_name", "name", "parent_id"})
	if err != nil {
		return nil, fmt.Errorf("read partner %d and the contacts the merge moved: %w", duplicateID, err)
	}
	byID := map[int64]Record{}
	for _, r := range recs {
		byID[r.ID()] = r
	}
	var out []Blocker
	if _, ok := byID[duplicateID]; !ok {
		out = append(out, Blocker{duplicateID, "missing", fmt.Sprintf("The merged partner %d no longer exists in Odoo: it was deleted there, so Steward cannot bring it back. Create it again in Odoo and link it to the record, or leave it.", duplicateID)})
	}
	for _, id := range moved {
		r, ok := byID[id]
		if !ok {
			continue
		}
		parent, parentName := r.Many2One("parent_id")
		if parent != survivorID && parent != duplicateID {
			f := factsOf(r)
			where := "to the top level"
			if parent != 0 {
				where = fmt.Sprintf("below %q (partner %d)", parentName, parent)
			}
			out = append(out, Blocker{id, "moved", fmt.Sprintf("%s was moved %s in Odoo after the merge; move it back below partner %d by hand, or leave it and run the unmerge again.", f.label(), where, survivorID)})
		}
	}
	return out, nil
}

// UnmergeResult is what an unmerge wrote in Odoo.
type UnmergeResult struct {
	Restored []int64 // contacts and addresses moved back below the duplicate
	Gone     []int64 // contacts the merge moved that were deleted in Odoo since
	Active   bool    // the duplicate partner is active again
}

// UnmergePartners takes back MergePartners: the duplicate partner is restored (active,
// without the merge's note) and the contacts and addresses the merge moved (moved, as
// recorded then) go back below it. It checks first and writes nothing when something is
// in the way (a *BlockedError). Each step can be repeated, like the merge's.
func (c *Client) UnmergePartners(ctx context.Context, survivorID, duplicateID int64, moved []int64, note string) (UnmergeResult, error) {
	var res UnmergeResult
	blockers, err := c.PrecheckUnmerge(ctx, survivorID, duplicateID, moved)
	if err != nil {
		return res, err
	}
	if len(blockers) > 0 {
		return res, &BlockedError{Blockers: blockers}
	}
	recs, err := c.Read(ctx, "res.partner", []int64{duplicateID}, []string{"active", "comment"})
	if err != nil || len(recs) != 1 {
		return res, fmt.Errorf("read partner %d: nothing was changed in Odoo: %w", duplicateID, errOr(err, "the partner is gone"))
	}
	vals := map[string]any{}
	if !recs[0].Bool("active") {
		vals["active"] = true
	}
	if comment := recs[0].String("comment"); note != "" && strings.Contains(comment, note) {
		vals["comment"] = withoutNote(comment, note)
	}
	if len(vals) > 0 {
		if err := c.Write(ctx, "res.partner", []int64{duplicateID}, vals); err != nil {
			return res, fmt.Errorf("restore partner %d: nothing was changed in Odoo: %w", duplicateID, err)
		}
	}
	res.Active = true
	if len(moved) == 0 {
		return res, nil
	}
	// Only those still below the survivor move: the pre-check saw the others below the
	// duplicate already (an earlier attempt) or gone.
	back, err := c.Search(ctx, "res.partner", []any{[]any{"id", "in", moved}, []any{"parent_id", "=", survivorID}}, Page{Order: "id"}, map[string]any{"active_test": false})
	if err == nil && len(back) > 0 {
		err = c.Write(ctx, "res.partner", back, map[string]any{"parent_id": duplicateID})
	}
	if err != nil {
		return res, fmt.Errorf("restored partner %d, but could not move its %d contacts and addresses back from partner %d: %w; running the unmerge again finishes it",
			duplicateID, len(moved), survivorID, err)
	}
	found, err := c.Search(ctx, "res.partner", []any{[]any{"id", "in", moved}}, Page{Order: "id"}, map[string]any{"active_test": false})
	if err != nil {
		return res, fmt.Errorf("restored partner %d and moved its contacts back, but could not check them: %w", duplicateID, err)
	}
	res.Restored = back
	for _, id := range moved {
		if !contains(found, id) {
			res.Gone = append(res.Gone, id)
		}
	}
	return res, nil
}

// withoutNote is a comment with a note Steward added taken out again, with the line
// break (or, in Odoo's HTML comments, the empty paragraph) it came with.
func withoutNote(comment, note string) string {
	out := strings.Replace(comment, "\n"+note, "", 1)
	out = strings.Replace(out, note, "", 1)
	out = strings.ReplaceAll(out, "<p></p>", "")
	return strings.TrimSpace(out)
}

func errOr(err error, msg string) error {
	if err != nil {
		return err
	}
	return fmt.Errorf("%s", msg)
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
