package handlers

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"steward/models"
	"steward/rules"
	"steward/web"
)

// gateFormOf reads the gate form as posted, keeping every value as typed.
func gateFormOf(c *fiber.Ctx) web.GateForm {
	v := func(name string) string { return strings.TrimSpace(c.FormValue(name)) }
	return web.GateForm{
		Version: atoiOr(v("version")), Domain: v("domain"), Channel: v("channel"), Kind: v("kind"),
		Field: v("field"), Format: v("format"), Allowed: v("allowed"), Min: v("min"), Max: v("max"),
		Expression: v("expression"), Severity: v("severity"), Message: v("message"),
	}
}

// gateOf turns the form into a gate that rules accept, or an error with a message per field.
func gateOf(f web.GateForm) (models.Gate, error) {
	g := models.Gate{
		ID: f.ID, Version: f.Version, Domain: f.Domain, Channel: f.Channel, Kind: f.Kind, Field: f.Field,
		Format: f.Format, Allowed: rules.ParseAllowed(f.Allowed), Expression: f.Expression,
		Severity: f.Severity, Message: f.Message,
	}
	errs := map[string]string{}
	if g.Kind == rules.GateRange {
		g.Min = bound(f.Min, "min", errs)
		g.Max = bound(f.Max, "max", errs)
	}
	if len(errs) > 0 {
		return g, rules.InvalidFields(errs)
	}
	g = rules.TidyGate(g)
	return g, rules.CheckGate(g)
}

func bound(s, name string, errs map[string]string) *float64 {
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		errs[name] = "Enter a number such as 0.01 or 2500, with a dot for decimals."
		return nil
	}
	return &f
}

// gateForm fills the form from a stored gate, for editing.
func gateForm(g models.Gate) web.GateForm {
	f := web.GateForm{
		ID: g.ID, Version: g.Version, Domain: g.Domain, Channel: g.Channel, Kind: g.Kind, Field: g.Field,
		Format: g.Format, Allowed: strings.Join(g.Allowed, ", "), Expression: g.Expression,
		Severity: g.Severity, Message: g.Message,
	}
	if g.Min != nil {
		f.Min = strconv.FormatFloat(*g.Min, 'f', -1, 64)
	}
	if g.Max != nil {
		f.Max = strconv.FormatFloat(*g.Max, 'f', -1, 64)
	}
	return f
}

func gateFormOptions(f web.GateForm) web.GateForm {
	o := web.GateOptions{Domains: domainOptions(rules.GateDomains), Fields: fieldGroups(rules.GateDomains)}
	o.Channels = []web.Option{{Value: "", Label: "Every record"}}
	for _, k := range rules.ChannelKinds {
		o.Channels = append(o.Channels, web.Option{Value: k, Label: channelLabel(k)})
	}
	kindLabels := map[string]string{
		rules.GateRequired: "Required: the field is filled in", rules.GateFormat: "Format: the value has a known shape",
		rules.GateAllowed: "Allowed values: the value is one of a list", rules.GateRange: "Range: a number between a minimum and a maximum",
		rules.GateExpression: "Expression: a test over several fields",
	}
	for _, k := range rules.GateKinds {
		o.Kinds = append(o.Kinds, web.Option{Value: k, Label: kindLabels[k]})
	}
	o.Formats = []web.Option{{Value: "", Label: "Choose a format"}}
	for _, ft := range rules.Formats {
		o.Formats = append(o.Formats, web.Option{Value: ft.Name, Label: ft.Label})
	}
	f.Options = o
	return f
}

// channelLabel names the records a gate applies to.
func channelLabel(kind string) string {
	if kind == "" {
		return "Every record"
	}
	return "Records for " + rules.SystemLabel(kind)
}
