package handlers

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
	"steward/web"
)

func (s *server) tokensView(form web.TokenForm) (web.TokensView, error) {
	v := web.TokensView{Scopes: models.TokenScopes, Form: form}
	var err error
	if v.Tokens, err = models.ListAPITokens(s.DB); err != nil {
		return v, err
	}
	v.Channels, err = models.ListChannels(s.DB)
	return v, err
}

func (s *server) tokenList(c *fiber.Ctx) error {
	v, err := s.tokensView(web.TokenForm{})
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, web.TokensPage(s.shell(c, "API tokens", "admin"), v))
}

// tokenCreate makes a token and shows it once; only its SHA-256 is stored.
func (s *server) tokenCreate(c *fiber.Ctx) error {
	args := c.Request().PostArgs()
	form := web.TokenForm{Name: strings.TrimSpace(c.FormValue("name")), ChannelID: int64(formInt(c.FormValue("channel_id"), 0)), Errors: map[string]string{}}
	for _, sc := range args.PeekMulti("scopes") {
		form.Scopes = append(form.Scopes, string(sc))
	}
	if form.Name == "" || len(form.Name) > 100 {
		form.Errors["name"] = "Give the token a name of up to 100 characters, saying which system uses it."
	}
	ch, err := models.ChannelByID(s.DB, form.ChannelID)
	if errors.Is(err, models.ErrNotFound) || form.ChannelID == 0 {
		form.Errors["channel_id"] = "Choose the channel the records come from."
	} else if err != nil {
		return err
	}
	if len(form.Scopes) == 0 {
		form.Errors["scopes"] = "Choose at least one scope."
	}
	for _, sc := range form.Scopes {
		if !slices.Contains(models.TokenScopes, sc) {
			form.Errors["scopes"] = fmt.Sprintf("%q is not a scope Steward knows.", sc)
		}
	}
	if len(form.Errors) > 0 {
		v, err := s.tokensView(form)
		if err != nil {
			return err
		}
		return render(c, fiber.StatusUnprocessableEntity, web.TokensPage(s.shell(c, "API tokens", "admin"), v))
	}
	secret, err := models.NewTokenSecret()
	if err != nil {
		return err
	}
	who := s.actor(c)
	t := models.APIToken{Name: form.Name, ChannelID: ch.ID, Scopes: strings.Join(form.Scopes, " "), CreatedBy: who.Name, CreatedAt: s.Now().UTC()}
	if who.ID != 0 {
		t.CreatedByID = &who.ID
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateAPIToken(tx, &t, secret); err != nil {
			return err
		}
		return models.Audit(tx, who, models.Change{Action: "api_token.create", ObjectType: "api_token", ObjectID: t.ID,
			After:  map[string]any{"name": t.Name, "channel": ch.Name, "scopes": t.Scopes, "prefix": t.Prefix},
			Reason: "API token created for " + ch.Name})
	})
	if err != nil {
		return err
	}
	v, err := s.tokensView(web.TokenForm{})
	if err != nil {
		return err
	}
	v.Created = secret
	// The secret is in this page only: keep it out of caches and history.
	c.Set(fiber.HeaderCacheControl, "no-store")
	return render(c, fiber.StatusCreated, web.TokensPage(s.shell(c, "API tokens", "admin"), v))
}

func (s *server) tokenRevoke(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	t, err := models.APITokenByID(s.DB, id)
	if err != nil {
		return err
	}
	who := s.actor(c)
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.RevokeAPIToken(tx, id, who.Name, s.Now().UTC()); err != nil {
			return err
		}
		return models.Audit(tx, who, models.Change{Action: "api_token.revoke", ObjectType: "api_token", ObjectID: id,
			Before: map[string]any{"revoked": false}, After: map[string]any{"revoked": true}, Reason: "API token " + t.Name + " revoked"})
	})
	if errors.Is(err, models.ErrStale) {
		return rules.Errorf(rules.Conflict, "This token was revoked already.")
	}
	if err != nil {
		return err
	}
	return c.Redirect("/admin/tokens", fiber.StatusSeeOther)
}
