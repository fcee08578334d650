#!/usr/bin/env python3
"""Man pages and shell completions generated from pushgate's own --help, so they cannot drift.

    python3 cmake/cli_docs.py BINARY OUTDIR VERSION

runs `BINARY [SUB...] --help` for the program and every subcommand (recursively), parses CLI11's
help layout (description, Usage:, Positionals:, Options:, Subcommands:, footer) and writes:

    OUTDIR/man/pushgate.1, pushgate-check.1, pushgate-schemas-import.1, ...
    OUTDIR/completions/pushgate.bash, _pushgate (zsh), pushgate.fish

A help text this parser does not understand (no Usage: line, an option line without a name) is an
error, not a thinner page: the build stops. tests/integration/test_package.sh checks the pages and
completions against the binary's help.
"""
import re
import subprocess
import sys
from pathlib import Path

SECTION_RE = re.compile(r"^(Positionals|Options|Subcommands):$")
ITEM_RE = re.compile(r"^  (\S.*?)(?:\s{2,}(\S.*))?$")


def fail(message):
    sys.exit(f"cli_docs.py: {message}")


def run_help(binary, path):
    done = subprocess.run([binary, *path, "--help"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        fail(f"`{' '.join(['pushgate', *path, '--help'])}` exited {done.returncode}")
    return done.stdout


def parse_help(text, path):
    lines = text.rstrip("\n").split("\n")
    usage_at = next((i for i, l in enumerate(lines) if l.startswith("Usage: ")), None)
    if usage_at is None:
        fail(f"no Usage: line in the help of {' '.join(['pushgate', *path])}")
    page = {
        "path": path,
        "description": " ".join(l.strip() for l in lines[:usage_at] if l.strip()),
        "usage": re.sub(r"^Usage: \S+", "pushgate", lines[usage_at]),
        "Positionals": [], "Options": [], "Subcommands": [], "footer": [],
    }
    section = None
    for line in lines[usage_at + 1:]:
        if SECTION_RE.match(line):
            section = line[:-1]
            continue
        if section is None:
            if line.strip():
                page["footer"].append(line)
            continue
        if not line.strip():
            section = "blank"
            continue
        if section == "blank":  # after a section's blank line: footer text
            page["footer"].append(line)
            section = "footer"
            continue
        if section == "footer":
            page["footer"].append(line)
            continue
        if line.startswith("    ") and page[section]:  # a long name pushes the help to a new line
            name, help_text = page[section][-1]
            page[section][-1] = (name, (help_text + " " + line.strip()).strip())
            continue
        match = ITEM_RE.match(line)
        if not match:
            fail(f"cannot read this {section} line of {' '.join(path)}: {line!r}")
        page[section].append((match.group(1).strip(), (match.group(2) or "").strip()))
    return page


def collect(binary, path=()):
    page = parse_help(run_help(binary, list(path)), list(path))
    pages = [page]
    for name, _ in page["Subcommands"]:
        pages += collect(binary, (*path, name))
    return pages


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + l if l.startswith((".", "'")) else l) for l in text.split("\n"))


def option_names(name):
    """'-j,--jobs UINT' -> ['-j', '--jobs']; '--format TEXT:{text,json}=text' -> ['--format']."""
    return [n for n in name.split(" ")[0].split(",") if n.startswith("-")]


def option_choices(name):
    match = re.search(r":\{([^}]*)\}", name)
    return match.group(1).split(",") if match else []


def man_page(page, version, all_pages):
    title = "-".join(["pushgate", *page["path"]])
    th_title = roff(title.upper())
    out = [f'.TH {th_title} 1 "" "pushgate {version}" "pushgate manual"', ".nh", ".ad l",
           ".SH NAME", f"{roff(title)} \\- {roff(page['description'])}",
           ".SH SYNOPSIS", ".B " + roff(page["usage"]),
           ".SH DESCRIPTION", roff(page["description"])]
    for section, heading in (("Positionals", "ARGUMENTS"), ("Options", "OPTIONS"),
                             ("Subcommands", "COMMANDS")):
        if not page[section]:
            continue
        out.append(f".SH {heading}")
        for name, help_text in page[section]:
            shown = "pushgate-" + "-".join([*page["path"], name]) + "(1)" \
                if section == "Subcommands" else ""
            out += [".TP", ".B " + roff(name), roff(help_text + (f" (see {shown})" if shown else ""))]
    if page["footer"]:
        out += [".SH NOTES", ".nf"] + [roff(l) for l in page["footer"]] + [".fi"]
    see = sorted({"pushgate-" + "-".join(p["path"]) if p["path"] else "pushgate"
                  for p in all_pages} - {title})
    out += [".SH SEE ALSO", ", ".join(f"\\fB{roff(s)}\\fR(1)" for s in see) + ".",
            "The documentation in /usr/share/doc/pushgate/."]
    return "\n".join(out) + "\n"


def bash_completion(pages):
    cases = []
    for page in pages:
        key = " ".join(page["path"])
        words = [n for n, _ in page["Subcommands"]]
        choices = []
        for name, _ in page["Options"]:
            words += option_names(name)
            if option_choices(name):
                for opt in option_names(name):
                    choices.append(f'      {opt}) COMPREPLY=($(compgen -W "{" ".join(option_choices(name))}" -- "$cur")); return ;;')
        takes_value = " ".join(o for n, _ in page["Options"] for o in option_names(n)
                               if re.search(r" [A-Z]", n) and not option_choices(n))
        cases.append(f'    "{key}")\n      case "$prev" in\n' + "\n".join(choices) +
                     ("\n" if choices else "") +
                     f'      esac\n      words_="{" ".join(words)}"; values_="{takes_value}"; files_={1 if page["Positionals"] else 0} ;;')
    subs = sorted({n for p in pages for n, _ in p["Subcommands"]})
    return f"""# bash completion for pushgate -- generated from `pushgate --help` by cmake/cli_docs.py
_pushgate() {{
  local cur prev path word words_ values_ files_ i
  COMPREPLY=()
  cur=${{COMP_WORDS[COMP_CWORD]}}
  prev=${{COMP_WORDS[COMP_CWORD-1]}}
  path=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${{COMP_WORDS[i]}}
    case " {' '.join(subs)} " in
      *" $word "*) path=${{path:+$path }}$word ;;
    esac
  done
  case "$path" in
{chr(10).join(cases)}
    *) return ;;
  esac
  case " $values_ " in
    *" $prev "*) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ $cur == -* || $files_ == 0 ]]; then
    COMPREPLY=($(compgen -W "$words_" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$words_" -- "$cur") $(compgen -f -- "$cur"))
  fi
}}
complete -o filenames -F _pushgate pushgate
"""


def fish_quote(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish_completion(pages):
    out = ["# fish completion for pushgate -- generated from `pushgate --help` by cmake/cli_docs.py",
           "complete -c pushgate -f"]
    for page in pages:
        if page["path"]:
            cond = " && ".join(f"__fish_seen_subcommand_from {p}" for p in page["path"])
        else:
            cond = "__fish_use_subcommand"
        children = [n for n, _ in page["Subcommands"]]
        if page["path"] and children:
            cond_sub = cond + " && not __fish_seen_subcommand_from " + " ".join(children)
        else:
            cond_sub = cond
        for name, help_text in page["Subcommands"]:
            out.append(f"complete -c pushgate -n {fish_quote(cond_sub)} -a {name} -d {fish_quote(help_text[:80])}")
        for name, help_text in page["Options"]:
            flags = ""
            for opt in option_names(name):
                flags += f" -l {opt[2:]}" if opt.startswith("--") else f" -s {opt[1:]}"
            extra = ""
            if option_choices(name):
                extra = " -x -a " + fish_quote(" ".join(option_choices(name)))
            elif re.search(r" [A-Z]", name):
                extra = " -r -F"
            out.append(f"complete -c pushgate -n {fish_quote(cond)}{flags}{extra} -d {fish_quote(help_text[:80])}")
        if page["Positionals"]:
            out.append(f"complete -c pushgate -n {fish_quote(cond_sub)} -F")
    return "\n".join(out) + "\n"


def zsh_completion(pages):
    cases = []
    for page in pages:
        key = " ".join(page["path"])
        items = [f"{n}:{h[:70]}" for n, h in page["Subcommands"]]
        opts = []
        for name, help_text in page["Options"]:
            for opt in option_names(name):
                opts.append(f"{opt}:{help_text[:70]}")
        quoted = " ".join("'" + i.replace("'", "'\\''").replace("[", "").replace("]", "") + "'"
                          for i in items)
        quoted_opts = " ".join("'" + o.replace("'", "'\\''") + "'" for o in opts)
        cases.append(f'    "{key}") subs=({quoted}); opts=({quoted_opts}); files={1 if page["Positionals"] else 0} ;;')
    subs = sorted({n for p in pages for n, _ in p["Subcommands"]})
    return f"""#compdef pushgate
# zsh completion for pushgate -- generated from `pushgate --help` by cmake/cli_docs.py
_pushgate() {{
  local -a subs opts
  local path="" files=0 word i
  for ((i = 2; i < CURRENT; i++)); do
    word=${{words[i]}}
    case " {' '.join(subs)} " in
      *" $word "*) path=${{path:+$path }}$word ;;
    esac
  done
  case "$path" in
{chr(10).join(cases)}
    *) return 1 ;;
  esac
  if [[ ${{words[CURRENT]}} == -* ]]; then
    _describe -t options 'option' opts
  else
    (( ${{#subs}} )) && _describe -t commands 'command' subs
    (( files )) && _files
  fi
}}
_pushgate "$@"
"""


def main():
    if len(sys.argv) != 4:
        fail("usage: cli_docs.py BINARY OUTDIR VERSION")
    binary, outdir, version = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    pages = collect(binary)
    (outdir / "man").mkdir(parents=True, exist_ok=True)
    (outdir / "completions").mkdir(parents=True, exist_ok=True)
    for page in pages:
        name = "-".join(["pushgate", *page["path"]])
        (outdir / "man" / f"{name}.1").write_text(man_page(page, version, pages))
    (outdir / "completions" / "pushgate.bash").write_text(bash_completion(pages))
    (outdir / "completions" / "_pushgate").write_text(zsh_completion(pages))
    (outdir / "completions" / "pushgate.fish").write_text(fish_completion(pages))


if __name__ == "__main__":
    main()
