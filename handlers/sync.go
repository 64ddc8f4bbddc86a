package handlers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/jobs"
	"steward/models"
	"steward/rules"
	"steward/web"
)

// Queue is the part of the background runner that handlers use: enqueueing only.
type Queue interface {
	EnqueuePull(ctx context.Context, tx *gorm.DB, channelID int64, object, startedBy string) (int64, error)
	EnqueueImport(ctx context.Context, tx *gorm.DB, up *models.Upload) (int64, error)
	EnqueueBulk(ctx context.Context, tx *gorm.DB, run *models.BulkRun, f models.InboxFilter) (int64, error)
	EnqueueScan(ctx context.Context, tx *gorm.DB, domain, startedBy string) (int64, error)
	ReloadSchedules() error
	// EnqueueReconcile queues a reconciliation run of a channel's object (drift page).
	EnqueueReconcile(ctx context.Context, tx *gorm.DB, channelID int64, object, startedBy string) (int64, error)
}

// maxUpload bounds an uploaded CSV file.
const maxUpload = 64 << 20

func (s *server) syncView(c *fiber.Ctx, form web.ImportForm) (web.SyncView, error) {
	v := web.SyncView{Objects: models.SyncObjects, Form: form, Now: s.Now()}
	var err error
	if v.Runs, err = models.ListRuns(s.DB, models.RunFilter{ChannelID: int64(c.QueryInt("channel")), Limit: models.PageSize}); err != nil {
		return v, err
	}
	v.Channels, err = models.ListChannels(s.DB)
	return v, err
}

func (s *server) syncList(c *fiber.Ctx) error {
	v, err := s.syncView(c, web.ImportForm{Object: models.SyncProducts})
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return render(c, fiber.StatusOK, web.SyncRuns(v))
	}
	return render(c, fiber.StatusOK, web.SyncPage(s.shell(c, "Sync", "sync"), v))
}

func (s *server) syncRunShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	run, err := models.RunViewByID(s.DB, id)
	if err != nil {
		return err
	}
	v := web.RunView{Run: run, Now: s.Now()}
	if err := s.DB.Where("sync_run_id = ? AND status IN ?", id, []string{models.IncomingHeld, models.IncomingProposed, models.IncomingFailed, models.IncomingRejected}).
		Order("id").Limit(200).Find(&v.Records).Error; err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.RunPage(s.shell(c, fmt.Sprintf("Run #%d", id), "sync"), v))
}

// syncRun queues a pull of one object from one channel.
func (s *server) syncRun(c *fiber.Ctx) error {
	chID, _ := strconv.ParseInt(c.FormValue("channel_id"), 10, 64)
	object := c.FormValue("object")
	ch, err := models.ChannelByID(s.DB, chID)
	if err != nil {
		return rules.Errorf(rules.Invalid, "Choose a channel to pull from.")
	}
	if !isSyncObject(object) {
		return rules.Errorf(rules.Invalid, "Choose what to pull: %s.", strings.Join(models.SyncObjects, ", "))
	}
	if !ch.Active {
		return rules.Errorf(rules.Conflict, "%s is switched off; switch it on under Admin → Channels first.", ch.Name)
	}
	var runID int64
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		if runID, err = s.Queue.EnqueuePull(c.UserContext(), tx, ch.ID, object, s.actor(c).Name); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "sync.run", ObjectType: models.ObjectChannel, ObjectID: ch.ID, Reason: "pull " + object + " now"})
	})
	if errors.Is(err, jobs.ErrAlreadyQueued) {
		return rules.Errorf(rules.Conflict, "A pull of %s from %s is already queued or running; its progress is on the Sync page.", object, ch.Name)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/sync/runs/%d", runID), fiber.StatusSeeOther)
}

func isSyncObject(o string) bool {
	for _, x := range models.SyncObjects {
		if x == o {
			return true
		}
	}
	return false
}

// syncImport takes an uploaded CSV file and queues its import.
func (s *server) syncImport(c *fiber.Ctx) error {
	form := web.ImportForm{Source: strings.TrimSpace(c.FormValue("source")), Object: c.FormValue("object"), Errors: map[string]string{}}
	if form.Source == "" {
		form.Errors["source"] = "Name the source, such as “Supplier price file”."
	} else if len(form.Source) > 100 {
		form.Errors["source"] = "Use at most 100 characters."
	}
	if form.Object != models.SyncProducts && form.Object != models.SyncCustomers {
		form.Errors["object"] = "Choose products or customers."
	}
	var content []byte
	var filename string
	fh, err := c.FormFile("file")
	switch {
	case err != nil:
		form.Errors["file"] = "Choose a CSV file."
	case fh.Size > maxUpload:
		form.Errors["file"] = fmt.Sprintf("The file is larger than %d MB; import it with steward import on the command line.", maxUpload>>20)
	default:
		f, err := fh.Open()
		if err != nil {
			return err
		}
		content, err = io.ReadAll(io.LimitReader(f, maxUpload+1))
		f.Close()
		if err != nil {
			return err
		}
		filename = fh.Filename
		if len(content) == 0 {
			form.Errors["file"] = "The file is empty."
		}
	}
	if ch, err := models.ChannelByName(s.DB, form.Source); err == nil && ch.Kind != models.ChannelCSV {
		form.Errors["source"] = fmt.Sprintf("%s is a %s channel, not a file source; choose another name.", ch.Name, ch.Kind)
	}
	if len(form.Errors) > 0 {
		v, err := s.syncView(c, form)
		if err != nil {
			return err
		}
		return render(c, fiber.StatusUnprocessableEntity, web.SyncPage(s.shell(c, "Sync", "sync"), v))
	}
	var runID int64
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		ch, err := models.SourceChannel(tx, form.Source, models.ChannelCSV)
		if err != nil {
			return err
		}
		up := models.Upload{ChannelID: ch.ID, Object: form.Object, Filename: filename, Content: content, UploadedBy: s.actor(c).Name}
		if runID, err = s.Queue.EnqueueImport(c.UserContext(), tx, &up); err != nil {
			return err
		}
		return models.Audit(tx, s.actor(c), models.Change{Action: "sync.import", ObjectType: models.ObjectChannel, ObjectID: ch.ID,
			Reason: fmt.Sprintf("import %s from %s (%d bytes)", form.Object, filename, len(content))})
	})
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/sync/runs/%d", runID), fiber.StatusSeeOther)
}
