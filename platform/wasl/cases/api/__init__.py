"""Cases in the JSON API: the routes, the schemas they load and dump, and the transitions' documented body."""
