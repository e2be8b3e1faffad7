package auth

import "strings"

// commonPasswords are passwords of the minimum length or longer that appear
// near the top of published leaked-password lists (NCSC's "100,000 most
// common", SecLists). Shorter ones are already refused by length.
var commonPasswords = map[string]bool{
	"123456789012": true, "1234567890123": true, "12345678901234": true, "123456789000": true,
	"000000000000": true, "111111111111": true, "123123123123": true, "qwertyuiopasdfghjkl": true,
	"qwertyuiop123": true, "qwertyuiopasdf": true, "1q2w3e4r5t6y": true, "1qaz2wsx3edc": true,
	"zaq12wsxcde3": true, "passwordpassword": true, "password1234": true, "password12345": true,
	"password123456": true, "iloveyou1234": true, "administrator": true, "administrator1": true,
	"adminadmin123": true, "welcome12345": true, "letmein12345": true, "changeme1234": true,
	"football1234": true, "baseball1234": true, "superman1234": true, "trustno11234": true,
	"princess1234": true, "sunshine1234": true, "abcdefghijkl": true, "abcd1234abcd": true,
	"qwerty123456": true, "qwertyqwerty": true, "asdfghjkl123": true, "asdfasdfasdf": true,
	"1234qwerasdf": true, "q1w2e3r4t5y6": true, "mypassword123": true, "p@ssw0rd1234": true,
	"p@ssword1234": true, "passw0rd1234": true, "mineaction123": true, "minefield123": true,
}

// keyboardRuns are sequences whose substrings make weak passwords.
var keyboardRuns = []string{
	"abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1234567890", "0987654321",
	"qazwsxedcrfvtgbyhnujmikolp", "zyxwvutsrqponmlkjihgfedcba",
}

// isCommonPassword reports whether p is a known common password or a
// trivial pattern: one repeated character or short unit, or a keyboard or
// alphabet run.
func isCommonPassword(p string) bool {
	l := strings.ToLower(p)
	if commonPasswords[l] {
		return true
	}
	// Repetition of a unit of up to 4 characters ("abcabcabcabc").
	for unit := 1; unit <= 4 && unit <= len(l)/2; unit++ {
		if strings.Repeat(l[:unit], len(l)/unit+1)[:len(l)] == l {
			return true
		}
	}
	for _, run := range keyboardRuns {
		if strings.Contains(run, l) || strings.Contains(run+run, l) {
			return true
		}
	}
	// "password" or a run followed by digits only.
	trimmed := strings.TrimRight(l, "0123456789!@#$%")
	return commonPasswords[trimmed] || trimmed == "password" || trimmed == "qwerty" || trimmed == "admin"
}
