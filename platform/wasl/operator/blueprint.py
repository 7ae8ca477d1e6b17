"""The operator console's blueprint, shared by the console and the onboarding wizard."""

from flask import Blueprint

bp = Blueprint("operator", __name__, url_prefix="/operator")
