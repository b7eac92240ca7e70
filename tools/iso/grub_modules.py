"""grub_modules.py: the GRUB modules a grub.cfg needs on one platform, from GRUB's own lists.

`make iso` (tools/iso/mkiso.sh) asks it which modules each of the ISO's two
GRUBs carries, so that list follows grub.cfg instead of being kept by hand:

    grub_modules.py GRUB_DIR GRUB_CFG [--embedded] [--also MODULE...] [--without MODULE...]

GRUB_DIR is a platform's module directory (/usr/lib/grub/i386-pc or
x86_64-efi). Two of GRUB's files there say what is needed:
  command.lst  "name: module" for every command a module provides (a
               leading `*` marks an extended command); this is also the
               list GRUB's `normal` reads to load a module when a command
               is first used;
  moddep.lst   "module: dependency ..." for every module.
The roots are: `normal` (the module that reads grub.cfg), the module of
every command the file runs, every module it names in `insmod` that
exists on this platform (an `insmod efi_gop` is skipped on i386-pc: GRUB
there never runs it, grub.cfg guards it with `$grub_platform`), and
--also. With --embedded the file is a configuration built into the core
image, which GRUB's kernel runs itself, without `normal`, and which
cannot load a module for a command: there only its `insmod` lines count.
The
answer is their closure under moddep.lst, without the closure of
--without (the modules already built into GRUB's core image), sorted,
space-separated on one line.
"""

import argparse
import os
import shlex
import sys

# Words that open, continue or close a compound command: the command
# itself is the word after them (GRUB manual, "Shell-like scripting").
KEYWORDS = {"if", "then", "elif", "else", "fi", "while", "until", "do", "done", "!", "{", "}"}
# The module that parses grub.cfg and runs its commands.
CONFIG_READER = "normal"


def read_list(path):
    """A GRUB .lst file as {key: [words after the colon]}."""
    entries = {}
    with open(path) as lst:
        for line in lst:
            key, colon, value = line.partition(":")
            if colon:
                entries[key.strip()] = value.split()
    return entries


def commands(config_text):
    """Each simple command of a grub.cfg as its list of words."""
    found = []
    for line in config_text.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words = []
        for token in list(lexer) + [";"]:
            if token == ";":
                if words:
                    found.append(words)
                words = []
            elif words or token not in KEYWORDS:
                words.append(token)
    return found


def needed_roots(config_text, command_modules, platform_modules, embedded):
    roots = set() if embedded else {CONFIG_READER}
    for words in commands(config_text):
        name = words[0]
        if name == "insmod":
            roots.update(m for m in words[1:] if m in platform_modules)
        elif name in command_modules and not embedded:
            roots.add(command_modules[name])
    return roots


def closure(roots, dependencies):
    """Every module in roots and, transitively, every module they depend on."""
    seen, todo = set(), list(roots)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        if module not in dependencies:
            sys.exit(f"grub_modules: GRUB has no module {module!r} on this platform")
        seen.add(module)
        todo.extend(dependencies[module])
    return seen


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("grub_dir", help="GRUB's module directory for one platform")
    parser.add_argument("config", help="the grub.cfg whose commands count")
    parser.add_argument("--embedded", action="store_true",
                        help="the config is built into the core image, read without normal")
    parser.add_argument("--also", nargs="*", default=[], help="modules needed besides grub.cfg's")
    parser.add_argument("--without", nargs="*", default=[],
                        help="modules (with their dependencies) already in the core image")
    args = parser.parse_args()
    dependencies = read_list(os.path.join(args.grub_dir, "moddep.lst"))
    command_modules = {name.lstrip("*"): modules[0] for name, modules in
                       read_list(os.path.join(args.grub_dir, "command.lst")).items()}
    with open(args.config) as config:
        roots = needed_roots(config.read(), command_modules, dependencies, args.embedded)
    needed = closure(roots | set(args.also), dependencies) - closure(args.without, dependencies)
    print(" ".join(sorted(needed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
