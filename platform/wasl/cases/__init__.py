"""Service requests (cases): opened under a policy version and moved through the steps it prescribes."""


def init_app(app) -> None:
    """Called by the app factory: react to other features' events."""
    from wasl.cases.attestation import on_beneficiary_updated
    from wasl.events import subscribe

    subscribe(app, "beneficiary.updated", on_beneficiary_updated)
