"""The expert directory: members who opted in on their profile, with their expertise,
municipality, the solutions they built (project team) or run (confirmed adoptions that
name them as contact) and their groups; signed-in members search it and write to an
expert through the platform, which never shows the expert's address.

It lives in the repository plugin because it reads project teams and the reuse ledger
besides the community's members and groups (the layers: repository > community).

- ``directory``: who is listed, the filters, and each expert's card (a fixed number of
  queries per page of experts);
- ``forms``: the search form and the contact form;
- ``contact``: the e-mail to the expert (Reply-To the sender) and the sender's copy;
- ``views`` and ``api``: the pages and ``/api/v2/experts/``.
"""
