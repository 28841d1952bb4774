"""The login form that sets the session cookie (see ``auth.py``), and logging out."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from scheduler.web.app_state import web_state
from scheduler.web.auth import COOKIE, safe_next, same, session_value

SESSION_SECONDS = 30 * 24 * 3600


def _form(request: Request, *, error: str = "", status_code: int = 200) -> Response:
    state = web_state(request)
    context = {"active": "login", "generated": state.clock(), "locked": bool(state.token),
               "error": error, "next": safe_next(request.query_params.get("next"))}
    return state.templates.TemplateResponse(request, "login.html", context, status_code=status_code)


def login_form(request: Request) -> Response:
    return _form(request)


async def login_submit(request: Request) -> Response:
    state = web_state(request)
    form = await request.form(max_files=0, max_fields=4)
    given = str(form.get("token") or "")
    target = safe_next(str(form.get("next") or "/"))
    if not state.token:
        return RedirectResponse(target, status_code=303)
    if not given or not same(given, state.token):
        return _form(request, error="That is not the dashboard's token.", status_code=401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, session_value(state.token), max_age=SESSION_SECONDS, httponly=True,
                        samesite="strict", secure=request.url.scheme == "https", path="/")
    return response


def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response
