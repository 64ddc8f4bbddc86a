package odootest

import (
	"fmt"
	"time"
)

// Tx is a transaction with PostgreSQL's write_date behaviour: every row it writes is
// stamped with the time the transaction began, and nothing is visible before Commit. A
// transaction committed late therefore publishes rows whose write_date is older than rows
// other transactions committed meanwhile.
type Tx struct {
	s    *Server
	at   time.Time
	ops  []func() error
	done bool
}

// Begin starts a transaction stamped with the current clock, and moves the clock on.
func (s *Server) Begin() *Tx {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &Tx{s: s, at: s.tick()}
}

// BeginAt starts a transaction stamped at t, leaving the clock alone.
func (s *Server) BeginAt(t time.Time) *Tx { return &Tx{s: s, at: t.UTC()} }

// Stamp is the write_date every row of the transaction gets.
func (tx *Tx) Stamp() time.Time { return tx.at }

// Create queues a new record and returns the id the sequence gave it now, before commit,
// as PostgreSQL does.
func (tx *Tx) Create(model string, vals map[string]any) (int64, error) {
	s := tx.s
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.model(model)
	if err != nil {
		return 0, err
	}
	id := m.nextID
	m.nextID++
	tx.ops = append(tx.ops, func() error {
		if _, err := s.db.create(m, vals, tx.at, id); err != nil {
			return err
		}
		return nil
	})
	return id, nil
}

// Write queues a change of records.
func (tx *Tx) Write(model string, ids []int64, vals map[string]any) error {
	s := tx.s
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.model(model)
	if err != nil {
		return err
	}
	tx.ops = append(tx.ops, func() error {
		rows, err := s.db.existing(m, ids)
		if err != nil {
			return err
		}
		if err := s.db.write(m, rows, vals, tx.at); err != nil {
			return err
		}
		return nil
	})
	return nil
}

// Archive queues setting active to false.
func (tx *Tx) Archive(model string, ids ...int64) error {
	return tx.Write(model, ids, map[string]any{"active": false})
}

// Commit applies the queued operations with the transaction's stamp, stopping at the first
// error (earlier operations stay applied; tests use one operation per failing case).
func (tx *Tx) Commit() error {
	if tx.done {
		return fmt.Errorf("odootest: transaction already committed")
	}
	tx.done = true
	tx.s.mu.Lock()
	defer tx.s.mu.Unlock()
	for _, op := range tx.ops {
		if err := op(); err != nil {
			return err
		}
	}
	return nil
}
