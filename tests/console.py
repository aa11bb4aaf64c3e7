"""How a test runs kb as its console script does, in a process of its own:
`[sys.executable, "-c", CONSOLE_SCRIPT, *args]` (kb.cli.main, with `--db` anywhere and the
process ended as an installed `kb` ends it)."""

CONSOLE_SCRIPT = "import sys; from kb.cli import main; sys.argv = ['kb', *sys.argv[1:]]; main()"
