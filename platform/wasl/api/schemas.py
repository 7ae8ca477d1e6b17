"""Schemas shared by every API feature: problems and pagination."""

from marshmallow import Schema, fields, validate


class ProblemSchema(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.Dict(metadata={"description": "Field path to messages, for validation problems."})


class DuplicateProblemSchema(ProblemSchema):
    existing_id = fields.Integer(metadata={"description": "The beneficiary already registered with this ID."})
    existing_url = fields.String(metadata={"description": "Where to read that beneficiary."})


class PageArgsSchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
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
