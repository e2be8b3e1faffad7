package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"mineaction/internal/mineaction"
)

// Argon2id parameters (RFC 9106's second recommended option, with 64 MiB).
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 2
	argonKeyLen  = 32
	saltLen      = 16
	// MinPasswordLength is the shortest password accepted.
	MinPasswordLength = 12
	maxPasswordLength = 1024
)

// HashPassword returns an encoded argon2id hash of password with a random
// salt, in the PHC string format.
func HashPassword(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches the encoded hash. It
// takes the same time whether or not the password is right.
func CheckPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var mem, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || mem > 1<<21 || t > 100 || p == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, mem, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// CheckPasswordPolicy returns an invalid-input error if the password is too
// short, too long, or one of the commonly used passwords.
func CheckPasswordPolicy(password, user string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return mineaction.Invalid("password", "at least %d characters", MinPasswordLength)
	case len(password) > maxPasswordLength:
		return mineaction.Invalid("password", "at most %d bytes", maxPasswordLength)
	case isCommonPassword(password):
		return mineaction.Invalid("password", "is on the list of commonly used passwords; choose another")
	case user != "" && strings.Contains(strings.ToLower(password), strings.ToLower(user)):
		return mineaction.Invalid("password", "must not contain the user name")
	}
	return nil
}
