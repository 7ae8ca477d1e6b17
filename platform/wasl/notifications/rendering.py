"""Rendering message templates in a locked-down Jinja sandbox.

Templates (shipped files and associations' overrides alike) see only the
context they are given: no globals, no attribute beyond the sandbox's safe
list, immutable values, bounded repetition, and any undefined name is an
error rather than an empty string, so a typo shows up in the admin's preview.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, field

from flask_babel import gettext as _
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_SOURCE = 5000
MAX_OUTPUT = 4000
MAX_REPEAT = 1000


class TemplateRejected(ValueError):
    """A template that cannot be used; ``str()`` is a message for the association's admin.

    ``field`` names the part at fault (``subject``, ``body``, ``template``, ``params``) when it is known.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class _MessageSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, op, left, right):
        # ``'x' * 10**9`` would exhaust memory long before any output limit is checked.
        if op == "**" and isinstance(right, int) and right > 64:
            raise SecurityError("exponent too large")
        if op == "*" and any(isinstance(v, (str, list, tuple)) for v in (left, right)):
            count = right if isinstance(right, int) else left
            if isinstance(count, int) and count > MAX_REPEAT:
                raise SecurityError("repetition too large")
        return operator.pow(left, right) if op == "**" else operator.mul(left, right)


@functools.cache
def environment() -> _MessageSandbox:
    env = _MessageSandbox(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)
    env.globals.clear()  # no range, dict, cycler, lipsum...: only what the context hands over
    return env


@dataclass(frozen=True)
class RenderedMessage:
    body: str
    subject: str | None = None
    template_name: str | None = None
    template_params: list[str] = field(default_factory=list)


def render_text(source: str | None, context: dict, *, what: str = "body") -> str:
    """Render one field; raises TemplateRejected with a message for people."""
    if source is None:
        return ""
    if len(source) > MAX_SOURCE:
        raise TemplateRejected(_("The {field} is longer than {limit} characters.").format(
            field=what, limit=MAX_SOURCE))
    try:
        output = environment().from_string(source).render(context)
    except TemplateSyntaxError as error:
        raise TemplateRejected(_("The {field} has a syntax error on line {line}: {error}").format(
            field=what, line=error.lineno, error=error.message)) from error
    except SecurityError as error:
        raise TemplateRejected(_(
            "The {field} tries to reach something outside the message's data, which is not allowed. "
            "Use only the variables listed on this page."
        ).format(field=what)) from error
    except UndefinedError as error:
        raise TemplateRejected(_(
            "The {field} uses a name that this message does not have ({error}). "
            "Use only the variables listed on this page."
        ).format(field=what, error=error.message)) from error
    except (TemplateError, TypeError, ValueError, ArithmeticError) as error:
        raise TemplateRejected(_("The {field} could not be rendered: {error}").format(
            field=what, error=str(error))) from error
    if len(output) > MAX_OUTPUT:
        raise TemplateRejected(_("The {field} renders to more than {limit} characters.").format(
            field=what, limit=MAX_OUTPUT))
    return output.strip()


def _render_part(field: str, source: str | None, context: dict, what: str) -> str:
    try:
        return render_text(source, context, what=what)
    except TemplateRejected as error:
        error.field = error.field or field
        raise


def render_parts(parts: dict, context: dict) -> RenderedMessage:
    """Render a message's fields (subject, body, WhatsApp template parameters)."""
    params = [_render_part("params", p, context, _("WhatsApp parameter {n}").format(n=i + 1))
              for i, p in enumerate(parts.get("params") or [])]
    return RenderedMessage(
        body=_render_part("body", parts.get("body"), context, _("message text")),
        subject=_render_part("subject", parts["subject"], context, _("subject")) if parts.get("subject") else None,
        template_name=parts.get("template"),
        template_params=params,
    )
