package data_test

import (
	"context"
	"errors"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func TestEmailSettingsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	got, err := s.EmailSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != data.DefaultEmailSettings {
		t.Fatalf("fresh file gives %+v, want the defaults", got)
	}
	want := data.EmailSettings{Accountant: " tax@example.com ", Host: "SMTP.Gmail.com", Port: 465,
		Security: data.SecurityTLS, Username: "shop@gmail.com", SignIn: data.SignInGoogle}
	if err := s.SaveEmailSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err = s.EmailSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want.Accountant, want.Host = "tax@example.com", "smtp.gmail.com"
	if got != want {
		t.Errorf("read back %+v, want %+v", got, want)
	}
	if got.Sender() != "shop@gmail.com" {
		t.Errorf("Sender() = %q, want the user name when From is empty", got.Sender())
	}
	// The shop's other settings are untouched.
	if st, _ := s.Settings(ctx); st != data.DefaultSettings {
		t.Errorf("shop settings changed to %+v", st)
	}
}

func TestEmailSettingsValidate(t *testing.T) {
	ok := data.EmailSettings{Accountant: "tax@example.com", Host: "smtp.example.com", Port: 587,
		Security: data.SecuritySTARTTLS, Username: "me@example.com"}
	tests := []struct {
		name  string
		edit  func(e *data.EmailSettings)
		field string
	}{
		{"valid", func(e *data.EmailSettings) {}, ""},
		{"no accountant", func(e *data.EmailSettings) { e.Accountant = " " }, "accountant"},
		{"bad accountant", func(e *data.EmailSettings) { e.Accountant = "tax at example" }, "accountant"},
		{"no host", func(e *data.EmailSettings) { e.Host = "" }, "server"},
		{"host with port", func(e *data.EmailSettings) { e.Host = "smtp.example.com:587" }, "server"},
		{"port zero", func(e *data.EmailSettings) { e.Port = 0 }, "port"},
		{"port too big", func(e *data.EmailSettings) { e.Port = 70000 }, "port"},
		{"security", func(e *data.EmailSettings) { e.Security = "ssl3" }, "security"},
		{"no sender", func(e *data.EmailSettings) { e.Username = "" }, "from"},
		{"user name is not an address", func(e *data.EmailSettings) { e.Username = "shop" }, "from"},
		{"from given", func(e *data.EmailSettings) { e.Username, e.From = "shop", "shop@example.com" }, ""},
		{"signed in with Microsoft", func(e *data.EmailSettings) { e.SignIn = data.SignInMicrosoft }, ""},
		{"unknown sign-in", func(e *data.EmailSettings) { e.SignIn = "facebook" }, "sign-in"},
		{"sign-in without encryption", func(e *data.EmailSettings) {
			e.SignIn, e.Security = data.SignInGoogle, data.SecurityNone
		}, "security"},
		{"sign-in without the address", func(e *data.EmailSettings) {
			e.SignIn, e.Username, e.From = data.SignInGoogle, "", "shop@example.com"
		}, "user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := ok
			tt.edit(&e)
			err := e.Validate()
			var ve *data.ValidationError
			switch {
			case tt.field == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tt.field != "" && (!errors.As(err, &ve) || ve.Field != tt.field):
				t.Fatalf("err = %v, want a validation error on %q", err, tt.field)
			}
		})
	}
}
