"""The test kit (tests/support/) serves every test; its fixtures are in tests/support/fixtures.py."""

pytest_plugins = ["tests.support.fixtures"]
