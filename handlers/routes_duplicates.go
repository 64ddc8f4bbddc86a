package handlers

import (
	"github.com/gofiber/fiber/v2"

	"steward/rules"
)

// duplicateRoutes are the routes of /duplicates, merges and survivorship settings.
func (s *server) duplicateRoutes() []route {
	get, post := fiber.MethodGet, fiber.MethodPost
	read, write := perm("duplicates", rules.Read), perm("duplicates", rules.Write)
	return []route{
		{get, "/duplicates", guarded, read, s.duplicatesList},
		// Before /duplicates/:id, whose id would otherwise be "dismiss".
		{post, "/duplicates/dismiss/confirm", guarded, write, s.duplicatesDismissConfirm},
		{post, "/duplicates/dismiss", guarded, write, s.duplicatesDismissBulk},
		{get, "/duplicates/:id", guarded, read, s.duplicateShow},
		{get, "/duplicates/:id/preview", guarded, write, s.duplicatePreview},
		{post, "/duplicates/:id/preview", guarded, write, s.duplicatePreview},
		{post, "/duplicates/:id/merge", guarded, write, s.duplicateMerge},
		{post, "/duplicates/:id/dismiss", guarded, write, s.duplicateDismiss},
		{get, "/merges", guarded, read, s.mergesList},
		{get, "/merges/:id", guarded, read, s.mergeShow},
		{post, "/merges/:id/unmerge", guarded, write, s.mergeUnmerge},
		// Matching settings (part of the duplicates work built beside this file: admin_matching.go).
		{get, "/admin/matching", guarded, perm("admin.rules", rules.Read), s.matchingShow},
		{post, "/admin/matching", guarded, perm("admin.rules", rules.Write), s.matchingSave},
		{post, "/admin/matching/preview", guarded, perm("admin.rules", rules.Read), s.matchingPreviewPost},
		{post, "/admin/matching/scan", guarded, perm("admin.rules", rules.Write), s.matchingScan},
		{get, "/admin/survivorship", guarded, perm("admin.rules", rules.Read), s.survivorshipShow},
		{post, "/admin/survivorship", guarded, perm("admin.rules", rules.Write), s.survivorshipSave},
	}
}
