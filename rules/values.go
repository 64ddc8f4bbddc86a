package rules

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"steward/models"
)

// FormatValue writes an attribute's value as a person reads and types it: amounts with
// their decimals ("12.50"), numbers without trailing zeros, dates as 2026-11-27, flags as
// yes or no, and "" for an unknown value. Set reads the same text back.
func FormatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case models.Money:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case *float64:
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case *time.Time:
		if v == nil {
			return ""
		}
		return v.UTC().Format(time.DateOnly)
	case *int64:
		if v == nil {
			return ""
		}
		return strconv.FormatInt(*v, 10)
	}
	return ""
}

// parseAs reads text typed by a person as a value of type V; the error is the hint a form
// shows next to the field.
func parseAs[V any](text string) (V, error) {
	var v V
	text = strings.TrimSpace(text)
	switch p := any(&v).(type) {
	case *string:
		*p = text
	case *models.Money:
		m, err := models.ParseMoney(text)
		if err != nil {
			return v, errors.New("Enter an amount such as 12.50, with at most four decimals.")
		}
		*p = m
	case *float64:
		f, err := strconv.ParseFloat(strings.ReplaceAll(text, ",", ""), 64)
		if err != nil {
			return v, errors.New("Enter a number such as 12 or 2.5.")
		}
		*p = f
	case **float64:
		if text == "" {
			*p = nil
			break
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(text, ",", ""), 64)
		if err != nil {
			return v, errors.New("Enter a number such as 2.5, or leave it empty when it is not known.")
		}
		*p = &f
	case *bool:
		switch strings.ToLower(text) {
		case "yes", "true", "1":
			*p = true
		case "no", "false", "0":
			*p = false
		default:
			return v, errors.New("Choose yes or no.")
		}
	case **time.Time:
		if text == "" {
			*p = nil
			break
		}
		t, err := time.Parse(time.DateOnly, text)
		if err != nil {
			return v, errors.New("Enter a date as 2026-11-27, or leave it empty.")
		}
		*p = &t
	default:
		return v, errors.New("This field cannot be edited here.")
	}
	return v, nil
}
