package jobs

import "errors"

// A connector's error may say more: in words for a steward, and whether trying again later
// can help. Connectors implement these without jobs knowing their types.
type (
	stewardMessager interface{ StewardMessage() string }
	transienter     interface{ Transient() bool }
)

// explain turns a connector's error into the run's error: its plain words when it has them,
// marked permanent when retrying cannot fix it (wrong key, unknown field), so that the job
// stops instead of backing off for hours.
func explain(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	var sm stewardMessager
	if errors.As(err, &sm) {
		msg = sm.StewardMessage()
	}
	var tr transienter
	if errors.As(err, &tr) && !tr.Transient() {
		return permanent{errors.New(msg)}
	}
	return errors.New(msg)
}

// permanent is an error that retrying will not fix; it reads as its own message.
type permanent struct{ error }

func (permanent) Is(target error) bool { return target == ErrPermanent }

// Permanent marks err as one that retrying will not fix.
func Permanent(err error) error { return permanent{err} }
