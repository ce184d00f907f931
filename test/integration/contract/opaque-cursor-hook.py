"""Schemathesis hook of test/integration/api-contract.test.ts: positive cases carry no made-up cursor.

A list or items cursor is opaque: only a `nextCursor` the API handed out for the same listing is valid. The
document says so in the parameter's description, which is all OpenAPI can say; its schema cannot tell a handed-out
cursor from any other string. A positive case with a generated cursor is rightly refused with 400, and the
`positive_data_acceptance` check would report it as a schema-valid request rejected. So positive cases are sent
without `cursor`, every other parameter as generated; negative cases keep theirs, and the server must refuse them.
"""

import schemathesis


@schemathesis.hook
def before_call(context, case, kwargs):
    meta = case.meta
    if meta is not None and meta.generation.mode.is_positive and case.query and "cursor" in case.query:
        del case.query["cursor"]
