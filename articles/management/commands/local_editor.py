import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "editor"


class Command(BaseCommand):
    help = "Create the local-only editor account once (generated password); say how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--credentials-file", default=str(settings.BASE_DIR / ".local-editor"))
        parser.add_argument("--admin-url", default="/admin/", help="Where the editor logs in.")

    def handle(self, *args, credentials_file, admin_url, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The local editor account exists for development only; in production "
                "create real accounts with `python manage.py createsuperuser`."
            )
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                f"Editor login: {admin_url} as «{USERNAME}»; the password is in {credentials_file} "
                f"(or set a new one: python manage.py changepassword {USERNAME})."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=USERNAME, email="", password=password)
        with open(credentials_file, "w", encoding="utf-8") as fh:
            fh.write(f"username: {USERNAME}\npassword: {password}\n")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the local editor account. Log in at {admin_url} with\n"
                f"  username: {USERNAME}\n  password: {password}\n"
                f"(kept in {credentials_file}, which git ignores)."
            )
        )
