package handlers

import (
	"github.com/gofiber/fiber/v2"

	"steward/rules"
)

// publicationRoutes are the routes of /publications and its admin settings.
func (s *server) publicationRoutes() []route {
	get, post := fiber.MethodGet, fiber.MethodPost
	read, write := perm("publications", rules.Read), perm("publications", rules.Write)
	return []route{
		{get, "/publications", guarded, read, s.publicationList},
		{get, "/publications/group", guarded, read, s.publicationGroup},
		{get, "/publications/record", guarded, read, s.publicationRecord},
		// Before /publications/:id, which would otherwise take "groups" for an id.
		{post, "/publications/groups/retry", guarded, write, s.publicationGroupRetry},
		{post, "/publications/channels/:id/pause", guarded, write, s.publicationPause},
		{post, "/publications/channels/:id/resume", guarded, write, s.publicationResume},
		{post, "/publications/channels/:id/rate", guarded, perm("admin.channels", rules.Write), s.publicationRate},
		{get, "/publications/:id/diff", guarded, read, s.publicationDiff},
		{post, "/publications/:id/retry", guarded, write, s.publicationRetry},
		{post, "/publications/:id/replay", guarded, write, s.publicationReplay},
		{post, "/publications/:id/skip", guarded, write, s.publicationSkip},

		{get, "/admin/channels/:id/mapping", guarded, perm("admin.channels", rules.Read), s.mappingEdit},
		{post, "/admin/channels/:id/mapping", guarded, perm("admin.channels", rules.Write), s.mappingSave},
		{post, "/admin/channels/:id/mapping/preview", guarded, perm("admin.channels", rules.Read), s.mappingPreview},
	}
}
