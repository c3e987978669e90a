package hooks_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/dynamodel/dynamodel/hooks"
)

type User struct {
	Name  string
	Email string
}

// BeforePut normalizes the email and refuses users without a name.
func (u *User) BeforePut(ctx context.Context) error {
	if u.Name == "" {
		return errors.New("a user needs a name")
	}
	u.Email = strings.ToLower(u.Email)
	return nil
}

var _ hooks.BeforePut = (*User)(nil)

func Example() {
	audit := hooks.Set[User]{}.On(hooks.OnBeforePut, func(ctx context.Context, u *User) error {
		fmt.Println("audit: put", u.Name, u.Email)
		return nil
	})

	u := &User{Name: "Ada", Email: "Ada@Example.COM"}
	fmt.Println(audit.Run(context.Background(), hooks.OnBeforePut, u))

	err := audit.Run(context.Background(), hooks.OnBeforePut, &User{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, hooks.ErrHook))
	// Output:
	// audit: put Ada ada@example.com
	// <nil>
	// hooks: BeforePut: a user needs a name
	// true
}
