package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"

	"steward/jobs/odoo/odootest"
	"steward/models"
	"steward/models/testdb"
)

// buildSteward compiles the binary once per test run.
func buildSteward(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "steward")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("build steward: %v", err)
	}
	return bin
}

// TestKillDuringSyncLosesAndDuplicatesNothing kills the process with SIGKILL in the middle
// of a pull, starts it again, and checks that every record arrived exactly once.
func TestKillDuringSyncLosesAndDuplicatesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildSteward(t)
	dsns := map[string]string{"sqlite": filepath.Join(t.TempDir(), "steward.db")}
	if os.Getenv(testdb.PostgresEnv) != "" {
		dsns["postgres"] = testdb.PostgresDSN(t)
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			const n = 8000
			srv := odootest.New(odootest.Options{Database: "erp", Login: "sync", Password: "pw", APIKey: "key-123"})
			defer srv.Close()
			srv.SeedWith(odootest.SeedOptions{Products: n, Customers: 10})
			env := append(os.Environ(), "STEWARD_SECRET_KEY=a-long-enough-secret-key-for-tests", "STEWARD_DATABASE_URL="+dsn)
			steward := func(stdin string, args ...string) *exec.Cmd {
				c := exec.Command(bin, args...)
				c.Env, c.Stdin = env, strings.NewReader(stdin)
				return c
			}
			if out, err := steward("key-123\n", "channel", "add", "odoo", "--name", "Odoo", "--url", srv.URL(), "--database", "erp", "--login", "sync").CombinedOutput(); err != nil {
				t.Fatalf("channel add: %v\n%s", err, out)
			}
			db, err := models.Open(dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer models.Close(db)

			first := steward("", "sync", "--channel", "Odoo", "--object", "products")
			if err := first.Start(); err != nil {
				t.Fatal(err)
			}
			// Kill it once it has stored some pages but not all.
			deadline := time.Now().Add(60 * time.Second)
			for {
				var read int64
				db.Model(&models.SyncRun{}).Select("COALESCE(MAX(read), 0)").Scan(&read)
				if read >= 2000 {
					break
				}
				if time.Now().After(deadline) {
					first.Process.Kill()
					t.Fatal("the pull stored nothing in 60 s")
				}
				time.Sleep(5 * time.Millisecond)
			}
			if err := first.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			first.Wait()
			killed := countRows(t, db, &models.Product{}, "")
			if killed == 0 || killed >= n {
				t.Fatalf("killed after %d of %d products: the test did not interrupt a pull", killed, n)
			}
			if out, err := steward("", "sync", "--channel", "Odoo", "--object", "products").CombinedOutput(); err != nil {
				t.Fatalf("sync after the crash: %v\n%s", err, out)
			}
			if got := countRows(t, db, &models.Product{}, ""); got != n {
				t.Errorf("%d products after the restart, want %d", got, n)
			}
			if got := countRows(t, db, &models.IncomingRecord{}, "object_type = ?", models.ObjectProduct); got != n {
				t.Errorf("%d incoming product records, want %d (each change stored once)", got, n)
			}
			if got := countRows(t, db, &models.AuditEvent{}, "action = ?", "product.create"); got != n {
				t.Errorf("%d product.create audit events, want %d", got, n)
			}
			t.Logf("killed with %d of %d products stored", killed, n)
		})
	}
}

func countRows(t *testing.T, db *gorm.DB, model any, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := db.Model(model)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
