// hcl_oracle: prints the structure HashiCorp's own HCL reader (hashicorp/hcl v2 hclsyntax, the
// parser behind Terraform and Terragrunt) reads from each file named on the command line, in the
// format tests/unit/hcl/hcl_structure.h prints pushgate's. Test-only: the product never uses Go.
//
//   F <path>
//   B <depth> <line>:<col> <type> ["label" ...]   a block (depth 0 = top level)
//   A <depth> <line>:<col> <name>                 an attribute
//   D <line>:<col>                                a duplicate attribute ("Attribute redefined")
//   E <line>:<col>                                the first syntax error (structure then omitted)
//
// Built offline from Debian's golang-github-hashicorp-hcl-v2-dev in GOPATH mode:
//   GO111MODULE=off GOPATH=/usr/share/gocode go build -o hcl_oracle main.go
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func pos(p hcl.Pos) string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

func body(w *bufio.Writer, b *hclsyntax.Body, depth int) {
	type item struct {
		offset int
		line   string
		block  *hclsyntax.Block
	}
	var items []item
	for _, a := range b.Attributes {
		items = append(items, item{a.NameRange.Start.Byte, fmt.Sprintf("A %d %s %s", depth, pos(a.NameRange.Start), a.Name), nil})
	}
	for _, bl := range b.Blocks {
		line := fmt.Sprintf("B %d %s %s", depth, pos(bl.TypeRange.Start), bl.Type)
		for _, l := range bl.Labels {
			line += " " + strconv.Quote(l)
		}
		items = append(items, item{bl.TypeRange.Start.Byte, line, bl})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].offset < items[j].offset })
	for _, it := range items {
		fmt.Fprintln(w, it.line)
		if it.block != nil {
			body(w, it.block.Body, depth+1)
		}
	}
}

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, path := range os.Args[1:] {
		src, err := os.ReadFile(path)
		fmt.Fprintf(w, "F %s\n", path)
		if err != nil {
			fmt.Fprintf(w, "E 0:0\n")
			continue
		}
		file, diags := hclsyntax.ParseConfig(src, path, hcl.Pos{Line: 1, Column: 1, Byte: 0})
		var first *hcl.Diagnostic
		for _, d := range diags {
			if d.Severity != hcl.DiagError {
				continue
			}
			if d.Summary == "Attribute redefined" {
				fmt.Fprintf(w, "D %s\n", pos(d.Subject.Start))
				continue
			}
			if first == nil {
				first = d
			}
		}
		if first != nil {
			p := hcl.Pos{}
			if first.Subject != nil {
				p = first.Subject.Start
			}
			fmt.Fprintf(w, "E %s %s\n", pos(p), first.Summary)
			continue
		}
		body(w, file.Body.(*hclsyntax.Body), 0)
	}
}
