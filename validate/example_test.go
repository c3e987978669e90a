package validate_test

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/dynamodel/dynamodel/validate"
)

func Example() {
	rules := []validate.Rule{
		validate.Tag("required,email"),
		validate.Regexp(regexp.MustCompile(`@example\.com$`)),
	}
	var fields []*validate.FieldError
	for _, r := range rules {
		if fe := r.Check("ada@example.org"); fe != nil {
			fe.Path = "email"
			fields = append(fields, fe)
		}
	}
	err := error(&validate.Error{Fields: fields})
	fmt.Println(err)
	fmt.Println(errors.Is(err, validate.ErrInvalid))
	// Output:
	// validate: email: regexp: does not match @example\.com$ (value "ada@example.org")
	// true
}

func ExampleEnum() {
	breeds := validate.Enum("Golden retriever", "Beagle")
	fmt.Println(breeds.Check("Beagle"))
	fmt.Println(breeds.Check("Poodle"))
	// Output:
	// <nil>
	// enum: want one of ["Golden retriever" "Beagle"] (value "Poodle")
}

func ExampleFunc() {
	positive := validate.Func("positive", func(v int) error {
		if v <= 0 {
			return errors.New("must be above zero")
		}
		return nil
	})
	fmt.Println(positive.Check(-2))
	// Output:
	// positive: must be above zero (value -2)
}
