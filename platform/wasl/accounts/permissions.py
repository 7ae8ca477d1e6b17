"""The one registry of permissions and the role templates seeded into every association.

Checking a permission that is not registered here raises, so a typo can never
silently deny (or grant) access.
"""

from flask_babel import lazy_gettext as _l


class UnknownPermission(KeyError):
    """A permission name that the registry does not declare."""


PERMISSIONS = {
    "tenant.view": _l("Enter the association's staff space"),
    "tenant.admin": _l("Administer the association: staff, roles, profile and settings"),
    "policy.view": _l("Read the policy and its versions"),
    "policy.edit": _l("Edit a draft of the policy"),
    "policy.approve": _l("Record the board's approval of a policy version"),
    "policy.publish": _l("Publish an approved policy version"),
    "beneficiaries.view": _l("See beneficiary records"),
    "beneficiaries.edit": _l("Register and update beneficiary records"),
    "cases.view": _l("See service requests"),
    "cases.create": _l("Open a service request"),
    "cases.handle": _l("Move a service request through its steps"),
    "cases.assign": _l("Assign and reassign service requests"),
    "cases.review": _l("Answer referrals and carry out eligibility checks"),
    "cases.vote": _l("Vote in the committee on a service request"),
    "cases.decide": _l("Issue the committee's decision"),
    "notifications.view": _l("See the notification delivery log"),
    "notifications.manage": _l("Manage notification templates, providers and resends"),
    "audit.view": _l("Read the association's audit log"),
    "feedback.handle": _l("Answer enquiries, suggestions and complaints"),
    "exports.create": _l("Export the association's lists as CSV or XLSX files"),
    "exports.personal_data": _l("Include personal data (IDs, mobiles, e-mails, birth dates) in exports"),
}


def check_known(name: str) -> str:
    if name not in PERMISSIONS:
        raise UnknownPermission(name)
    return name


_STAFF_BASE = {"tenant.view", "policy.view", "beneficiaries.view", "cases.view"}

ROLE_TEMPLATES = {
    "admin": {
        "name": {"ar": "مدير الجمعية", "en": "Association admin"},
        "permissions": set(PERMISSIONS),
    },
    "relations_officer": {
        "name": {"ar": "موظف علاقات المستفيدين", "en": "Beneficiary relations officer"},
        "permissions": _STAFF_BASE | {"beneficiaries.edit", "cases.create", "cases.handle", "feedback.handle"},
    },
    "social_researcher": {
        "name": {"ar": "مسؤول البحث الاجتماعي", "en": "Social-research officer"},
        "permissions": _STAFF_BASE | {"beneficiaries.edit", "cases.handle", "cases.review"},
    },
    "supervisor": {
        "name": {"ar": "المشرف", "en": "Supervisor"},
        "permissions": _STAFF_BASE
        | {"beneficiaries.edit", "cases.create", "cases.handle", "cases.assign", "cases.review",
           "notifications.view", "audit.view", "exports.create", "feedback.handle"},
    },
    "committee_member": {
        "name": {"ar": "عضو لجنة البحث", "en": "Research committee member"},
        "permissions": _STAFF_BASE | {"cases.vote", "cases.decide"},
    },
    "viewer": {
        "name": {"ar": "مطّلع", "en": "Viewer"},
        "permissions": set(_STAFF_BASE),
    },
}

for _template in ROLE_TEMPLATES.values():
    for _name in _template["permissions"]:
        check_known(_name)
