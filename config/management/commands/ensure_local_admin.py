import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

# Wagtail's account settings require a name and an e-mail address on every save, so an
# admin without them could not even change the admin language ("required" twice).
LOCAL_ADMIN_PROFILE = {"first_name": "Local", "last_name": "Admin"}


class Command(BaseCommand):
    help = (
        "Create a local administrator for the embedded development setup (DEBUG only) "
        "and print its credentials. The password is generated once and kept in "
        "var/local-admin.txt so that later runs print the same one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_local_admin only runs with DEBUG on; in production use "
                "`manage.py createsuperuser`."
            )
        credentials_file = settings.VAR_DIR / "local-admin.txt"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = credentials_file.read_text().strip() if credentials_file.exists() else None

        if user is not None:
            self.complete_profile(user, username)
        if user is not None and not (password and user.check_password(password)):
            # The developer chose another password (or removed the file): keep theirs.
            self.stdout.write(self.style.SUCCESS("Local admin account (development only):"))
            self.stdout.write(f"  URL:      {settings.WAGTAILADMIN_BASE_URL}/admin/")
            self.stdout.write(f"  Username: {username} (with the password you set)")
            return
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User(username=username, email=f"{username}@localhost",
                        is_staff=True, is_superuser=True, **LOCAL_ADMIN_PROFILE)
            user.set_password(password)
            user.save()
            credentials_file.parent.mkdir(parents=True, exist_ok=True)
            credentials_file.write_text(password + "\n")
            credentials_file.chmod(0o600)

        self.stdout.write(self.style.SUCCESS("Local admin account (development only):"))
        self.stdout.write(f"  URL:      {settings.WAGTAILADMIN_BASE_URL}/admin/")
        self.stdout.write(f"  Username: {username}")
        self.stdout.write(f"  Password: {password}")

    @staticmethod
    def complete_profile(user, username: str) -> None:
        """Fill in what an admin made by an earlier version lacks; keep what was set."""
        missing = {field: value for field, value in
                   {**LOCAL_ADMIN_PROFILE, "email": f"{username}@localhost"}.items()
                   if not getattr(user, field)}
        if missing:
            for field, value in missing.items():
                setattr(user, field, value)
            user.save(update_fields=list(missing))
