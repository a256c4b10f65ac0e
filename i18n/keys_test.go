package i18n

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fyneKeys are Fyne's own texts (lang/translations/base.en.json in
// fyne.io/fyne/v2 v2.8.1): the catalogs carry them although Regulars'
// code does not use them.
var fyneKeys = []string{
	"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename", "Error",
	"Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo",
	"Save", "Select all", "Show Hidden Files", "Undo", "Yes", "file.name", "file.parent",
	"monday", "monday.short", "tuesday", "tuesday.short", "wednesday", "wednesday.short",
	"thursday", "thursday.short", "friday", "friday.short", "saturday", "saturday.short",
	"sunday", "sunday.short",
}

// pluralForms are the CLDR plural forms each language's counts need
// (go-i18n's rules for these languages).
var pluralForms = map[string][]string{
	"en": {"one", "other"}, "de": {"one", "other"}, "nl": {"one", "other"}, "tr": {"one", "other"},
	"fr": {"many", "one", "other"}, "es": {"many", "one", "other"}, "it": {"many", "one", "other"},
	"pt": {"many", "one", "other"}, "pl": {"few", "many", "one", "other"}, "ja": {"other"},
}

// use is one translated text the code asks for.
type use struct {
	key, english string
	plural       bool
	format       bool     // a fmt format (data's validation errors), not a template
	vars         []string // the template data's keys, when the code spells them out
	at           string   // file:line
}

// translationCalls maps the calls that take a catalog key to where the key
// and the English text are among their arguments.
var translationCalls = map[string]struct {
	key, english, data int
	plural             bool
}{
	"lang.L": {0, 0, 1, false}, "lang.Localize": {0, 0, 1, false},
	"lang.N": {0, 0, 2, true}, "lang.LocalizePlural": {0, 0, 2, true},
	"lang.X": {0, 1, 2, false}, "lang.LocalizeKey": {0, 1, 2, false},
	"lang.XN": {0, 1, 3, true}, "lang.LocalizePluralKey": {0, 1, 3, true},
	"i18n.In": {1, 1, -1, false},
	// data's validation errors: the format is the key (ui/errors.go).
	"invalid": {1, 1, -1, false},
	// the import's skip and warning reasons: the format is the key
	// (i18n.Sprintf).
	"data.Because": {0, 0, -1, false}, "Because": {0, 0, -1, false},
}

// formatCalls are the translationCalls whose key is a fmt format.
var formatCalls = map[string]bool{"invalid": true, "data.Because": true, "Because": true}

// scanCode returns every translated text in the module's Go code outside
// tests, and the calls whose key is not a constant string.
func scanCode(t *testing.T) (uses []use, dynamic []string) {
	t.Helper()
	fset := token.NewFileSet()
	files, err := parseModule(fset)
	if err != nil {
		t.Fatal(err)
	}
	c := constants(files)
	for path, f := range files {
		pkg := filepath.Dir(path)
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok {
				uses = append(uses, c.keyFields(pkg, fset, lit)...)
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			u, isCall, ok := c.translationCall(pkg, call)
			if !isCall {
				return true
			}
			u.at = fset.Position(call.Pos()).String()
			if !ok {
				dynamic = append(dynamic, u.at)
				return true
			}
			uses = append(uses, u)
			return true
		})
	}
	return uses, dynamic
}

// parseModule parses the module's Go files outside tests, by path.
func parseModule(fset *token.FileSet) (map[string]*ast.File, error) {
	files := map[string]*ast.File{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != ".." || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		files[path] = f
		return nil
	})
	return files, err
}

// consts holds the module's string constants: by package directory and
// name, and by package name and name ("data.CLVFormula").
type consts struct {
	inDir   map[string]map[string]string
	byQName map[string]string
}

// constants collects the top-level string constants of files.
func constants(files map[string]*ast.File) consts {
	c := consts{inDir: map[string]map[string]string{}, byQName: map[string]string{}}
	for path, f := range files {
		dir := filepath.Dir(path)
		if c.inDir[dir] == nil {
			c.inDir[dir] = map[string]string{}
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					if v, ok := (consts{}).value("", vs.Values[i]); ok {
						c.inDir[dir][name.Name] = v
						c.byQName[f.Name.Name+"."+name.Name] = v
					}
				}
			}
		}
	}
	return c
}

// keyFields are struct fields whose constant string is a catalog key,
// translated where it is shown: the command line's verb summaries, which
// are registered before the language is known.
var keyFields = map[string]string{"Command": "Summary", "ValidationError": "Format"}

// keyFields returns the catalog keys held in the key fields of lit.
func (c consts) keyFields(dir string, fset *token.FileSet, lit *ast.CompositeLit) []use {
	typ, ok := lit.Type.(*ast.Ident)
	if !ok || keyFields[typ.Name] == "" {
		return nil
	}
	var uses []use
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == keyFields[typ.Name] {
			if v, ok := c.value(dir, kv.Value); ok {
				uses = append(uses, use{key: v, english: v, at: fset.Position(kv.Pos()).String()})
			}
		}
	}
	return uses
}

// translationCall reads call if it is one of translationCalls; ok is
// false when its key or English text is not a constant string.
func (c consts) translationCall(dir string, call *ast.CallExpr) (u use, isCall, ok bool) {
	var name string
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		name = fn.Name
	case *ast.SelectorExpr:
		pkg, isIdent := fn.X.(*ast.Ident)
		if !isIdent {
			return u, false, false
		}
		name = pkg.Name + "." + fn.Sel.Name
	}
	spec, found := translationCalls[name]
	if !found {
		return u, false, false
	}
	if len(call.Args) <= max(spec.key, spec.english) {
		return u, true, false
	}
	if sel, ok := call.Args[spec.key].(*ast.SelectorExpr); ok && slices.Contains(slices.Collect(maps.Values(keyFields)), sel.Sel.Name) {
		return u, false, false // a key field, checked where it is set
	}
	key, ok1 := c.value(dir, call.Args[spec.key])
	english, ok2 := c.value(dir, call.Args[spec.english])
	u = use{key: key, english: english, plural: spec.plural, format: formatCalls[name]}
	if spec.data >= 0 && len(call.Args) > spec.data {
		u.vars = c.mapKeys(dir, call.Args[spec.data])
	}
	return u, true, ok1 && ok2
}

// value returns the value of a constant string expression in the package
// in dir: literals, sums of them, and named constants.
func (c consts) value(dir string, e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := c.value(dir, e.X)
		b, ok2 := c.value(dir, e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return c.value(dir, e.X)
	case *ast.Ident:
		s, ok := c.inDir[dir][e.Name]
		return s, ok
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			s, ok := c.byQName[x.Name+"."+e.Sel.Name]
			return s, ok
		}
	}
	return "", false
}

// mapKeys returns the constant keys of a map literal passed as template
// data, nil when the data is something else.
func (c consts) mapKeys(dir string, e ast.Expr) []string {
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	if _, isMap := lit.Type.(*ast.MapType); !isMap {
		return nil
	}
	keys := []string{}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return nil
		}
		k, ok := c.value(dir, kv.Key)
		if !ok {
			return nil
		}
		keys = append(keys, k)
	}
	return keys
}

// loadCatalogs reads every language's catalog.
func loadCatalogs(t *testing.T) map[string]map[string]any {
	t.Helper()
	cats := map[string]map[string]any{}
	for _, l := range Languages {
		b, err := Catalog(l.Code)
		if err != nil {
			t.Fatal(err)
		}
		var c map[string]any
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatalf("%s.json: %v", l.Code, err)
		}
		cats[l.Code] = c
	}
	return cats
}

var templateVar = regexp.MustCompile(`\{\{-?\s*\.(\w+)`)

// templateVars returns the variables a text (or every form of a plural
// object) uses, sorted and without repeats.
func templateVars(v any) []string {
	var texts []string
	switch v := v.(type) {
	case string:
		texts = []string{v}
	case map[string]any:
		for _, f := range v {
			if s, ok := f.(string); ok {
				texts = append(texts, s)
			}
		}
	}
	set := map[string]bool{}
	for _, s := range texts {
		for _, m := range templateVar.FindAllStringSubmatch(s, -1) {
			set[m[1]] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

func TestCatalogsHoldEveryKeyTheCodeUses(t *testing.T) {
	uses, dynamic := scanCode(t)
	for _, at := range dynamic {
		t.Errorf("%s: the text to translate is not a constant string; the key test cannot check it", at)
	}
	if len(uses) == 0 {
		t.Fatal("found no lang.L calls in the code")
	}
	cats := loadCatalogs(t)
	for _, u := range uses {
		var missing []string
		for _, l := range Languages {
			if _, ok := cats[l.Code][u.key]; !ok {
				missing = append(missing, l.Code)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: %q is missing from %s", u.at, u.key, strings.Join(missing, ", "))
		}
		if en, ok := cats["en"][u.key]; ok && !u.plural && en != u.english {
			t.Errorf("%s: en.json says %q for %q, the code %q", u.at, en, u.key, u.english)
		}
		if u.vars != nil {
			for _, v := range templateVars(u.english) {
				if !slices.Contains(u.vars, v) {
					t.Errorf("%s: %q uses {{.%s}}, which the call does not pass", u.at, u.english, v)
				}
			}
		}
	}
}

func TestCatalogsHoldNoUnusedKeys(t *testing.T) {
	uses, _ := scanCode(t)
	used := map[string]bool{}
	for _, u := range uses {
		used[u.key] = true
	}
	for _, k := range fyneKeys {
		used[k] = true
	}
	for code, c := range loadCatalogs(t) {
		for k := range c {
			if !used[k] {
				t.Errorf("%s.json: %q is no longer used by the code", code, k)
			}
		}
	}
}

func TestEveryCatalogHasEveryKey(t *testing.T) {
	cats := loadCatalogs(t)
	for code, c := range cats {
		for k := range cats["en"] {
			if _, ok := c[k]; !ok {
				t.Errorf("%s.json lacks %q", code, k)
			}
		}
		for k := range c {
			if _, ok := cats["en"][k]; !ok {
				t.Errorf("%s.json has %q, which en.json has not", code, k)
			}
		}
	}
}

func TestTranslationsUseTheEnglishTemplateVariables(t *testing.T) {
	cats := loadCatalogs(t)
	for k, en := range cats["en"] {
		want := templateVars(en)
		for code, c := range cats {
			for _, v := range templateVars(c[k]) {
				if !slices.Contains(want, v) {
					t.Errorf("%s.json: %q uses {{.%s}}, which English does not", code, k, v)
				}
			}
		}
	}
}

func TestPluralsHaveTheFormsEachLanguageNeeds(t *testing.T) {
	uses, _ := scanCode(t)
	plural := map[string]bool{}
	for _, u := range uses {
		if u.plural {
			plural[u.key] = true
		}
	}
	for code, c := range loadCatalogs(t) {
		for k, v := range c {
			obj, isObj := v.(map[string]any)
			switch {
			case plural[k] && !isObj:
				t.Errorf("%s.json: %q is counted (lang.N) but has no plural forms", code, k)
			case !plural[k] && isObj:
				t.Errorf("%s.json: %q has plural forms but the code does not count it", code, k)
			case isObj:
				if got := slices.Sorted(maps.Keys(obj)); !slices.Equal(got, pluralForms[code]) {
					t.Errorf("%s.json: %q has the forms %v, the language needs %v", code, k, got, pluralForms[code])
				}
			}
		}
	}
}

func TestCatalogsAreGoI18nFiles(t *testing.T) {
	reserved := []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}
	for _, l := range Languages {
		b, _ := Catalog(l.Code)
		var c map[string]any
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		for k := range c {
			if slices.Contains(reserved, strings.ToLower(k)) {
				t.Errorf("%s.json: %q is a reserved go-i18n key; use lang.X with a dotted key", l.Code, k)
			}
		}
	}
	if _, err := os.Stat("translations/en.json"); err != nil {
		t.Fatal(err)
	}
}

var formatVerb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs returns the %-verbs of a format without their explicit indexes,
// sorted: translations may reorder them.
func verbs(s string) []string {
	var out []string
	for _, v := range formatVerb.FindAllString(s, -1) {
		out = append(out, regexp.MustCompile(`\[\d+\]`).ReplaceAllString(v, ""))
	}
	slices.Sort(out)
	return out
}

func TestTranslatedFormatsKeepTheirVerbs(t *testing.T) {
	uses, _ := scanCode(t)
	cats := loadCatalogs(t)
	for _, u := range uses {
		want := verbs(u.english)
		if !u.format || len(want) == 0 {
			continue
		}
		for code, c := range cats {
			if s, ok := c[u.key].(string); ok && !slices.Equal(verbs(s), want) {
				t.Errorf("%s.json: %q has the verbs %v, English %v", code, u.key, verbs(s), want)
			}
		}
	}
}

// shownArgs are the window's calls whose arguments are shown to the shop
// owner, by argument position: a plain string literal there is a text
// that was not translated.
var shownArgs = map[string][]int{
	"NewLabel": {0}, "NewLabelWithStyle": {0}, "NewButton": {0}, "NewButtonWithIcon": {0}, "NewCheck": {0},
	"NewHyperlink": {0}, "NewCard": {0, 1}, "NewAccordionItem": {0}, "NewFormItem": {0}, "NewTabItem": {0},
	"NewTabItemWithIcon": {0}, "NewMenuItem": {0}, "NewMenu": {0}, "ShowInformation": {0, 1}, "ShowConfirm": {0, 1},
	"NewConfirm": {0, 1}, "NewInformation": {0, 1}, "NewCustom": {0, 1}, "NewCustomConfirm": {0, 1, 2},
	"NewCustomWithoutButtons": {0}, "ShowCustom": {0, 1}, "ShowCustomConfirm": {0, 1, 2}, "NewForm": {0, 1, 2},
	"ShowForm": {0, 1, 2}, "SetText": {0}, "SetPlaceHolder": {0}, "SetConfirmText": {0}, "SetDismissText": {0},
	"heading": {0}, "rightHeading": {0}, "quiet": {0}, "quietCentered": {0}, "newKeyEntry": {0},
	"newMultiLineKeyEntry": {0}, "newField": {1, 3}, "setStatus": {0}, "status": {0}, "showProblem": {0, 1},
	"showWorking": {0}, "section": {0}, "listCard": {0}, "showFailed": {1},
}

// notWords are literals that need no translation: codes, numbers, marks.
var notWords = regexp.MustCompile(`^[A-Z0-9 .:+\-/…()#@_–—·▲▼=%]*$`)

func TestWindowTextsAreTranslated(t *testing.T) {
	fset := token.NewFileSet()
	files, err := parseModule(fset)
	if err != nil {
		t.Fatal(err)
	}
	for path, f := range files {
		if filepath.Base(filepath.Dir(path)) != "ui" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			for _, i := range shownArgs[name] {
				if i >= len(call.Args) {
					continue
				}
				if s, ok := (consts{}).value("", call.Args[i]); ok && s != "" && !notWords.MatchString(s) {
					t.Errorf("%s: %s shows %q untranslated; wrap it in lang.L", fset.Position(call.Args[i].Pos()), name, s)
				}
			}
			return true
		})
	}
}
