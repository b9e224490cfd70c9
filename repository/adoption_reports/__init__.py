"""Municipalities report their own adoptions of a solution.

A signed-in member whose profile names a municipality says on a solution page "we use
this", "we are introducing this" or "we looked at it and decided against" (why), with a
contact person if they like. The report is an :class:`~repository.models.Adoption` with
source "municipality" that waits, unseen by the public and by search, until an editor or
the solution's model-project team confirms it (then it joins the reuse ledger) or
rejects it. The project team hears of every report. Who may do what:
:mod:`repository.adoption_reports.permissions`.
"""
