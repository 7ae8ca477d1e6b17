"""Which model each object id in an association URL names (``<int:role_id>`` -> Role).

The cross-tenant test matrix reads this to fill every route with another
association's real object ids; a route whose argument is missing here fails
that test, so new routes cannot slip past it.
"""

URL_OBJECTS: dict[str, str] = {
    "role_id": "wasl.accounts.models:Role",
}

# Arguments that are not object ids, with a value the matrix can use.
URL_PLAIN_ARGS: dict[str, str] = {
    "lang": "ar",
}
