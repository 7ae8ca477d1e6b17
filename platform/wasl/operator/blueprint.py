"""The operator console's blueprint, shared by the console and the onboarding wizard."""

from flask import Blueprint

from wasl.operator.gate import require_second_factor

bp = Blueprint("operator", __name__, url_prefix="/operator")
bp.before_request(require_second_factor)
