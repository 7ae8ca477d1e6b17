"""One form per editable section of a draft; rows are added through an empty row, removed with a box.

Choices (step types, roles, kinds...) are shown by the templates from the
vocabulary; the service validates every value, so the forms keep the raw keys.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectMultipleField,
    StringField,
)

from wasl.policy import vocabulary as vocab
from wasl.policy.forms import (
    REMOVE,
    DecisionWindowForm,
    SectionForm,
    SurveyForm,
    TextBlock,
    TextLine,
    is_blank,
    kept_rows,
    make_key,
    text_data,
    text_value,
)


def _without_none(data: dict) -> dict:
    return {key: value for key, value in data.items() if value is not None and value != []}


class TextRow(TextBlock):
    remove = BooleanField(REMOVE)


def _text_rows(values) -> list[dict]:
    return [text_data(v) for v in values or []]


def _text_list(form_list) -> list[dict]:
    return [text_value(row) or {"ar": ""} for row in kept_rows(form_list)]


class GoalRow(Form):
    text = FormField(TextBlock, label=_l("Goal"))
    measure = StringField(_l("Measured by"))
    remove = BooleanField(REMOVE)


class TextsForm(SectionForm):
    title = FormField(TextLine, label=_l("Title"))
    preamble = FormField(TextBlock, label=_l("Preamble"))
    general_goal = FormField(TextBlock, label=_l("General goal"))
    detailed_goals = FieldList(FormField(GoalRow), label=_l("Detailed goals"))
    practices_intro = FormField(TextLine, label=_l("Introduction to the practices"))
    practices = FieldList(FormField(TextRow), label=_l("Practices"))

    @classmethod
    def content_to_form(cls, content):
        return {
            "title": text_data(content.get("title")),
            "preamble": text_data(content.get("preamble")),
            "general_goal": text_data(content.get("general_goal")),
            "detailed_goals": [{"text": text_data(g.get("text")), "measure": g.get("measure") or ""}
                               for g in content.get("detailed_goals") or []],
            "practices_intro": text_data(content.get("practices_intro")),
            "practices": _text_rows(content.get("practices")),
        }

    def add_blank_rows(self):
        self.detailed_goals.append_entry()
        self.practices.append_entry()

    def to_data(self):
        goals = [_without_none({"text": text_value(row.text) or {"ar": ""}, "measure": row.measure.data or None})
                 for row in kept_rows(self.detailed_goals)]
        return {
            "title": text_value(self.title) or {"ar": ""},
            "preamble": text_value(self.preamble) or {"ar": ""},
            "general_goal": text_value(self.general_goal) or {"ar": ""},
            "detailed_goals": goals,
            "practices_intro": text_value(self.practices_intro),
            "practices": _text_list(self.practices),
        }


class ChannelRow(Form):
    key = HiddenField()
    label = FormField(TextLine, label=_l("Label"))
    enabled = BooleanField(_l("In use"))
    # A canonical channel offered to the association but not in its policy yet.
    suggested = HiddenField()


class ChannelsForm(SectionForm):
    content_key = list_field = "channels"
    channels = FieldList(FormField(ChannelRow), label=_l("Channels"))

    @classmethod
    def content_to_form(cls, content):
        rows = [{"key": c["key"], "label": text_data(c.get("label")), "enabled": c.get("enabled", True)}
                for c in content.get("channels") or []]
        present = {row["key"] for row in rows}
        rows += [{"key": key, "label": text_data(label), "enabled": False, "suggested": "1"}
                 for key, label in vocab.CANONICAL_CHANNELS.items() if key not in present]
        return {"channels": rows}

    def add_blank_rows(self):
        self.channels.append_entry()

    def to_data(self):
        rows = [row.form for row in self.channels if not is_blank(row.form, ignore=("key", "enabled", "suggested"))]
        taken = {row.key.data for row in rows if row.key.data}
        data = []
        for row in rows:
            if row.suggested.data and not row.enabled.data:
                continue
            key = row.key.data or make_key(row.label.en.data, taken, "channel")
            data.append({"key": key, "label": text_value(row.label) or {"ar": ""}, "enabled": bool(row.enabled.data)})
        return data


class ReferenceRow(Form):
    key = HiddenField()
    kind = StringField(_l("Kind"))
    title = FormField(TextLine, label=_l("Title"))
    url = StringField(_l("Link (https://…)"))
    file = HiddenField(_l("Uploaded file"))
    upload = FileField(_l("Upload a PDF"))
    remove = BooleanField(REMOVE)


class ReferencesForm(SectionForm):
    content_key = "references"
    heading = FormField(TextLine, label=_l("Heading"))
    items = FieldList(FormField(ReferenceRow), label=_l("References"))

    @classmethod
    def content_to_form(cls, content):
        references = content.get("references") or {}
        return {"heading": text_data(references.get("heading")),
                "items": [{"key": r.get("key", ""), "kind": r.get("kind", ""), "title": text_data(r.get("title")),
                           "url": r.get("url", ""), "file": r.get("file", "")}
                          for r in references.get("items") or []]}

    def add_blank_rows(self):
        self.items.append_entry()

    def kept_rows(self) -> list:
        return [row.form for row in self.items if not row.form.remove.data and not _blank_reference(row.form)]

    def to_data(self):
        taken = {row.form.key.data for row in self.items if row.form.key.data}
        items = []
        for row in self.kept_rows():
            key = row.key.data or make_key(row.title.en.data, taken, "reference")
            items.append(_without_none({"key": key, "kind": row.kind.data or "", "title": text_value(row.title)
                                        or {"ar": ""}, "url": (row.url.data or "").strip() or None,
                                        "file": row.file.data or None}))
        return _without_none({"heading": text_value(self.heading), "items": items}) | {"items": items}


def chosen_file(row):
    """The file picked for a reference row, if any."""
    upload = row.upload.data
    return upload if upload is not None and getattr(upload, "filename", None) else None


def _blank_reference(row) -> bool:
    return is_blank(row, ignore=("key", "kind", "remove", "upload")) and chosen_file(row) is None


class StepRow(Form):
    type = StringField(_l("Step"))
    wording = FormField(TextBlock, label=_l("Wording"))
    responsible_role = StringField(_l("Responsible role"))
    target_role = StringField(_l("Refers to (role)"))
    decision_body = FormField(TextLine, label=_l("Decision body"))
    declaration = FormField(TextBlock, label=_l("Pledge declaration"))
    remove = BooleanField(REMOVE)


class ProcedureForm(SectionForm):
    content_key = "procedure"
    heading = FormField(TextLine, label=_l("Heading"))
    steps = FieldList(FormField(StepRow), label=_l("Steps"))

    @classmethod
    def content_to_form(cls, content):
        procedure = content.get("procedure") or {}
        steps = [{"type": s.get("type", ""), "wording": text_data(s.get("wording")),
                  "responsible_role": s.get("responsible_role", ""), "target_role": s.get("target_role", ""),
                  "decision_body": text_data(s.get("decision_body")), "declaration": text_data(s.get("declaration"))}
                 for s in procedure.get("steps") or []]
        return {"heading": text_data(procedure.get("heading")), "steps": steps}

    def add_blank_rows(self):
        self.steps.append_entry()

    def to_data(self):
        steps = []
        for row in (r.form for r in self.steps):
            if row.remove.data or is_blank(row, ignore=("remove", "responsible_role")):
                continue
            steps.append(_without_none({
                "type": row.type.data or "", "wording": text_value(row.wording) or {"ar": ""},
                "responsible_role": row.responsible_role.data or "", "target_role": row.target_role.data or None,
                "decision_body": text_value(row.decision_body), "declaration": text_value(row.declaration)}))
        return _without_none({"heading": text_value(self.heading), "steps": steps}) | {"steps": steps}

    def move(self, instruction: str) -> bool:
        """Apply ``up-3`` / ``down-3`` to the posted rows (not saved yet); False when not understood."""
        direction, _sep, index = (instruction or "").partition("-")
        if direction not in ("up", "down") or not index.isdigit():
            return False
        i = int(index)
        j = i - 1 if direction == "up" else i + 1
        if not (0 <= i < len(self.steps.entries) and 0 <= j < len(self.steps.entries)):
            return False
        entries = self.steps.entries
        first, second = entries[i].form.data, entries[j].form.data
        _fill(entries[i].form, second)
        _fill(entries[j].form, first)
        return True


def _fill(form, data: dict) -> None:
    for name, value in data.items():
        field = form[name]
        if hasattr(field, "form"):
            _fill(field.form, value)
        else:
            field.data = value
            field.raw_data = None


class MechanismRow(Form):
    key = HiddenField()
    enabled = BooleanField(_l("In use"))
    description = FormField(TextBlock, label=_l("Description"))


class CriterionRow(Form):
    kind = StringField(_l("Kind"))
    text = FormField(TextBlock, label=_l("Criterion"))
    remove = BooleanField(REMOVE)


class EligibilityForm(SectionForm):
    content_key = "eligibility"
    included = BooleanField(_l("This policy has an eligibility verification section"))
    heading = FormField(TextLine, label=_l("Heading"))
    steps = FieldList(FormField(TextRow), label=_l("Steps"))
    information_sources = FieldList(FormField(TextRow), label=_l("Sources of information"))
    mechanisms = FieldList(FormField(MechanismRow), label=_l("Mechanisms"))
    criteria = FieldList(FormField(CriterionRow), label=_l("Criteria"))
    purposes_intro = FormField(TextLine, label=_l("Introduction to the purposes"))
    purposes = FieldList(FormField(TextRow), label=_l("Purposes"))

    @classmethod
    def content_to_form(cls, content):
        section = content.get("eligibility") or {}
        mechanisms = [{"key": m["key"], "enabled": m.get("enabled", True), "description": text_data(m.get("description"))}
                      for m in section.get("mechanisms") or []]
        present = {m["key"] for m in mechanisms}
        mechanisms += [{"key": key, "enabled": False} for key in vocab.MECHANISMS if key not in present]
        return {"included": bool(section), "heading": text_data(section.get("heading")),
                "steps": _text_rows(section.get("steps")),
                "information_sources": _text_rows(section.get("information_sources")),
                "mechanisms": mechanisms,
                "criteria": [{"kind": c.get("kind", ""), "text": text_data(c.get("text"))}
                             for c in section.get("criteria") or []],
                "purposes_intro": text_data(section.get("purposes_intro")),
                "purposes": _text_rows(section.get("purposes"))}

    def add_blank_rows(self):
        for field in (self.steps, self.information_sources, self.criteria, self.purposes):
            field.append_entry()

    def to_data(self):
        if not self.included.data:
            return None
        mechanisms = [_without_none({"key": row.key.data, "enabled": bool(row.enabled.data),
                                     "description": text_value(row.description)})
                      for row in (r.form for r in self.mechanisms)
                      if row.enabled.data or text_value(row.description)]
        criteria = [{"kind": row.kind.data or "", "text": text_value(row.text) or {"ar": ""}}
                    for row in kept_rows(self.criteria)]
        return _without_none({
            "heading": text_value(self.heading), "steps": _text_list(self.steps),
            "information_sources": _text_list(self.information_sources), "criteria": criteria,
            "purposes_intro": text_value(self.purposes_intro), "purposes": _text_list(self.purposes),
        }) | {"mechanisms": mechanisms}


class DocumentRow(Form):
    key = HiddenField()
    name = FormField(TextLine, label=_l("Document"))
    has_expiry = BooleanField(_l("Has an expiry date"))
    must_be_valid_at_submission = BooleanField(_l("Must be valid at submission"))
    remove = BooleanField(REMOVE)


class ServiceRow(Form):
    key = HiddenField()
    name = FormField(TextLine, label=_l("Service"))
    description = FormField(TextBlock, label=_l("Description"))
    mechanisms = SelectMultipleField(_l("Verification it needs"), choices=[], validate_choice=False)
    required_documents = FieldList(FormField(DocumentRow), label=_l("Required documents"))
    remove = BooleanField(REMOVE)


class ServicesForm(SectionForm):
    content_key = list_field = "services"
    services = FieldList(FormField(ServiceRow), label=_l("Services"))

    @classmethod
    def content_to_form(cls, content):
        return {"services": [{
            "key": s.get("key", ""), "name": text_data(s.get("name")), "description": text_data(s.get("description")),
            "mechanisms": list(s.get("mechanisms") or []),
            "required_documents": [{"key": d.get("key", ""), "name": text_data(d.get("name")),
                                    "has_expiry": d.get("has_expiry", False),
                                    "must_be_valid_at_submission": d.get("must_be_valid_at_submission", False)}
                                   for d in s.get("required_documents") or []],
        } for s in content.get("services") or []]}

    def add_blank_rows(self):
        for row in self.services:
            row.form.required_documents.append_entry()
        self.services.append_entry()
        self.services.entries[-1].form.required_documents.append_entry()

    def to_data(self):
        taken = {row.form.key.data for row in self.services if row.form.key.data}
        data = []
        for row in (r.form for r in self.services):
            if row.remove.data or is_blank(row, ignore=("key", "remove", "has_expiry", "must_be_valid_at_submission")):
                continue
            key = row.key.data or make_key(row.name.en.data, taken, "service")
            data.append(_without_none({
                "key": key, "name": text_value(row.name) or {"ar": ""}, "description": text_value(row.description),
                "mechanisms": list(row.mechanisms.data or []), "required_documents": _documents(row)}))
        return data or None  # no services: the section is left out


def _documents(service_row) -> list[dict]:
    taken = {row.form.key.data for row in service_row.required_documents if row.form.key.data}
    documents = []
    for row in kept_rows(service_row.required_documents):
        key = row.key.data or make_key(row.name.en.data, taken, "document")
        documents.append({"key": key, "name": text_value(row.name) or {"ar": ""}, "has_expiry": bool(row.has_expiry.data),
                          "must_be_valid_at_submission": bool(row.must_be_valid_at_submission.data)})
    return documents


SECTION_FORMS = {
    "texts": TextsForm,
    "channels": ChannelsForm,
    "references": ReferencesForm,
    "procedure": ProcedureForm,
    "eligibility": EligibilityForm,
    "services": ServicesForm,
    "decision_window": DecisionWindowForm,
    "survey": SurveyForm,
}
