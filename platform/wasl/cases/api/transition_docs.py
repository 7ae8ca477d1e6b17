"""The transitions' request body in OpenAPI, built from the registry the code dispatches on.

Every action in ``steps.HANDLERS`` becomes one variant ``{action, payload}``
with its own payload schema, so an action added there is documented with no
change here; ``action`` is the discriminator.
"""

from __future__ import annotations

from flask_babel import force_locale

from wasl.cases.workflow import RULES_BY_NAME
from wasl.cases.workflow.steps import HANDLERS

_REF = "#/components/schemas/"


def _ref(name: str) -> dict:
    return {"$ref": _REF + name}


def variant_name(action: str) -> str:
    """The component that documents one action, e.g. ``record_interaction`` -> ``RecordInteractionTransition``."""
    return "".join(word.capitalize() for word in action.split("_")) + "Transition"


def payload_name(schema_cls) -> str:
    return f"{schema_cls.__name__}Payload"


def _register_payload(spec, schema_cls) -> str:
    name = payload_name(schema_cls)
    if name not in spec.components.schemas:
        spec.components.schema(name, schema=schema_cls)
    return name


def _describe(action: str) -> str:
    rule = RULES_BY_NAME.get(action)
    if rule is None:
        return action
    where = f"step {rule.step}" if rule.step else "any step"
    with force_locale("en"):
        label = str(rule.label)
    return f"{label} ({where}; needs {rule.permission})."


def _register_variant(spec, action: str, step_action) -> str:
    name = variant_name(action)
    if name in spec.components.schemas:
        return name
    payload = _register_payload(spec, step_action.schema)
    spec.components.schema(name, {
        "type": "object",
        "description": _describe(action),
        "required": ["action"],
        "additionalProperties": False,
        "properties": {
            "action": {"type": "string", "enum": [action]},
            "payload": {**_ref(payload), "description": "The action's fields; may be left out when none is "
                                                         "required."},
        },
    })
    return name


def transition_body(spec) -> dict:
    """``oneOf`` the actions' variants, told apart by ``action`` (the request body of POST .../transitions)."""
    names = {action: _register_variant(spec, action, step_action) for action, step_action in sorted(HANDLERS.items())}
    return {
        "oneOf": [_ref(name) for name in names.values()],
        "discriminator": {"propertyName": "action", "mapping": {action: _REF + name for action, name in names.items()}},
    }
