from goalbook.cli import run

run()
