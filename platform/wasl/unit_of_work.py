"""One unit of work per request: commit once after an answer under 400, roll back otherwise.

Views and services add, change and flush; none of them commits. The commit happens after the view has
answered and every other ``after_request`` hook has run (it is put first in the list, which Flask runs
backwards). An answer of 400 or more, or an exception anywhere in the request, rolls back, so a
half-done write never persists; a view whose refusal must still record something says so with
``keep_writes()``. Work handed to the workers is enqueued by ``wasl.jobs`` once the commit is made.
"""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy.exc import InterfaceError, OperationalError

from wasl.db import db


def keep_writes() -> None:
    """Commit this request's writes even though it answers 400 or more (a failed sign-in's count, say)."""
    g.wasl_keep_writes = True


def commit_unless_refused(response):
    if response.status_code < 400 or g.pop("wasl_keep_writes", False):
        try:
            db.session.commit()
        except Exception as error:  # noqa: BLE001 - answered by the app's own handler for it, below
            return _answer_for_failed_commit(error)
    else:
        roll_back()
    return response


def _answer_for_failed_commit(error: Exception):
    """The view answered but its writes could not be kept: the answer is the one for ``error``
    (a lost database connection is a 503 with Retry-After), as if the view had raised it; that handler
    rolls the session back (a rollback here could itself fail on the lost connection)."""
    answer = current_app.make_response(current_app.handle_user_exception(error))
    for hook in reversed(current_app.after_request_funcs.get(None, [])):
        if hook is not commit_unless_refused:  # the other hooks still dress the answer (security headers...)
            answer = hook(answer)
    return answer


def roll_back_on_error(error: BaseException | None) -> None:
    if error is not None:
        roll_back()


def roll_back() -> None:
    """Roll the session back; on a lost connection, drop the connection instead (nothing was kept)."""
    try:
        db.session.rollback()
    except (OperationalError, InterfaceError):  # the connection is gone, and nothing was kept: drop it
        db.session().invalidate()


def init_app(app) -> None:
    app.after_request_funcs.setdefault(None, []).insert(0, commit_unless_refused)  # Flask runs them last first
    app.teardown_request(roll_back_on_error)
