package web

import (
	"fmt"
	"strconv"
	"time"

	"steward/models"
)

// InboxView is the inbox list with its filters.
type InboxView struct {
	Filter   models.InboxFilter
	Page     models.InboxPage
	Channels []models.Channel
	People   []Person        // who items can be assigned to, for the assignee filter
	Decides  map[string]bool // domains the viewer may decide
	Now      time.Time
	CSRF     string // for the forms that work without scripts
}

// Person is someone an item can be assigned to.
type Person struct {
	ID   int64
	Name string
}

func (v InboxView) query() []string {
	f := v.Filter
	ch := ""
	if f.ChannelID != 0 {
		ch = strconv.FormatInt(f.ChannelID, 10)
	}
	return []string{"q", f.Query, "domain", f.Domain, "reason", f.Reason, "channel", ch, "assignee", f.Assignee, "age", f.Age, "order", orderOf(f)}
}

// queryWith is the list's query with one parameter set differently.
func (v InboxView) queryWith(key, value string) []string {
	q := v.query()
	for i := 0; i+1 < len(q); i += 2 {
		if q[i] == key {
			q[i+1] = value
		}
	}
	return q
}

func orderOf(f models.InboxFilter) string {
	if f.Newest {
		return "newest"
	}
	return ""
}

func (v InboxView) filtered() bool {
	f := v.Filter
	return f.Query != "" || f.Domain != "" || f.Reason != "" || f.ChannelID != 0 || f.Assignee != "" || f.Age != ""
}

// canDecideAny tells whether the viewer may decide any item: the bulk bar shows then.
func (v InboxView) canDecideAny() bool {
	for _, ok := range v.Decides {
		if ok {
			return true
		}
	}
	return false
}

func (v InboxView) total() int64 {
	if v.Filter.Reason != "" {
		return v.Page.Counts.By[v.Filter.Reason]
	}
	return v.Page.Counts.All
}

var domainNames = map[string]string{"product": "Product", "customer": "Customer", "price": "Price", "inventory": "Stock level"}

// domainName is one item's domain in words: "Product", "Stock level".
func domainName(d string) string {
	if n, ok := domainNames[d]; ok {
		return n
	}
	return d
}

// reasonLabel says why an item waits, in the words the inbox uses.
func reasonLabel(r string) string {
	switch r {
	case models.ReasonValidation:
		return "Failed validation"
	case models.ReasonOwnership:
		return "Ownership conflict"
	case models.ReasonDuplicate:
		return "Suspected duplicate"
	case models.ReasonPricing:
		return "Pricing policy"
	case models.ReasonDrift:
		return "Drift"
	}
	return r
}

func ageLabel(a string) string {
	switch a {
	case models.AgeDay:
		return "Less than a day"
	case models.AgeWeek:
		return "1 to 7 days"
	case models.AgeMonth:
		return "1 to 4 weeks"
	case models.AgeOlder:
		return "Over 4 weeks"
	}
	return "Any age"
}

// waited says how long an item has waited: "3 hours", "2 days".
func waited(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "under a minute"
	case d < time.Hour:
		return plural(int(d.Minutes()), "minute")
	case d < 48*time.Hour:
		return plural(int(d.Hours()), "hour")
	default:
		return plural(int(d.Hours()/24), "day")
	}
}

// ageClass marks items that have waited long enough to deserve a look.
func ageClass(t, now time.Time) string {
	switch d := now.Sub(t); {
	case d >= 7*24*time.Hour:
		return "age age-old"
	case d >= 24*time.Hour:
		return "age age-day"
	}
	return "age"
}

func firstReason(it models.InboxItem) string {
	if rs := it.ReasonList(); len(rs) > 0 {
		return rs[0]
	}
	return ""
}

func itemURL(id int64) string { return fmt.Sprintf("/inbox/%d", id) }

func rowID(id int64) string { return fmt.Sprintf("item-%d", id) }

func versionVals(version int) string { return fmt.Sprintf(`{"version":"%d"}`, version) }

// decidedWords says what became of an item: "Approved by Sam Steward 2 minutes ago".
func decidedWords(it models.InboxItem, now time.Time) string {
	how := "Decided"
	switch it.Status {
	case models.InboxApproved:
		how = "Approved"
	case models.InboxRejected:
		how = "Rejected"
	}
	s := how
	if it.DecidedBy != "" {
		s += " by " + it.DecidedBy
	}
	if it.DecidedAt != nil {
		s += " " + age(*it.DecidedAt, now)
	}
	return s
}

func orderWords(newest bool) string {
	if newest {
		return ", newest first."
	}
	return ", oldest first."
}
