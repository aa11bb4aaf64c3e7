"""The `kb` command line, one module per family of commands, all on kb.commands.common.app."""
