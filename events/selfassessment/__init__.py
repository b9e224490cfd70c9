"""The self-assessment: a short questionnaire that places a municipality on the maturity
path (the office's stages, :class:`MaturityStage`) and gives next steps in the programme:
formats, events, solutions that similar municipalities adopted, peer groups and a
pre-filled expression of interest. Results are the asker's own; the office sees only
counts (``report.py``)."""
