"""What the registrations tell other plugins, which events may not import (the layers
run one way): they connect their receivers in their own ``AppConfig.ready()``."""

from django.dispatch import Signal

# Sent in the transaction that records who attended an event (the office's attendance
# list, ``events.registrations.admin``), with ``event`` (the registrations' language
# version) and ``registrations`` (the confirmed ones, attendance saved): the academy
# issues the certificates that this attendance completes.
attendance_recorded = Signal()
