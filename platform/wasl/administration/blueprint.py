"""The administration blueprint: every page under ``/<slug>/admin/``."""

from flask import Blueprint

bp = Blueprint("administration", __name__, url_prefix="/<slug>/admin")
