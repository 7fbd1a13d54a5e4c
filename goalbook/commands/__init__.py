"""One module per command; each defines a Click command and only parses options."""
from goalbook.commands.build import build
from goalbook.commands.check import check
from goalbook.commands.init import init

ALL = [init, check, build]
