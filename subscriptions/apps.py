from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "Following by email"

    def ready(self):
        from comments.privacy import commenter_erased
        from subscriptions.permissions import grant_therapist_group
        from subscriptions.services import erase_addresses

        commenter_erased.connect(erase_addresses, dispatch_uid="subscriptions-erase")
        # After auth's post_migrate has made this app's permissions (auth is listed first).
        post_migrate.connect(grant_therapist_group, sender=self)
