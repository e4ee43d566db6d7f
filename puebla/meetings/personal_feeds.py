"""Private calendar addresses (DESIGN.md §3 applied to subscriptions).

Calendar programs cannot sign in, so a person's feed is reached through a secret address:
a random token (256 bits) that only its hash stands for in the database, shown to its owner
once, revocable at any time. The feed lists what the owner may see *now*: a deactivated
account's address answers 404, and meetings of a body the person left drop out. Like its
sessions, an account's address does not come back when it is reactivated: an address made
before the account's sessions were ended is dead, and the person makes a new one. The token is
a URL argument named `token`, which the access log redacts (puebla.core.logs).
"""

import secrets

from django.db import transaction

from puebla.accounts.models import hash_token
from puebla.core import access
from puebla.meetings.models import CalendarFeed


@transaction.atomic
def feed_address_create(*, user) -> str:
    """A new private address for `user` (any earlier one stops working); returns its token."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(user=user).delete()
    CalendarFeed.objects.create(user=user, token_hash=hash_token(token))
    return token


@transaction.atomic
def feed_address_revoke(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def feed_owner(token: str):
    """The active account whose live address `token` is, or None."""
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    if feed is None or not access.is_signed_in(feed.user) or not _is_live(feed):
        return None
    return feed.user


def current_feed(user) -> CalendarFeed | None:
    """`user`'s address if it still works."""
    feed = CalendarFeed.objects.filter(user=user).first()
    return feed if feed is not None and _is_live(feed) else None


def _is_live(feed: CalendarFeed) -> bool:
    ended = feed.user.sessions_ended_at
    return ended is None or feed.created_at > ended
