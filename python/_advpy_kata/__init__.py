"""The Python half of advpy-kata's bridge. Learners never import this."""

BRIDGE_VERSION = "1"
