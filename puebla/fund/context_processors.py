"""What every page's menu needs to know of the Reserve Fund."""

from puebla.fund.permissions import may_ask_to_file


def fund_menu(request) -> dict:
    """Whether the intranet menu offers "Requests to the Reserve Fund" (puebla.fund.permissions).

    A callable, which the template calls only where it shows the menu: reading the user on
    every page would read the session, and a public page would then vary by its cookie."""
    return {"fund_requests_menu": lambda: may_ask_to_file(getattr(request, "user", None))}
