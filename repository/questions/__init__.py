"""Ask the implementers: questions on a solution page to the developing project's team
and the adopters who answer questions, their answers, the asker's choice of the most
helpful one, and the office's FAQ made of them (repository.models.questions). Who may
do what: :mod:`repository.questions.permissions`; the one way anything is written:
:mod:`repository.questions.service`.
"""
