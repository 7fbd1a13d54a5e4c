"""Packages are found automatically; the built-in templates live at the top of the
repository (templates/) and are shipped as the package goalbook.templates."""
from setuptools import find_packages, setup

setup(packages=find_packages(include=["goalbook", "goalbook.*"]) + ["goalbook.templates"])
