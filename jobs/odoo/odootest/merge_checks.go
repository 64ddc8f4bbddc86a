package odootest

import (
	"strings"
)

// partnerUsers is res.partner's user_ids: the active users whose partner this is (a
// one2many reads active records only).
func partnerUsers(s *store, r *row) any {
	um := s.models["res.users"]
	act := um.col("active")
	ids := []int64{}
	for _, u := range s.children("res.users", "partner_id", r.id) {
		if a, _ := u.vals[act].(bool); a {
			ids = append(ids, u.id)
		}
	}
	return ids
}

// checkPartnerWrite is what res.partner checks on write, as Odoo 16–19 do: the parent_id
// constraint (_check_parent_id) and the refusal to archive a contact an active user logs in
// as. The write is undone when either fails.
func (s *store) checkPartnerWrite(m *model, rows []*row, vals map[string]any) *odooError {
	if s.trusted || m.name != "res.partner" {
		return nil
	}
	if _, ok := vals["parent_id"]; ok {
		pc := m.col("parent_id")
		for _, r := range rows {
			seen := map[int64]bool{r.id: true}
			for p, _ := r.vals[pc].(int64); p != 0; {
				if seen[p] {
					return errValidation("You cannot create recursive Partner hierarchies.")
				}
				seen[p] = true
				parent := m.byID[p]
				if parent == nil {
					break
				}
				p, _ = parent.vals[pc].(int64)
			}
		}
	}
	if active, ok := vals["active"].(bool); ok && !active {
		um := s.models["res.users"]
		var names []string
		for _, r := range rows {
			for _, id := range partnerUsers(s, r).([]int64) {
				names = append(names, s.displayName(um, um.byID[id]))
			}
		}
		if len(names) > 0 {
			return errValidation("You cannot archive contacts linked to an active user.\n" +
				"Ask an administrator to archive their associated user first.\n\n" +
				"Linked active users :\n" + strings.Join(names, ", "))
		}
	}
	return nil
}
