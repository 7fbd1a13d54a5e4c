"""One module per command; each defines a Click command and only parses options."""
from goalbook.commands.build import build
from goalbook.commands.check import check
from goalbook.commands.export import export
from goalbook.commands.init import init
from goalbook.commands.serve import serve

ALL = [init, check, build, serve, export]
