"""The local admin made by `make run` can save its account settings: Wagtail's form
requires a name and an e-mail address, which it now has."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.admin.forms.account import NameEmailForm

pytestmark = pytest.mark.django_db


def test_local_admin_has_a_name_and_an_email_its_account_form_accepts(settings, tmp_path):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    call_command("ensure_local_admin", stdout=StringIO())
    admin = get_user_model().objects.get(username="admin")

    form = NameEmailForm(instance=admin, data={
        "first_name": admin.first_name, "last_name": admin.last_name, "email": admin.email,
    })

    assert (admin.first_name, admin.last_name) == ("Local", "Admin")
    assert form.is_valid(), form.errors


def test_an_earlier_local_admin_gets_the_missing_name_and_keeps_its_email(settings,
                                                                          tmp_path):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    get_user_model().objects.create_superuser("admin", "ich@kommune.example", "eigenes")

    call_command("ensure_local_admin", stdout=StringIO())

    admin = get_user_model().objects.get(username="admin")
    assert (admin.first_name, admin.email) == ("Local", "ich@kommune.example")
