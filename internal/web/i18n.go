package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"

	"mineaction/internal/mineaction"
)

// The message catalogues: one JSON object per language, key -> text.
// Every label of every page comes from here (English first; Azerbaijani
// and Russian are added as messages/az.json and messages/ru.json). Enum
// labels are "enum.<name>.<code>" and fall back to the domain's label.
//
//go:embed messages/*.json
var messageFiles embed.FS

// catalogue is the messages of one language.
type catalogue map[string]string

func loadCatalogue(lang string) catalogue {
	b, err := messageFiles.ReadFile("messages/" + lang + ".json")
	if err != nil {
		panic("web: no message catalogue for " + lang)
	}
	var c catalogue
	if err := json.Unmarshal(b, &c); err != nil {
		panic("web: bad message catalogue " + lang + ": " + err.Error())
	}
	return c
}

// T returns the message of key; a missing key shows as itself, so that
// it is visible on the page (the tests check that none is missing).
func (c catalogue) T(key string) string {
	if s, ok := c[key]; ok {
		return s
	}
	return key
}

// F formats the message of key with args (fmt verbs in the message).
func (c catalogue) F(key string, args ...any) string {
	return fmt.Sprintf(c.T(key), args...)
}

// N formats the message of key for the count n, which comes first among
// the arguments: key+".one" when n is 1, else key+".other" (the plural
// categories of CLDR; a language with more of them, such as Russian, will
// need a rule of its own here).
func (c catalogue) N(key string, n int, args ...any) string {
	form := ".other"
	if n == 1 {
		form = ".one"
	}
	return fmt.Sprintf(c.T(key+form), append([]any{n}, args...)...)
}

// enumLabel returns the label of code in the enum called name.
func (c catalogue) enumLabel(name, code string) string {
	if code == "" {
		return ""
	}
	if s, ok := c["enum."+name+"."+code]; ok {
		return s
	}
	for _, e := range mineaction.Enums() {
		if e.Name == name {
			return e.Label(code)
		}
	}
	return code
}

// typeLabel returns the display name of a record type.
func (c catalogue) typeLabel(t mineaction.RecordType) string {
	return c.T("type." + string(t))
}

// fieldLabel returns the label of a record property, from "field.<name>",
// or the name with underscores as spaces.
func (c catalogue) fieldLabel(name string) string {
	if s, ok := c["field."+name]; ok {
		return s
	}
	return strings.ReplaceAll(name, "_", " ")
}
