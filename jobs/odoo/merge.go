package odoo

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Blocker is something in Odoo that would stop a merge of two partners, in words a data
// steward can act on.
type Blocker struct {
	PartnerID int64
	Code      string // same, missing, archived, user, company, commercial, recursion
	Reason    string
}

// BlockedError is a merge refused before anything was written, with every blocker.
type BlockedError struct{ Blockers []Blocker }

func (e *BlockedError) Error() string {
	parts := make([]string, len(e.Blockers))
	for i, b := range e.Blockers {
		parts[i] = b.Reason
	}
	return "Odoo would refuse this merge: " + strings.Join(parts, " ")
}

// mergeFields are what the pre-check reads of both partners.
var mergeFields = []string{"name", "display_name", "active", "parent_id", "company_id", "commercial_partner_id", "user_ids", "comment"}

// partnerFacts is a partner as the merge sees it.
type partnerFacts struct {
	id, parent, company, commercial int64
	name, companyName               string
	commercialName, comment         string
	active                          bool
	users                           []int64
}

func factsOf(r Record) partnerFacts {
	f := partnerFacts{id: r.ID(), name: r.String("display_name"), active: r.Bool("active"), comment: r.String("comment")}
	if f.name == "" {
		f.name = r.String("name")
	}
	f.parent, _ = r.Many2One("parent_id")
	f.company, f.companyName = r.Many2One("company_id")
	f.commercial, f.commercialName = r.Many2One("commercial_partner_id")
	f.users = r.IDs("user_ids")
	return f
}

func (f partnerFacts) label() string { return fmt.Sprintf("%q (partner %d)", f.name, f.id) }

// PrecheckMerge lists, without writing anything, what would make Odoo refuse to merge the
// duplicate partner into the survivor: a partner gone or archived, a duplicate that is an
// active user's login, partners of different companies or commercial entities, or a
// survivor below the duplicate (re-parenting would make it its own parent). Odoo's own
// merge wizard (base.partner.merge.automatic.wizard) refuses the same cases; unlike it,
// Steward archives the duplicate instead of deleting it, so an unmerge can bring it back.
func (c *Client) PrecheckMerge(ctx context.Context, survivorID, duplicateID int64) ([]Blocker, error) {
	if survivorID == duplicateID {
		return []Blocker{{survivorID, "same", fmt.Sprintf("Partner %d cannot be merged into itself.", survivorID)}}, nil
	}
	recs, err := c.Read(ctx, "res.partner", []int64{survivorID, duplicateID}, mergeFields)
	if err != nil {
		return nil, fmt.Errorf("read partners %d and %d: %w", survivorID, duplicateID, err)
	}
	byID := map[int64]partnerFacts{}
	for _, r := range recs {
		byID[r.ID()] = factsOf(r)
	}
	var out []Blocker
	for _, side := range []struct {
		id   int64
		role string
	}{{survivorID, "survivor"}, {duplicateID, "duplicate"}} {
		f, ok := byID[side.id]
		switch {
		case !ok:
			out = append(out, Blocker{side.id, "missing", fmt.Sprintf("The %s, partner %d, no longer exists in Odoo: it was deleted there.", side.role, side.id)})
		case !f.active:
			out = append(out, Blocker{side.id, "archived", fmt.Sprintf("The %s %s is archived in Odoo; restore it there first.", side.role, f.label())})
		}
	}
	surv, okS := byID[survivorID]
	dup, okD := byID[duplicateID]
	if !okS || !okD {
		return out, nil
	}
	if len(dup.users) > 0 {
		names, err := c.userNames(ctx, dup.users)
		if err != nil {
			return nil, err
		}
		out = append(out, Blocker{duplicateID, "user", fmt.Sprintf("The duplicate %s is the login of Odoo user %s; Odoo will not archive it until that user is archived.", dup.label(), names)})
	}
	if surv.company != 0 && dup.company != 0 && surv.company != dup.company {
		out = append(out, Blocker{duplicateID, "company", fmt.Sprintf("%s belongs to company %s and %s to company %s in Odoo.", surv.label(), surv.companyName, dup.label(), dup.companyName)})
	}
	// A contact below a company belongs to that company's commercial entity; two top-level
	// companies are each their own, and merging them is the point.
	if (surv.commercial != surv.id || dup.commercial != dup.id) && surv.commercial != dup.commercial {
		out = append(out, Blocker{duplicateID, "commercial", fmt.Sprintf("%s is part of %s and %s of %s: contacts of different commercial entities are not merged.", surv.label(), surv.commercialName, dup.label(), dup.commercialName)})
	}
	below, err := c.isBelow(ctx, surv, duplicateID)
	if err != nil {
		return nil, err
	}
	if below {
		out = append(out, Blocker{survivorID, "recursion", fmt.Sprintf("The survivor %s sits below the duplicate %s in Odoo; moving the duplicate's contacts to it would make it its own parent. Choose the other one as survivor.", surv.label(), dup.label())})
	}
	return out, nil
}

func (c *Client) userNames(ctx context.Context, ids []int64) (string, error) {
	users, err := c.Read(ctx, "res.users", ids, []string{"name", "login"})
	if err != nil {
		return "", fmt.Errorf("read users %v: %w", ids, err)
	}
	names := make([]string, 0, len(users))
	for _, u := range users {
		names = append(names, fmt.Sprintf("%s (%s)", u.String("name"), u.String("login")))
	}
	return strings.Join(names, ", "), nil
}

// isBelow says whether the partner f sits anywhere below ancestor in Odoo's hierarchy.
func (c *Client) isBelow(ctx context.Context, f partnerFacts, ancestor int64) (bool, error) {
	seen := map[int64]bool{f.id: true}
	for p := f.parent; p != 0 && !seen[p]; {
		if p == ancestor {
			return true, nil
		}
		seen[p] = true
		recs, err := c.Read(ctx, "res.partner", []int64{p}, []string{"parent_id"})
		if err != nil {
			return false, fmt.Errorf("read partner %d: %w", p, err)
		}
		if len(recs) == 0 {
			return false, nil
		}
		p, _ = recs[0].Many2One("parent_id")
	}
	return false, nil
}

// MergeResult is what a merge wrote in Odoo.
type MergeResult struct {
	Reparented []int64 // the duplicate's contacts and addresses, now below the survivor
	Archived   bool
}

// MergePartners merges the duplicate partner into the survivor in Odoo: the duplicate's
// contacts and addresses (archived ones too) move below the survivor, and the duplicate is
// archived with a note naming the survivor. It checks first and writes nothing when Odoo
// would refuse (a *BlockedError). Each step can be repeated: a merge that failed half way
// finishes when it runs again, and the error says what was done.
func (c *Client) MergePartners(ctx context.Context, survivorID, duplicateID int64, note string) (MergeResult, error) {
	var res MergeResult
	blockers, err := c.PrecheckMerge(ctx, survivorID, duplicateID)
	if err != nil {
		return res, err
	}
	// A duplicate this merge archived already (an earlier attempt that failed later) is
	// not a blocker: the merge finishes what is left.
	done, err := c.archivedWith(ctx, duplicateID, note)
	if err != nil {
		return res, err
	}
	kept := blockers[:0]
	for _, b := range blockers {
		if !(done && b.Code == "archived" && b.PartnerID == duplicateID) {
			kept = append(kept, b)
		}
	}
	if blockers = kept; len(blockers) > 0 {
		return res, &BlockedError{Blockers: blockers}
	}
	kids, err := c.Search(ctx, "res.partner", []any{[]any{"parent_id", "=", duplicateID}}, Page{Order: "id"}, map[string]any{"active_test": false})
	if err != nil {
		return res, fmt.Errorf("find the contacts of partner %d: nothing was changed in Odoo: %w", duplicateID, err)
	}
	if len(kids) > 0 {
		if err := c.Write(ctx, "res.partner", kids, map[string]any{"parent_id": survivorID}); err != nil {
			return res, fmt.Errorf("move %d contacts and addresses of partner %d to partner %d: nothing was changed in Odoo: %w", len(kids), duplicateID, survivorID, err)
		}
		res.Reparented = kids
	}
	if done {
		res.Archived = true
		return res, nil
	}
	recs, err := c.Read(ctx, "res.partner", []int64{duplicateID}, []string{"comment"})
	if err == nil && len(recs) == 0 {
		err = errors.New("the partner is gone")
	}
	if err == nil {
		comment := recs[0].String("comment")
		if !strings.Contains(comment, note) {
			comment = strings.TrimSpace(comment + "\n" + note)
		}
		err = c.Write(ctx, "res.partner", []int64{duplicateID}, map[string]any{"active": false, "comment": comment})
	}
	if err != nil {
		return res, fmt.Errorf("moved %d contacts and addresses of partner %d to partner %d, but could not archive partner %d: %w; running the merge again finishes it",
			len(kids), duplicateID, survivorID, duplicateID, err)
	}
	res.Archived = true
	return res, nil
}

// archivedWith says whether the partner is archived with the merge's note, as a merge that
// got that far leaves it.
func (c *Client) archivedWith(ctx context.Context, id int64, note string) (bool, error) {
	recs, err := c.Read(ctx, "res.partner", []int64{id}, []string{"active", "comment"})
	if err != nil {
		return false, fmt.Errorf("read partner %d: %w", id, err)
	}
	return len(recs) == 1 && !recs[0].Bool("active") && note != "" && strings.Contains(recs[0].String("comment"), note), nil
}
