"""POST /api/ingest: analyse and store records sent as JSON (docs/format.md input).

Mounted only when the app has an ingest token; every request must carry
``Authorization: Bearer <token>`` (401 without one, 403 with a wrong one).
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from warta.errors import ConfigError, StoreError
from warta.ingest.readers import record_from_mapping
from warta.ingest.run import ingest

MAX_RECORDS = 1000  # per request
MAX_BODY_BYTES = 25_000_000  # read no further: 413
bearer = HTTPBearer(auto_error=False, description="the ingest token given to `warta serve`")


def check_token(
    request: Request, cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    token: str = request.app.state.ingest_token
    if cred is None or not cred.credentials:
        raise HTTPException(
            401, "missing token: send 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"}
        )
    if not hmac.compare_digest(cred.credentials.encode("utf-8", "replace"), token.encode("utf-8")):
        raise HTTPException(403, "wrong ingest token")


router = APIRouter(prefix="/api", tags=["write"], dependencies=[Depends(check_token)])


@router.post(
    "/ingest",
    summary="Analyse and store input records (one object or a list)",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
        "oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}]}}}}},
)
async def ingest_records(request: Request) -> dict[str, Any]:
    # The body is read here, after the token check, and never past MAX_BODY_BYTES.
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HTTPException(413, f"request body over {MAX_BODY_BYTES:,} bytes; send fewer records per request")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise HTTPException(413, f"request body over {MAX_BODY_BYTES:,} bytes; send fewer records per request")
    try:
        records = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise HTTPException(422, f"the body is not usable JSON: {type(exc).__name__}") from exc
    if not isinstance(records, dict | list):
        raise HTTPException(422, "send one input object or a list of them (docs/format.md)")
    return await run_in_threadpool(_ingest, request, records if isinstance(records, list) else [records])


def _ingest(request: Request, items: list[Any]) -> dict[str, Any]:
    if not items:
        raise HTTPException(422, "no records: send one input object or a non-empty list")
    if len(items) > MAX_RECORDS:
        raise HTTPException(413, f"{len(items)} records in one request; send at most {MAX_RECORDS}")
    store = request.app.state.store
    try:
        config = request.app.state.config()
        summary = ingest(
            (record_from_mapping(obj, f"<api>:{i}") for i, obj in enumerate(items)), store, config
        )
    except ConfigError as exc:
        raise HTTPException(503, f"the server's pipeline is misconfigured: {exc}") from exc
    except StoreError as exc:
        raise HTTPException(503, f"the store cannot be written: {exc}") from exc
    log = [
        {
            "input_id": r["input_id"],
            "status": r["status"],
            "reason": r["reason"],
            "article_id": r["article_id"],
        }
        for r in store.log_rows(run_id=summary.run_id)
    ]
    return {
        "run_id": summary.run_id,
        "read": summary.read,
        "stored": summary.stored,
        "unchanged": summary.unchanged,
        "skipped": summary.skipped,
        "failed": summary.failed,
        "ids": summary.new_ids,
        "log": log,
    }
