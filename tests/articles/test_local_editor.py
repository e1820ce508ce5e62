import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_development(settings):
    # pytest-django runs with DEBUG off; the command exists for local DEBUG sites.
    settings.DEBUG = True


def test_creates_the_editor_once_and_the_password_works(tmp_path, capsys):
    credentials = tmp_path / "editor.txt"

    call_command("local_editor", credentials_file=str(credentials))
    first = capsys.readouterr().out
    call_command("local_editor", credentials_file=str(credentials))
    second = capsys.readouterr().out

    password = credentials.read_text().split("password: ")[1].strip()
    assert password in first
    assert password not in second and str(credentials) in second
    user = authenticate(
        RequestFactory().post("/admin/login/"), username="editor", password=password
    )
    assert user is not None and user.is_staff


def test_two_machines_get_different_passwords(tmp_path, django_user_model):
    call_command("local_editor", credentials_file=str(tmp_path / "a"))
    django_user_model.objects.all().delete()
    call_command("local_editor", credentials_file=str(tmp_path / "b"))

    assert (tmp_path / "a").read_text() != (tmp_path / "b").read_text()


def test_refused_in_production(settings, tmp_path):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("local_editor", credentials_file=str(tmp_path / "c"))
