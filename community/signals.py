"""Signals that other plugins may answer without the community knowing them."""

from django.dispatch import Signal

# Sent when a moderator publishes a working community's decision (sender: Decision,
# arguments: decision, user). The repository answers with a draft publication that
# points back to it and sets ``decision.publication``.
decision_published = Signal()
