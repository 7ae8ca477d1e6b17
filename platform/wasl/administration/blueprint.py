"""The administration blueprint: every page under ``/<slug>/admin/``, behind the second factor."""

from flask import Blueprint

from wasl.operator.gate import require_second_factor

bp = Blueprint("administration", __name__, url_prefix="/<slug>/admin")
bp.before_request(require_second_factor)
