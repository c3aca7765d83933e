"""A property-based contract test over the OpenAPI schema (hypothesis, no network): for every
operation, generated parameters (valid and hostile) as an owner, as staff and anonymously. Every
answer is JSON, never a 500; a 200 matches the documented response schema; a refusal is
``{"detail": str}`` with a status the API uses (400, 401, 404)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binaumkm.api.site import api

SCHEMA = json.loads(json.dumps(api.get_openapi_schema()))  # as served: status codes as strings
OPERATIONS = sorted(
    (path, op["operationId"]) for path, item in SCHEMA["paths"].items() for method, op in item.items()
    if method == "get"
)  # fmt: skip
REFUSALS = {400, 401, 404}

HOSTILE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "-1", "0", "1e3", "9" * 25, "null", "' OR 1=1 --", "%", "\u202e", "ÿ"]),
)


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = SCHEMA["components"]["schemas"][name]
    return schema


def conforms(value: Any, schema: dict[str, Any], where: str = "$") -> None:
    """A small JSON-schema check covering what ninja emits: $ref, anyOf, type, properties, items, enum."""
    schema = resolve(schema)
    if "anyOf" in schema:
        failures = []
        for option in schema["anyOf"]:
            try:
                conforms(value, option, where)
                return
            except AssertionError as exc:
                failures.append(str(exc))
        raise AssertionError(f"{where}: matches no anyOf option: {failures}")
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    kind = schema.get("type")
    checks = {
        "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
        "integer": int, "number": (int, float),
    }  # fmt: skip
    if kind:
        assert isinstance(value, checks[kind]), f"{where}: {value!r} is not {kind}"
        assert not (kind == "integer" and isinstance(value, bool)), where
    if kind == "object":
        for name in schema.get("required", []):
            assert name in value, f"{where}: {name} missing"
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                conforms(value[name], sub, f"{where}.{name}")
    if kind == "array":
        for i, item in enumerate(value):
            conforms(item, schema.get("items", {}), f"{where}[{i}]")


def value_for(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    """Valid values (at and past the bounds) mixed with hostile text."""
    schema = resolve(schema)
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    schema = resolve(options[0]) if options else {}
    if "enum" in schema:
        valid = st.sampled_from(schema["enum"])
    elif schema.get("type") == "integer":
        low, high = schema.get("minimum", -(2**31)), schema.get("maximum", 2**31)
        valid = st.integers(low - 1, high + 1).map(str)
    else:
        valid = st.text(max_size=schema.get("maxLength", 40) + 1)
    return st.one_of(valid, HOSTILE)


def operation(path: str, op_id: str) -> dict[str, Any]:
    return next(op for op in SCHEMA["paths"][path].values() if op["operationId"] == op_id)


@pytest.fixture
def callers(owner_pair, staff_user, bearer, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "API": {"ANON_RATE": "100000/m", "TOKEN_RATE": "100000/m"}}
    mine, _theirs, a, b = owner_pair
    return {"owner": bearer(mine), "staff": bearer(staff_user), "anonymous": {}}, (a.pk, b.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("path, op_id", OPERATIONS)
def test_every_operation_keeps_its_contract(path, op_id, callers):
    headers, ids = callers
    op = operation(path, op_id)
    params = op.get("parameters", [])
    ok_schema = op["responses"].get("200", {}).get("content", {}).get("application/json", {}).get("schema")
    client = Client()

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.data())
    def check(data):
        who = data.draw(st.sampled_from(sorted(headers)), label="caller")
        url = path
        query = {}
        for p in params:
            if p["in"] == "path":
                raw = data.draw(
                    st.one_of(st.sampled_from([str(i) for i in ids]), value_for(p["schema"])), p["name"]
                )
                url = url.replace("{" + p["name"] + "}", raw.replace("/", "%2F").replace("?", "%3F") or "0")
            elif data.draw(st.booleans(), label=f"send {p['name']}"):
                query[p["name"]] = data.draw(value_for(p["schema"]), label=p["name"])
        full = url + ("?" + urlencode(query) if query else "")
        response = client.get(full, **headers[who])
        assert response.status_code < 500, full
        assert response["Content-Type"].startswith("application/json"), f"{full}: {response['Content-Type']}"
        body = response.json()
        if response.status_code == 200:
            assert ok_schema is not None, f"{full}: 200 undocumented"
            conforms(body, ok_schema)
        else:
            assert response.status_code in REFUSALS, f"{full}: {response.status_code}"
            assert isinstance(body.get("detail"), str) and body["detail"], full

    check()
