"""The page a desk login gets once its user name and address are locked out (django-axes,
see settings: DESK_LOGIN_ATTEMPTS, DESK_LOCKOUT_MINUTES)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"attempts": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "desk/locked_out.html", context, status=429)
