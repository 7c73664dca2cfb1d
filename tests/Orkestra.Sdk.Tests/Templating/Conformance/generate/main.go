// Command generate renders every case in ../cases.json with Go's text/template,
// exactly the way upstream Orkestra renders a katalog field, and writes
// ../expected.json (one entry per case, same order) and ../expected.meta.json.
//
// Rendering rules (Orkestra's field rendering):
//   - the case's data is decoded from JSON into interface{} with encoding/json
//     (numbers are float64, objects map[string]interface{}, arrays []interface{});
//   - the template is parsed with template.New(caseName).Option("missingkey=zero").Parse(text),
//     using only Go's built-in functions (no extra FuncMap);
//   - it is executed into a buffer with the decoded data as dot;
//   - the output is strings.TrimSpace-d, and then every literal "<no value>" is removed.
//
// A parse or execution error is recorded as {"error": true, "message": err.Error()}.
//
// Standard library only; see README.md for the exact command.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/template"
	"unicode/utf8"
)

type testCase struct {
	Name     string          `json:"name"`
	Template *string         `json:"template"`
	Data     json.RawMessage `json:"data"`
}

type okResult struct {
	Name   string `json:"name"`
	Output string `json:"output"`
	Error  bool   `json:"error"`
}

type errResult struct {
	Name    string `json:"name"`
	Error   bool   `json:"error"`
	Message string `json:"message"`
}

type meta struct {
	Go    string `json:"go"`
	Cases int    `json:"cases"`
}

// render is Orkestra's field rendering.
func render(name, text string, data interface{}) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	t, err := template.New(name).Option("missingkey=zero").Parse(text)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", err
	}
	s := strings.TrimSpace(buf.String())
	s = strings.ReplaceAll(s, "<no value>", "")
	return s, nil
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "generate: "+format+"\n", args...)
	os.Exit(1)
}

func writeJSON(path string, v interface{}) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fail("encode %s: %v", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		fail("write %s: %v", path, err)
	}
}

func main() {
	dir := ".."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	raw, err := os.ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		fail("%v", err)
	}
	var cases []testCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		fail("cases.json: %v", err)
	}
	seen := map[string]bool{}
	results := make([]interface{}, 0, len(cases))
	errors := 0
	for i, c := range cases {
		if c.Name == "" || c.Template == nil {
			fail("case #%d: name and template are required", i)
		}
		if seen[c.Name] {
			fail("case #%d: duplicate name %q", i, c.Name)
		}
		seen[c.Name] = true
		var data interface{}
		if len(c.Data) > 0 {
			if err := json.Unmarshal(c.Data, &data); err != nil {
				fail("case %q: data: %v", c.Name, err)
			}
		}
		out, err := render(c.Name, *c.Template, data)
		// encoding/json would silently turn invalid UTF-8 into U+FFFD, and the
		// expected output would no longer be what Go produced.
		if err == nil && !utf8.ValidString(out) {
			fail("case %q: output is not valid UTF-8: %q", c.Name, out)
		}
		if err != nil {
			errors++
			results = append(results, errResult{Name: c.Name, Error: true, Message: err.Error()})
		} else {
			results = append(results, okResult{Name: c.Name, Output: out, Error: false})
		}
	}
	writeJSON(filepath.Join(dir, "expected.json"), results)
	writeJSON(filepath.Join(dir, "expected.meta.json"), meta{Go: runtime.Version(), Cases: len(cases)})
	fmt.Printf("%d cases (%d errors) rendered with %s\n", len(cases), errors, runtime.Version())
}
