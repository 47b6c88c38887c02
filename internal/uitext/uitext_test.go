// Package uitext checks the Chinese text users read: the app's templates and
// messages, the server's messages and the PDFs' text use full-width
// punctuation (，：（）) next to Chinese characters, never ASCII ,:().
package uitext

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const han = `\p{Han}` + "。、；！？“”《》"

// ASCII ,:() touching a Chinese character on either side.
var halfWidth = regexp.MustCompile(`[` + han + `][,:()]|[,:(][` + han + `]|\)[` + han + `]`)

// Code that reads what people type or import (ASCII punctuation is its input),
// generated code, tests and the front end's build output are not UI text.
var skipDirs = map[string]bool{
	".git": true, "node_modules": true, "dist": true, "gql": true, "ent": true, "test-output": true,
	"textnorm": true, "bench": true, "fixture": true, "e2e": true, "scripts": true,
}

// Not UI text: the punctuation a line may not start with (both widths, for
// texts written before this rule) and patterns that parse what people type.
func notText(s string) bool {
	return strings.HasPrefix(s, "^") || strings.HasPrefix(s, "。，、；：！？）")
}

func root(t *testing.T) string {
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func walk(t *testing.T, fn func(path string)) {
	err := filepath.WalkDir(root(t), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if strings.HasSuffix(name, "_test.go") || strings.Contains(name, ".test.") || strings.HasSuffix(name, ".d.ts") {
			return nil
		}
		fn(path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestGoStringsUseFullWidthPunctuation(t *testing.T) {
	var bad []string
	walk(t, func(path string) {
		if !strings.HasSuffix(path, ".go") {
			return
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0) // no comments: they are English
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && !notText(s) && halfWidth.MatchString(s) {
				bad = append(bad, rel(t, fset.Position(lit.Pos()).String())+": "+s)
			}
			return true
		})
	})
	report(t, bad)
}

// Comments in .vue and .ts are English; everything else there may reach a
// screen: template text, attributes and string literals.
var comment = regexp.MustCompile(`(?s)/\*.*?\*/|<!--.*?-->|(^|[^:"'\x60])//[^\n]*`)

func TestAppTextUsesFullWidthPunctuation(t *testing.T) {
	var bad []string
	walk(t, func(path string) {
		if !strings.HasSuffix(path, ".vue") && !strings.HasSuffix(path, ".ts") {
			return
		}
		if !strings.Contains(filepath.ToSlash(path), "/frontend/src/") {
			return
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		src := comment.ReplaceAllStringFunc(string(b), func(c string) string {
			return strings.Repeat("\n", strings.Count(c, "\n")) // keep line numbers
		})
		for i, line := range strings.Split(src, "\n") {
			if halfWidth.MatchString(line) {
				bad = append(bad, rel(t, path)+":"+strconv.Itoa(i+1)+": "+strings.TrimSpace(line))
			}
		}
	})
	report(t, bad)
}

func rel(t *testing.T, p string) string {
	if r, err := filepath.Rel(root(t), p); err == nil {
		return r
	}
	return p
}

func report(t *testing.T, bad []string) {
	t.Helper()
	if len(bad) > 0 {
		t.Errorf("%d texts with ASCII ,:() next to Chinese (use ，：（）):\n%s", len(bad), strings.Join(bad, "\n"))
	}
}
