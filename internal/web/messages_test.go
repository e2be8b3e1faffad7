package web

import (
	"io/fs"
	"regexp"
	"testing"

	"mineaction/internal/mineaction"
)

// TestCatalogueHasEveryLabel checks that every message key the templates
// and the code name is in the English catalogue, so no page shows a raw
// key, and that the keys built at run time exist for every value.
func TestCatalogueHasEveryLabel(t *testing.T) {
	keys := map[string]bool{}
	literal := regexp.MustCompile(`(?:\{\{t|\(t|tf) "([a-z0-9_.-]+)"`)
	counted := regexp.MustCompile(`tn "([a-z0-9_.-]+)"`)
	names, _ := fs.Glob(templateFiles, "templates/*.html")
	for _, n := range names {
		b, _ := fs.ReadFile(templateFiles, n)
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
		for _, m := range counted.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]+".one"], keys[m[1]+".other"] = true, true
		}
	}
	for _, r := range mineaction.Roles {
		keys["role."+string(r)] = true
	}
	for _, s := range mineaction.ReportStatuses {
		keys["status."+string(s)] = true
	}
	for _, ty := range mineaction.RecordTypes {
		keys["type."+string(ty)] = true
		keys["type."+string(ty)+".about"] = true
		keys["one."+string(ty)] = true
		spec := forms[ty]
		for _, f := range spec.Fields {
			keys["field."+lastPart(f.Name)] = true
		}
		for _, g := range spec.Groups {
			keys["field."+g.Name] = true
			keys["form.row."+g.Name] = true
			for _, f := range g.Fields {
				keys["field."+f.Name] = true
			}
		}
		for _, c := range columns[ty] {
			keys["field."+c.Key] = true
		}
	}
	for _, k := range []string{"done.staged", "done.submitted", "done.submit", "done.withdraw", "done.approve", "done.reject",
		"done.undo", "done.deleted", "rel.hazard", "rel.activity", "rel.accident", "rel.task", "rel.linked_from",
		"form.geometry.polygon", "form.geometry.point", "form.draw.help.polygon", "form.draw.help.point",
		"form.draw.start.polygon", "form.draw.start.point", "form.coords.polygon", "form.coords.point",
		"form.positions.polygon", "form.positions.point"} {
		keys[k] = true
	}
	for k := range keys {
		if _, ok := msgs[k]; !ok {
			t.Errorf("the English catalogue has no %q", k)
		}
	}
	for _, v := range mapLabels() {
		if regexp.MustCompile(`^map\.label\.`).MatchString(v) {
			t.Errorf("map label %q is missing from the catalogue", v)
		}
	}
}
