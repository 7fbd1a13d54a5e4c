"""One module per command; each defines a Click command and only parses options."""
from goalbook.commands.build import build
from goalbook.commands.check import check
from goalbook.commands.checkin import checkin
from goalbook.commands.export import export
from goalbook.commands.init import init
from goalbook.commands.new import new
from goalbook.commands.schema import schema
from goalbook.commands.serve import serve
from goalbook.commands.share import share

ALL = [init, check, build, serve, export, share, new, checkin, schema]
