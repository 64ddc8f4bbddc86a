package handlers

import (
	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/rules"
	"steward/web"
)

func (s *server) dashboard(c *fiber.Ctx) error {
	v := web.DashboardView{Now: s.Now()}
	var err error
	if v.Inbox, err = models.SummarizeInbox(s.DB, rules.StartOfDay(v.Now)); err != nil {
		return err
	}
	for _, q := range models.Queues {
		// The inbox's card comes from the summary by reason: one count of 100k items, not two.
		if q.Key == "inbox" {
			v.Queues = append(v.Queues, v.Inbox.Queue(q))
			continue
		}
		sum, err := models.SummarizeQueue(s.DB, q)
		if err != nil {
			return err
		}
		v.Queues = append(v.Queues, sum)
	}
	if v.Totals, err = models.CountTotals(s.DB); err != nil {
		return err
	}
	if v.Recent, err = models.ListAudit(s.DB, models.AuditFilter{Limit: 10}); err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.Dashboard(s.shell(c, "Dashboard", "dashboard"), v))
}

// queueHints tell an empty queue's reader where its items come from.
var queueHints = map[string]string{
	"duplicates":   "Customers and products that look like the same thing wait here for a steward to merge or dismiss.",
	"pricing":      "Price changes wait here until a second person approves them.",
	"publications": "Records a channel refused after every retry wait here to be fixed and sent again.",
}

func (s *server) queue(key string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		q, _ := models.QueueByKey(key)
		sum, err := models.SummarizeQueue(s.DB, q)
		if err != nil {
			return err
		}
		items, err := models.QueueItems(s.DB, q, int64(c.QueryInt("after")), models.PageSize)
		if err != nil {
			return err
		}
		v := web.QueueView{Queue: sum, Items: items, Now: s.Now(), Hint: queueHints[key]}
		return render(c, fiber.StatusOK, web.QueuePage(s.shell(c, q.Label, key), v))
	}
}
