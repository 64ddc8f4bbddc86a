package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/term"
	"gorm.io/gorm"

	"steward/models"
	"steward/rules"
)

func userCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("user needs an action: add or list")
	}
	switch args[0] {
	case "add":
		return userAdd(ctx, args[1:], stdin, stdout, stderr)
	case "list":
		return userList(ctx, args[1:], stdout, stderr)
	}
	return fmt.Errorf("unknown user action %q: use add or list", args[0])
}

func userAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the user's email (their sign-in name)")
	role := fs.String("role", "", "roles, comma-separated: "+strings.Join(rules.Roles, ", "))
	name := fs.String("name", "", "the user's display name")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if msg := rules.CheckEmail(*email); msg != "" {
		return fmt.Errorf("--email: %s", msg)
	}
	roles := splitList(*role)
	if len(roles) == 0 {
		return fmt.Errorf("--role: choose at least one of %s", strings.Join(rules.Roles, ", "))
	}
	if err := rules.CheckRoleAssignment(roles, 1); err != nil {
		return fmt.Errorf("--role: %s", rules.MessageOf(err))
	}
	pw, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	if msg := rules.CheckPassword(pw, *email); msg != "" {
		return fmt.Errorf("password: %s", msg)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	if _, err := models.NewAccess(db, rules.DefaultAccessPolicy()); err != nil {
		return err
	}
	u, err := createUser(db, *email, *name, pw, roles, bcrypt.DefaultCost+2)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "User %s added (id %d) with roles %s.\n", u.Email, u.ID, strings.Join(roles, ", "))
	return nil
}

// createUser stores a user with roles and its audit event in one transaction.
func createUser(db *gorm.DB, email, name, password string, roles []string, cost int) (models.User, error) {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return models.User{}, err
	}
	u := models.User{Email: email, Name: name, PasswordHash: string(hash), Active: true}
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateUser(tx, &u); err != nil {
			return err
		}
		if err := models.SetRoles(tx, u.ID, roles); err != nil {
			return err
		}
		return models.Audit(tx, models.SystemActor("command line"), models.Change{
			Action: "user.create", ObjectType: models.ObjectUser, ObjectID: u.ID,
			After: map[string]any{"email": u.Email, "name": u.Name, "active": true, "roles": roles},
		})
	})
	return u, err
}

// readPassword reads one line from stdin, without echo when stdin is a terminal. Passwords
// never come from flags, which end up in shell history and process lists.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func userList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer models.Close(db)
	access, err := models.NewAccess(db, rules.DefaultAccessPolicy())
	if err != nil {
		return err
	}
	users, err := models.ListUsers(db)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLES\tSTATUS\tLAST SIGN-IN")
	for _, u := range users {
		status := "active"
		if !u.Active {
			status = "deactivated"
		}
		last := "never"
		if u.LastLoginAt != nil {
			last = u.LastLoginAt.UTC().Format("2006-01-02 15:04 UTC")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, strings.Join(access.RolesOf(u.ID), ","), status, last)
	}
	return tw.Flush()
}
