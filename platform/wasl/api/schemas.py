"""Schemas shared by every API feature: problems and pagination."""

from marshmallow import Schema, fields, validate

from wasl.web.converters import MAX_ID


class ProblemSchema(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.Dict(metadata={"description": "Field path to messages, for validation problems."})


class Id(fields.Integer):
    """A row's id in a request: a whole number from 1 to what a 64-bit id column holds."""

    def __init__(self, **kwargs):
        kwargs.setdefault("validate", validate.Range(min=1, max=MAX_ID))
        super().__init__(**kwargs)


class DuplicateProblemSchema(ProblemSchema):
    existing_id = fields.Integer(metadata={"description": "The beneficiary already registered with this ID."})
    existing_url = fields.String(metadata={"description": "Where to read that beneficiary."})


# The largest page number anyone may ask for. Far past the last page of any real list
# (2 147 483 647 pages of 100), and it keeps the SQL offset, at most about 2 * 10**11,
# well inside the 64-bit integer both databases use; a larger ``page`` is a 422.
MAX_PAGE = 2**31 - 1


class PageArgsSchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Integer(load_default=25, validate=validate.Range(min=1, max=100))


def page_of(item_schema) -> type[Schema]:
    """A paginated envelope schema around ``item_schema``."""
    name = f"{item_schema.__name__.removesuffix('Schema')}PageSchema"
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema)),
            "page": fields.Integer(),
            "per_page": fields.Integer(),
            "total": fields.Integer(),
            "pages": fields.Integer(),
        },
        name=name,
    )
