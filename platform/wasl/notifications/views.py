"""Pages: the delivery log, a notification's attempts, templates, providers and delivery rules."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.api.pagination import page_number
from wasl.notifications import services
from wasl.notifications.catalogue import EVENTS, spec_for
from wasl.notifications.forms import CHANNEL_LABELS, ActionForm, RulesForm, TemplateForm, provider_form
from wasl.notifications.models import Channel, NotificationStatus
from wasl.notifications.models.settings import DEFAULT_FALLBACK_ORDER
from wasl.notifications.providers import PROVIDERS

bp = Blueprint("notifications", __name__, url_prefix="/<slug>/admin/notifications")


def _can_manage() -> bool:
    return g.membership is not None and g.membership.grants("notifications.manage")


def _labels() -> dict:
    return {"channels": CHANNEL_LABELS, "events": {k: v.label for k, v in EVENTS.items()}}


@bp.route("")
@access.requires("notifications.view")
def index():
    filters = services.clean_filters(request.args)
    page = services.delivery_log(filters, page_number())
    return render_template("notifications/log.html", page=page, filters=filters, labels=_labels(),
                           statuses=[s.value for s in NotificationStatus], channels=[c.value for c in Channel],
                           mask=services.mask_address)


@bp.route("/<int:notification_id>")
@access.requires("notifications.view")
def detail(notification_id: int):
    found = services.find_notification(notification_id)
    return render_template("notifications/detail.html", detail=found, labels=_labels(), form=ActionForm(),
                           can_manage=_can_manage(), mask=services.mask_address)


@bp.route("/<int:notification_id>/resend", methods=["POST"])
@access.requires("notifications.manage")
def resend(notification_id: int):
    found = services.find_notification(notification_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.resend(found.notification)
    except services.ResendRefused as error:
        flash(error.detail, "danger")
        return redirect(url_for("notifications.detail", notification_id=notification_id))
    flash(_("The notification will be sent again."), "success")
    return redirect(url_for("notifications.detail", notification_id=notification_id))


@bp.route("/templates")
@access.requires("notifications.manage")
def templates():
    return render_template("notifications/templates.html", rows=services.template_rows(), labels=_labels())


def _template_page(event, channel, locale, form, preview, overridden, status=200):
    spec = spec_for(event)
    return render_template("notifications/template_edit.html", spec=spec, channel=channel, locale=locale,
                           form=form, preview=preview, overridden=overridden, labels=_labels(),
                           reset_form=ActionForm(), key=services.template_key(event, channel, locale)), status


def _filled_form(parts: dict) -> TemplateForm:
    return TemplateForm(data={"subject": parts.get("subject"), "body": parts.get("body"),
                              "whatsapp_template": parts.get("template"),
                              "whatsapp_params": "\n".join(parts.get("params") or [])})


@bp.route("/templates/<template_key>", methods=["GET", "POST"])
@access.requires("notifications.manage")
def template_edit(template_key: str):
    event, channel, locale = services.find_template(template_key)
    parts, overridden = services.current_parts(event, channel, locale)
    if request.method == "GET":
        return _template_page(event, channel, locale, _filled_form(parts),
                              services.preview(event, channel, locale, parts), overridden)
    form = TemplateForm()
    if not form.validate_on_submit():
        return _template_page(event, channel, locale, form, None, overridden, 422)
    preview = services.preview(event, channel, locale, form.parts(channel))
    if request.form.get("action") != "save" or preview.error:
        if preview.error and request.form.get("action") == "save":
            flash(_("The wording was not saved: {reason}").format(reason=preview.error), "danger")
        return _template_page(event, channel, locale, form, preview, overridden, 422 if preview.error else 200)
    try:
        services.save_template(event, channel, locale, form.parts(channel))
    except services.TemplateRejected as error:
        flash(_("The wording was not saved: {reason}").format(reason=str(error)), "danger")
        return _template_page(event, channel, locale, form, preview, overridden, 422)
    flash(_("The association's wording was saved."), "success")
    return redirect(url_for("notifications.template_edit", template_key=template_key))


@bp.route("/templates/<template_key>/reset", methods=["POST"])
@access.requires("notifications.manage")
def template_reset(template_key: str):
    parsed = services.find_template(template_key)
    if ActionForm().validate_on_submit() and services.reset_template(*parsed):
        flash(_("The message is back to the standard wording."), "success")
    return redirect(url_for("notifications.template_edit", template_key=template_key))


@bp.route("/providers")
@access.requires("notifications.manage")
def providers():
    return render_template("notifications/providers.html", setups=services.provider_overview(),
                           labels=_labels(), providers=PROVIDERS)


def _provider_page(channel, provider_cls, form, status=200):
    current = services.provider_config(channel)
    return render_template("notifications/provider_edit.html", channel=channel, provider_cls=provider_cls,
                           form=form, choices=services.offered_providers(channel, current), labels=_labels(),
                           current=current), status


@bp.route("/providers/<delivery_channel>", methods=["GET", "POST"])
@access.requires("notifications.manage")
def provider_edit(delivery_channel: str):
    provider_cls, current = services.provider_to_edit(delivery_channel, request.values.get("provider"))
    if request.method == "GET":
        data = dict(current.settings or {}) if current and current.provider == provider_cls.key else {}
        data["enabled"] = current.enabled if current else True
        return _provider_page(delivery_channel, provider_cls, provider_form(provider_cls, data=data))
    form = provider_form(provider_cls)
    if not form.validate_on_submit():
        return _provider_page(delivery_channel, provider_cls, form, 422)
    values = {field.name: getattr(form, field.name).data for field in provider_cls.fields}
    try:
        services.save_provider(delivery_channel, provider_cls.key, values, bool(form.enabled.data))
    except services.ConfigurationError as error:
        flash(error.detail, "danger")
        return _provider_page(delivery_channel, provider_cls, form, 422)
    flash(_("The provider settings were saved."), "success")
    return redirect(url_for("notifications.providers"))


@bp.route("/settings", methods=["GET", "POST"])
@access.requires("notifications.manage")
def settings():
    current = services.delivery_rules()
    order = [*(current.fallback_order or []), *DEFAULT_FALLBACK_ORDER][:3]
    form = RulesForm(data={"quiet_hours_enabled": current.quiet_hours_enabled, "quiet_start": current.quiet_start,
                           "quiet_end": current.quiet_end, "first": order[0], "second": order[1],
                           "third": order[2]} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.save_rules(form.quiet_hours_enabled.data, form.quiet_start.data, form.quiet_end.data,
                                     form.fallback_order())
        except services.ConfigurationError as error:
            flash(error.detail, "danger")
            return render_template("notifications/settings.html", form=form), 422
        flash(_("The delivery rules were saved."), "success")
        return redirect(url_for("notifications.settings"))
    return render_template("notifications/settings.html", form=form), 422 if form.errors else 200
